import { createHmac } from 'node:crypto';
import { secretsEqual } from '../workspaces/workspace-secrets.js';

/** The header a send webhook carries its signature in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-retain-signature';

/** The HMAC covers the timestamp and the exact body bytes, so a captured request cannot be replayed much later. */
const digest = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export const signWebhook = (body: string, secret: string, at: Date): string => {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
};

/**
 * What a shop's bridge runs on each request: the signature matches the body and is recent
 * (default: within 5 minutes). Exported for bridges written in TypeScript and for tests.
 */
export const verifyWebhookSignature = (header: string | undefined, body: string, secret: string, now: Date, toleranceSeconds = 300): boolean => {
  const fields = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(fields['t']);
  if (!Number.isInteger(timestamp) || !fields['v1']) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return secretsEqual(fields['v1'], digest(secret, timestamp, body));
};

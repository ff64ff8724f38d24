import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal payloads give equal text whatever their key order. */
const stableJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const BUCKET_MS = 15 * 60 * 1000;

/**
 * An idempotency key for platforms that send no delivery id (Cafe24, shopby): a digest of
 * the payload. Payloads without a time of their own (a login, a cart add) also get the
 * 15-minute window they arrived in, so the same customer logging in tomorrow is a new event
 * while a retry within the window is not.
 */
export const payloadKey = (payload: unknown, receivedAt?: string): string => {
  const digest = createHash('sha256').update(stableJson(payload)).digest('base64url').slice(0, 27);
  return receivedAt ? `${digest}@${Math.floor(Date.parse(receivedAt) / BUCKET_MS)}` : digest;
};

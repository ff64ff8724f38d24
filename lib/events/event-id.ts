import { createHash } from 'node:crypto';

/**
 * Retain's event id: a short, key-safe digest of the source and the source's own
 * idempotency key, so a retried delivery gets the same id and stops at the dedupe marker.
 */
export const eventIdFor = (source: string, dedupeKey: string): string =>
  createHash('sha256').update(`${source}\n${dedupeKey}`).digest('base64url').slice(0, 22);

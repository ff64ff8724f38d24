import type { CanonicalEvent } from '../events/canonical-event.js';

/** A customer whose data must be erased (withdrawal, deletion, GDPR redaction). */
export interface ErasureRequest {
  workspace: string;
  customerId: string;
  /** Events that happened before this are the erased customer's; later ones start afresh. */
  requestedAt: string;
  /** Where the request came from, e.g. "shopify customers/redact" (no personal data). */
  source: string;
}

/** What one webhook delivery asks Retain to do. */
export interface WebhookResult {
  events: CanonicalEvent[];
  erasures: ErasureRequest[];
  /** Why nothing was stored, for deliveries Retain does not act on (unknown topics…). */
  ignored?: string;
}

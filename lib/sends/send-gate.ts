import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { SendAction } from './send-action.js';

/** A rule matched a customer and wants to send: what trigger and schedule paths hand to the gate. */
export interface SendRequest {
  workspace: string;
  customerId: string;
  rule: { id: string; version: number; priority: number };
  action: SendAction;
  /** Position of the action in the rule, so two send actions of one rule are told apart. */
  actionIndex: number;
  /** What one occurrence is (the cart, the order, "first-order+30d"): at most one send per rule, customer, occurrence. */
  occurrence: string;
  profile: ProfileView;
  /** The event that matched (trigger rules), if any. */
  event?: CanonicalEvent;
  matchedAt: string;
}

export type SendOutcome =
  | 'sent'
  | 'deferred-quiet-hours'
  | 'deferred-budget'
  | 'blocked-no-consent'
  | 'duplicate'
  | 'holdout'
  | 'expired';

export interface SendDecision {
  outcome: SendOutcome;
  /** For deferrals: when it will be tried again. */
  notBefore?: string;
  reason?: string;
}

/** The port every trigger path sends through: consent, ad law, quiet hours, fatigue, exactly once. */
export interface SendGate {
  request(send: SendRequest): Promise<SendDecision>;
}

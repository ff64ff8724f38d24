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

/**
 * What the gate decided, recorded on the send ledger and counted per rule:
 * - `sent`: on the sends queue (possibly with a delay of up to 15 minutes);
 * - `deferred-quiet-hours` / `deferred-budget`: waits for 08:00 (20:50–08:00 for Brand
 *   Messages) or for the customer's next fatigue window, then is decided again;
 * - `blocked-no-consent`: no (or a stale, > 2 years) consent for the channel and purpose;
 * - `blocked-no-recipient`: no phone number / e-mail address on the profile for the channel;
 * - `blocked-dormant`: an ad for a customer tagged `dormant` (휴면 회원);
 * - `blocked-misconfigured`: the workspace or rule cannot send it (no sender for ads, a
 *   template that fails to render, an ad on AlimTalk, an AlimTalk without its template code,
 *   an information message with ad content);
 * - `duplicate`: this rule, customer and occurrence already has a send;
 * - `holdout`: in the control group — recorded for lift, never sent;
 * - `expired`: could not go out before the action's `expiresAfter`.
 */
export const SEND_OUTCOMES = [
  'sent',
  'deferred-quiet-hours',
  'deferred-budget',
  'blocked-no-consent',
  'blocked-no-recipient',
  'blocked-dormant',
  'blocked-misconfigured',
  'duplicate',
  'holdout',
  'expired',
] as const;
export type SendOutcome = (typeof SEND_OUTCOMES)[number];

export interface SendDecision {
  outcome: SendOutcome;
  /** For deferrals: when it will be tried again; for `sent`: when it may be delivered. */
  notBefore?: string;
  reason?: string;
  /** The ledger entry's id (for `duplicate`, the existing one's). */
  sendId?: string;
  /** The variant chosen (`default` for a single message), once assigned. */
  arm?: string;
  /** For `duplicate`: what the gate decided on the entry already there. */
  original?: SendOutcome;
}

/** Outcomes by which the gate took the message on: it is on its way, or waits for its window. */
const ACCEPTED: ReadonlySet<SendOutcome> = new Set(['sent', 'deferred-quiet-hours', 'deferred-budget']);

/**
 * Whether the gate took the send on (sent, or deferred to go out later) — for a duplicate,
 * whether it took on the send already recorded. A rule's tags after a send follow this.
 */
export const sendAccepted = (decision: SendDecision): boolean =>
  ACCEPTED.has(decision.outcome) || (decision.outcome === 'duplicate' && decision.original !== undefined && ACCEPTED.has(decision.original));

/** The port every trigger path sends through: consent, ad law, quiet hours, fatigue, exactly once. */
export interface SendGate {
  request(send: SendRequest): Promise<SendDecision>;
}

import type { SendOutcome } from '../sends/send-gate.js';

/**
 * What happened to a rule for a customer, as the trigger and schedule paths see it:
 * - `matched`: the audience matched and the rule acted (now, at the end of a wait, or on its day);
 * - `waiting`: a wait started or moved;  `cancelled`: an event in `cancelOn` ended a wait;
 * - `lapsed`: a wait ended but the audience no longer matched (e.g. the cart was emptied);
 * - `stale`: the event was older than the rule's `maxEventAge` when it arrived: it did not start the rule;
 * - `send:<outcome>`: the send gate's decision on one send action;  `tagged`: tags changed.
 */
export type RuleActivityKind = 'matched' | 'waiting' | 'cancelled' | 'lapsed' | 'stale' | 'tagged' | `send:${SendOutcome}`;

export interface RuleActivityEntry {
  workspace: string;
  ruleId: string;
  customerId: string;
  kind: RuleActivityKind;
  /** When, on the rule's own clock: the event's time, a wait's due time, a scheduled day's run time. */
  at: string;
  /** How many (a cancel event can end several waits). */
  count?: number;
}

/** Where rule activity is reported: structured logs in production, a tally in `simulate`. */
export interface RuleActivity {
  record(entry: RuleActivityEntry): void;
}

export const ignoreRuleActivity: RuleActivity = { record: () => undefined };

import { createHash } from 'node:crypto';
import type { CanonicalEvent, Channel } from '../events/canonical-event.js';
import type { SendAction } from './send-action.js';
import type { SendOutcome } from './send-gate.js';
import type { SendMessage } from './send-message.js';

/** One send: at most one per rule, customer, occurrence and send action of the rule. */
export interface SendKey {
  workspace: string;
  customerId: string;
  ruleId: string;
  occurrence: string;
  actionIndex: number;
}

/**
 * Where a send stands:
 * `pending` (deferred; a timer resumes it) → `enqueuing` (ledger written, message on its
 * way to SQS) → `queued` → `delivered` | `failed` (dead-lettered); or it ends as `holdout`,
 * `blocked` or `expired` without a message.
 */
export type SendState = 'pending' | 'enqueuing' | 'queued' | 'delivered' | 'failed' | 'holdout' | 'blocked' | 'expired';

/** States in which the message has left the gate. */
export const LEFT_GATE: ReadonlySet<SendState> = new Set(['enqueuing', 'queued', 'delivered', 'failed']);

export type DeferralReason = 'quiet-hours' | 'budget';

export interface SendTransition {
  at: string;
  state: SendState;
  outcome?: SendOutcome;
  reason?: string;
}

/** A send ledger entry: the decision, its reason and every later state change. */
export interface SendRecord {
  key: SendKey;
  sendId: string;
  dedupeKey: string;
  /** Raised on every change; writers condition on it. */
  rev: number;
  rule: { id: string; version: number; priority: number };
  channel: Channel;
  purpose: 'info' | 'ad';
  /** Variant id, `default`, or `holdout`; null when blocked before assignment. */
  arm: string | null;
  state: SendState;
  /** The gate's latest decision. */
  outcome: SendOutcome;
  reason?: string;
  matchedAt: string;
  updatedAt: string;
  expiresAt?: string;
  /** Deferred or delayed until. */
  notBefore?: string;
  /** While `enqueuing`: until when the writer holds it; past it, a retry may enqueue it again. */
  leaseUntil?: string;
  queuedAt?: string;
  deliveredAt?: string;
  /** When the customer was touched (delivered, or assigned to the holdout): attribution windows start here. */
  touchedAt?: string;
  goal?: { event: 'order_placed'; withinDays: number };
  /** Delivery attempts that failed. */
  attempts: number;
  lastError?: string;
  /** Why it has been deferred so far (each counted once in the rule's stats). */
  deferrals: DeferralReason[];
  history: SendTransition[];
  /** What to send, kept so a deferred send can be decided again. */
  action: SendAction;
  event?: CanonicalEvent;
  /** The message, once rendered for the queue. */
  message?: SendMessage;
  /** Repeated requests refused as duplicates of this entry, and the latest one. */
  duplicates?: { count: number; lastAt: string };
}

/** The same for every attempt at one send: providers dedupe on it. */
export const dedupeKeyOf = (key: SendKey): string =>
  createHash('sha256').update([key.workspace, key.customerId, key.ruleId, key.occurrence, String(key.actionIndex)].join('\n')).digest('base64url').slice(0, 32);

const MAX_HISTORY = 20;

/** The record after a change: next revision, the change appended to its history. */
export const transition = (record: SendRecord, change: Partial<SendRecord> & { state: SendState }, at: Date): SendRecord => {
  const next = { ...record, ...change, rev: record.rev + 1, updatedAt: at.toISOString() };
  const entry: SendTransition = { at: at.toISOString(), state: next.state, ...(change.outcome ? { outcome: change.outcome } : {}), ...(change.reason ? { reason: change.reason } : {}) };
  return { ...next, history: [...record.history, entry].slice(-MAX_HISTORY) };
};

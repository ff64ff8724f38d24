import type { Channel } from '../events/canonical-event.js';
import type { CounterDelta } from './send-counters.js';
import type { SendKey, SendRecord } from './send-record.js';

/** One message against the customer's fatigue budget: counted on `day` only while that day's count is below `limit`. */
export interface FatigueCharge {
  channel: Channel;
  /** Local date (workspace time zone) the message goes out on. */
  day: string;
  limit: number;
}

/**
 * The port of the send ledger, the fatigue counters and the rule counters (the table in
 * production). A ledger write and its fatigue charge succeed or fail together; rule counters
 * are added after the ledger change that they count.
 */
export interface SendStore {
  get(key: SendKey): Promise<SendRecord | undefined>;
  /** The customer's ledger, every rule. */
  listForCustomer(workspace: string, customerId: string): Promise<SendRecord[]>;
  /** Writes a new entry unless the key has one (`exists`); with a charge, only within the budget (`over-budget`). */
  create(record: SendRecord, charge?: FatigueCharge): Promise<'created' | 'exists' | 'over-budget'>;
  /** Replaces an entry that still has `expectedRev` (`conflict` if it changed or is gone). */
  replace(record: SendRecord, expectedRev: number, charge?: FatigueCharge): Promise<'replaced' | 'conflict' | 'over-budget'>;
  /**
   * Notes a repeated request on an existing entry (how many, the latest when) without
   * changing its revision, so it never gets in the way of the writers that decide and
   * deliver; a later replace keeps the note.
   */
  noteDuplicate(key: SendKey, at: string): Promise<void>;
  /** Messages counted per local day, `fromDay` to `toDay` inclusive (days without any are left out). */
  fatigueCounts(workspace: string, customerId: string, channel: Channel, fromDay: string, toDay: string): Promise<Record<string, number>>;
  addCounters(workspace: string, deltas: CounterDelta[]): Promise<void>;
}

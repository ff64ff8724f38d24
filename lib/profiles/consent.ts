import type { ConsentChange } from '../events/canonical-event.js';
import type { Stamp } from './stamp.js';

/** One decision about one channel and purpose; `at` is when the customer made it, as the source says. */
export interface ConsentRecord extends Stamp {
  state: 'granted' | 'denied';
  source: string;
  /** When Retain received it (epoch ms); absent on records written before receipt times were kept. */
  receivedAt?: number;
}

/** channel → purpose → the decision in force. */
export type ConsentState = Record<string, Record<string, ConsentRecord>>;

/**
 * Receipt times are kept from this version on: every record that has one was received later,
 * and one without was received before this version ran, so no later than this (or its `at`).
 */
const RECEIPTS_KEPT_FROM = Date.parse('2026-12-02T00:00:00.000Z');

const receivedAtOf = (record: ConsentRecord): number => record.receivedAt ?? Math.min(record.at, RECEIPTS_KEPT_FROM);

/**
 * From when a decision holds, the key of the merge. A grant holds from the earlier of its
 * own time and its receipt (no one can have been given consent later than Retain heard of
 * it, so a grant dated 2099 counts from its receipt), a withdrawal from the later of the two
 * (it is in force at the latest once Retain has it). The latest key wins, a withdrawal on a
 * tie. So a withdrawal wins over every grant that was not both given and received after the
 * withdrawal was received — a late retry of an older grant, a future-dated one, a grant sent
 * while the withdrawal was on its way — and a grant given after that undoes it.
 */
export const consentSince = (record: ConsentRecord): number =>
  record.state === 'granted' ? Math.min(record.at, receivedAtOf(record)) : Math.max(record.at, receivedAtOf(record));

/**
 * The decision in force of two: a total order (key, withdrawal before grant, then every other
 * field), so the merge is commutative, associative and idempotent.
 */
export const laterConsent = (a: ConsentRecord, b: ConsentRecord): ConsentRecord => {
  const order =
    consentSince(a) - consentSince(b) ||
    Number(a.state === 'denied') - Number(b.state === 'denied') ||
    a.at - b.at ||
    (a.receivedAt ?? -Infinity) - (b.receivedAt ?? -Infinity) ||
    compareText(a.id, b.id) ||
    compareText(a.source, b.source);
  return order >= 0 ? a : b;
};

/** One event's consent changes: each at its own time if the source gives one, else the event's. */
export const consentOf = (changes: ConsentChange[], stamp: Stamp, source: string, receivedAt: number | undefined): ConsentState => {
  const consent: ConsentState = {};
  for (const change of changes) {
    const record: ConsentRecord = {
      at: change.at ? Date.parse(change.at) : stamp.at,
      id: stamp.id,
      state: change.state,
      source,
      ...(receivedAt === undefined ? {} : { receivedAt }),
    };
    const channel = (consent[change.channel] ??= {});
    const current = channel[change.purpose];
    channel[change.purpose] = current ? laterConsent(current, record) : record;
  }
  return consent;
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

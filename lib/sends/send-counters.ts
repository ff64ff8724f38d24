import { LEFT_GATE, type SendRecord } from './send-record.js';

/**
 * A rule's send counters, kept per rule version and arm (variant, `default`, `holdout`, or
 * `-` for sends blocked before assignment). Each counts ledger entries, once per entry:
 * `matched` every entry; `sent` those that left the gate; `deferred-*` those deferred at
 * least once for that reason; `blocked-*`, `holdout`, `expired` how entries ended;
 * `delivered` and `failed` what delivery made of them; `converted` and `revenue` the
 * orders attributed; `duplicate` requests refused as repeats.
 */
export interface CounterDelta {
  ruleId: string;
  version: number;
  arm: string;
  counts: Record<string, number>;
}

export const UNASSIGNED_ARM = '-';

const add = (counts: Record<string, number>, name: string, by = 1) => {
  counts[name] = (counts[name] ?? 0) + by;
};

/** What a ledger change adds to the rule's counters (nothing for a change that counts nothing). */
export const countersFor = (before: SendRecord | undefined, after: SendRecord): CounterDelta[] => {
  const counts: Record<string, number> = {};
  if (!before) add(counts, 'matched');
  const was = before?.state;
  if (after.state !== was) {
    if (LEFT_GATE.has(after.state) && !(was && LEFT_GATE.has(was))) add(counts, 'sent');
    if (after.state === 'delivered') add(counts, 'delivered');
    if (after.state === 'failed') add(counts, 'failed');
    if (was === 'failed') add(counts, 'failed', -1); // redriven and delivered after all
    if (after.state === 'holdout' || after.state === 'expired') add(counts, after.state);
    if (after.state === 'blocked') add(counts, after.outcome);
  }
  for (const reason of after.deferrals) if (!before?.deferrals.includes(reason)) add(counts, `deferred-${reason}`);
  return Object.keys(counts).length === 0 ? [] : [{ ruleId: after.rule.id, version: after.rule.version, arm: after.arm ?? UNASSIGNED_ARM, counts }];
};

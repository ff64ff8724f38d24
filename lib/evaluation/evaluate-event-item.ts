import { containedRules, type ContainedRuleFailure } from '../automations/contained-rules.js';
import type { SetAsideRecord } from '../poison/set-aside.js';
import { attributeConversion } from '../sends/attribute-conversion.js';
import type { SendStatsStore } from '../sends/send-stats-store.js';
import type { SendStore } from '../sends/send-store.js';
import { countEvent } from '../stats/count-event.js';
import type { EventStatsStore } from '../stats/event-stats-store.js';
import { committedEventOf } from '../triggers/committed-event.js';
import { evaluateTriggers, type TriggerDeps } from '../triggers/evaluate-triggers.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';

export const EVALUATE_CONSUMER = 'evaluate';

/** A committed event item as the stream consumer sets it aside: where it is and what it was. */
export interface EvaluationRecord extends SetAsideRecord {
  /** The item came through again because someone asked for a replay of its set-aside entry. */
  replay: boolean;
}

export interface EvaluateDeps extends TriggerDeps {
  stats: EventStatsStore;
  sends: Pick<SendStore, 'listForCustomer'>;
  sendStats: Pick<SendStatsStore, 'recordConversion'>;
  settings: WorkspaceSettingsStore;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The set-aside record of an event item (as the stream's NewImage holds it, keys included), whatever else the item holds. */
export const evaluationRecordOf = (item: Record<string, unknown>): EvaluationRecord => {
  const itemKey = { pk: String(item['pk']), sk: String(item['sk']) };
  return {
    consumer: EVALUATE_CONSUMER,
    itemKey,
    workspace: text(item['workspace']) ?? '',
    customerId: text(item['customerId']),
    recordId: text(item['eventId']) ?? itemKey.sk,
    recordType: text(item['type']),
    occurredAt: text(item['occurredAt']),
    ...(typeof item['ttl'] === 'number' ? { expiresAt: item['ttl'] } : {}),
    replay: item['replayRequestedAt'] !== undefined,
  };
};

/**
 * Everything evaluation does with one committed event item:
 * 1. counts it towards the workspace's daily totals (once per event);
 * 2. attributes an order to the rules whose sends touched the customer;
 * 3. runs the trigger rules on it — a rule that throws on this customer's data does not
 *    match, and is reported to `contain` (the other rules go on).
 * Each step is safe to repeat: stream retries and replays do it again.
 */
export const evaluateEventItem = async (item: Record<string, unknown>, contain: (failure: ContainedRuleFailure) => void, deps: EvaluateDeps): Promise<void> => {
  if (item['entity'] !== 'event') return;
  await countEvent({ workspace: item['workspace'] as string, eventId: item['eventId'] as string, type: item['type'] as string, occurredAt: item['occurredAt'] as string }, deps);
  const committed = committedEventOf(item);
  if (!committed) return;
  await attributeConversion({ ...committed, profileId: String(item['customerId']) }, { sends: deps.sends, stats: deps.sendStats });
  await evaluateTriggers(committed, { ...deps, rules: containedRules(deps.rules, contain) });
};

import { HOLDOUT_ARM } from './arm-assignment.js';
import { UNASSIGNED_ARM } from './send-counters.js';
import type { ArmCounters, SendStatsStore } from './send-stats-store.js';

export interface ArmStats {
  version: number;
  arm: string;
  counts: Record<string, number>;
  /** converted ÷ delivered (holdout: converted ÷ assigned); null when nothing to divide by. */
  conversionRate: number | null;
}

/** What `GET /v1/rules/{id}/stats` and `retain stats <rule>` show. */
export interface RuleSendStats {
  workspace: string;
  ruleId: string;
  matched: number;
  sent: number;
  delivered: number;
  failed: number;
  expired: number;
  duplicates: number;
  /** Sends deferred at least once, by reason. */
  deferred: { 'quiet-hours': number; budget: number };
  /** Sends blocked, by reason (`no-consent`, `no-recipient`, `dormant`, `misconfigured`). */
  blocked: Record<string, number>;
  /** Orders attributed to delivered messages, and their revenue. */
  converted: number;
  revenue: number;
  conversionRate: number | null;
  holdout: { assigned: number; converted: number; revenue: number; conversionRate: number | null };
  /** conversionRate ÷ holdout conversionRate − 1; null without holdout conversions to compare with. */
  lift: number | null;
  arms: ArmStats[];
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

const sum = (arms: ArmCounters[], name: string): number => arms.reduce((total, arm) => total + (arm.counts[name] ?? 0), 0);

/** A rule's send funnel, conversions and lift against its holdout, over all its versions. */
export const ruleSendStats = async (workspace: string, ruleId: string, deps: { stats: Pick<SendStatsStore, 'ruleCounters'> }): Promise<RuleSendStats> => {
  const arms = (await deps.stats.ruleCounters(workspace, ruleId)).sort((a, b) => a.version - b.version || a.arm.localeCompare(b.arm));
  const holdoutArms = arms.filter((arm) => arm.arm === HOLDOUT_ARM);
  const messageArms = arms.filter((arm) => arm.arm !== HOLDOUT_ARM && arm.arm !== UNASSIGNED_ARM);
  const blocked: Record<string, number> = {};
  for (const arm of arms) {
    for (const [name, count] of Object.entries(arm.counts)) if (name.startsWith('blocked-') && count !== 0) blocked[name.slice('blocked-'.length)] = (blocked[name.slice('blocked-'.length)] ?? 0) + count;
  }
  const delivered = sum(messageArms, 'delivered');
  const converted = sum(messageArms, 'converted');
  const assigned = sum(holdoutArms, 'holdout');
  const holdoutConverted = sum(holdoutArms, 'converted');
  const conversionRate = rate(converted, delivered);
  const holdoutRate = rate(holdoutConverted, assigned);
  return {
    workspace,
    ruleId,
    matched: sum(arms, 'matched'),
    sent: sum(arms, 'sent'),
    delivered,
    failed: sum(arms, 'failed'),
    expired: sum(arms, 'expired'),
    duplicates: sum(arms, 'duplicate'),
    deferred: { 'quiet-hours': sum(arms, 'deferred-quiet-hours'), budget: sum(arms, 'deferred-budget') },
    blocked,
    converted,
    revenue: sum(messageArms, 'revenue'),
    conversionRate,
    holdout: { assigned, converted: holdoutConverted, revenue: sum(holdoutArms, 'revenue'), conversionRate: holdoutRate },
    lift: conversionRate !== null && holdoutRate !== null && holdoutRate > 0 ? conversionRate / holdoutRate - 1 : null,
    arms: arms.map((arm) => ({
      ...arm,
      conversionRate: arm.arm === HOLDOUT_ARM ? rate(arm.counts['converted'] ?? 0, arm.counts['holdout'] ?? 0) : rate(arm.counts['converted'] ?? 0, arm.counts['delivered'] ?? 0),
    })),
  };
};

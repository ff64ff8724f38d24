import type { CounterDelta } from './send-counters.js';

/** An order attributed to a send (or a holdout assignment) of a rule. */
export interface Conversion {
  workspace: string;
  customerId: string;
  orderId: string;
  ruleId: string;
  version: number;
  arm: string;
  sendId: string;
  revenue: number;
  currency: string | null;
  orderedAt: string;
  touchedAt: string;
}

export interface ArmCounters {
  version: number;
  arm: string;
  counts: Record<string, number>;
}

/** The port conversions are recorded through and rule counters read from. */
export interface SendStatsStore {
  /** Records an order's conversion for a rule once (`already-recorded` on a replay) and counts it. */
  recordConversion(conversion: Conversion, counters: CounterDelta[]): Promise<'recorded' | 'already-recorded'>;
  ruleCounters(workspace: string, ruleId: string): Promise<ArmCounters[]>;
}

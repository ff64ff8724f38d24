import type { Channel } from '../../lib/events/canonical-event.js';
import type { CounterDelta } from '../../lib/sends/send-counters.js';
import type { SendKey, SendRecord } from '../../lib/sends/send-record.js';
import type { ArmCounters, Conversion, SendStatsStore } from '../../lib/sends/send-stats-store.js';
import type { FatigueCharge, SendStore } from '../../lib/sends/send-store.js';

const keyText = (key: SendKey) => [key.workspace, key.customerId, key.ruleId, key.occurrence, key.actionIndex].join('|');

/** An in-memory SendStore and SendStatsStore with the conditions of the DynamoDB ones. */
export class InMemorySendStore implements SendStore, SendStatsStore {
  readonly records = new Map<string, SendRecord>();
  readonly fatigue = new Map<string, number>();
  readonly counters = new Map<string, ArmCounters & { workspace: string; ruleId: string }>();
  readonly conversions = new Map<string, Conversion>();

  async get(key: SendKey): Promise<SendRecord | undefined> {
    const record = this.records.get(keyText(key));
    return record && structuredClone(record);
  }

  async listForCustomer(workspace: string, customerId: string): Promise<SendRecord[]> {
    return [...this.records.values()].filter((record) => record.key.workspace === workspace && record.key.customerId === customerId).map((record) => structuredClone(record));
  }

  async create(record: SendRecord, charge?: FatigueCharge): Promise<'created' | 'exists' | 'over-budget'> {
    if (this.records.has(keyText(record.key))) return 'exists';
    if (charge && !this.charge(record.key, charge)) return 'over-budget';
    this.records.set(keyText(record.key), structuredClone(record));
    return 'created';
  }

  async replace(record: SendRecord, expectedRev: number, charge?: FatigueCharge): Promise<'replaced' | 'conflict' | 'over-budget'> {
    if (this.records.get(keyText(record.key))?.rev !== expectedRev) return 'conflict';
    if (charge && !this.charge(record.key, charge)) return 'over-budget';
    const { duplicates } = this.records.get(keyText(record.key))!;
    this.records.set(keyText(record.key), { ...structuredClone(record), ...(duplicates ? { duplicates } : {}) });
    return 'replaced';
  }

  async noteDuplicate(key: SendKey, at: string): Promise<void> {
    const record = this.records.get(keyText(key));
    if (record) record.duplicates = { count: (record.duplicates?.count ?? 0) + 1, lastAt: at };
  }

  async fatigueCounts(workspace: string, customerId: string, channel: Channel, fromDay: string, toDay: string): Promise<Record<string, number>> {
    const prefix = `${workspace}|${customerId}|${channel}|`;
    return Object.fromEntries(
      [...this.fatigue.entries()].filter(([key]) => key.startsWith(prefix) && key.slice(prefix.length) >= fromDay && key.slice(prefix.length) <= toDay).map(([key, count]) => [key.slice(prefix.length), count]),
    );
  }

  async addCounters(workspace: string, deltas: CounterDelta[]): Promise<void> {
    for (const delta of deltas) {
      const key = `${workspace}|${delta.ruleId}|${delta.version}|${delta.arm}`;
      const entry = this.counters.get(key) ?? { workspace, ruleId: delta.ruleId, version: delta.version, arm: delta.arm, counts: {} };
      for (const [name, by] of Object.entries(delta.counts)) entry.counts[name] = (entry.counts[name] ?? 0) + by;
      this.counters.set(key, entry);
    }
  }

  async recordConversion(conversion: Conversion, counters: CounterDelta[]): Promise<'recorded' | 'already-recorded'> {
    const key = `${conversion.workspace}|${conversion.customerId}|${conversion.orderId}|${conversion.ruleId}`;
    if (this.conversions.has(key)) return 'already-recorded';
    this.conversions.set(key, conversion);
    await this.addCounters(conversion.workspace, counters);
    return 'recorded';
  }

  async ruleCounters(workspace: string, ruleId: string): Promise<ArmCounters[]> {
    return [...this.counters.values()].filter((entry) => entry.workspace === workspace && entry.ruleId === ruleId).map(({ version, arm, counts }) => ({ version, arm, counts: { ...counts } }));
  }

  /** The counter of one rule, version and arm (0 when never counted). */
  count(ruleId: string, name: string, arm?: string): number {
    return [...this.counters.values()].filter((entry) => entry.ruleId === ruleId && (arm === undefined || entry.arm === arm)).reduce((sum, entry) => sum + (entry.counts[name] ?? 0), 0);
  }

  private charge(key: SendKey, charge: FatigueCharge): boolean {
    const counter = `${key.workspace}|${key.customerId}|${charge.channel}|${charge.day}`;
    const count = this.fatigue.get(counter) ?? 0;
    if (charge.limit <= 0 || count >= charge.limit) return false;
    this.fatigue.set(counter, count + 1);
    return true;
  }
}

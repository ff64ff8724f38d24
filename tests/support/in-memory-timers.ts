import { randomUUID } from 'node:crypto';
import type { ClaimedTimer, DueTimerQueue, DueTimerSlot } from '../../lib/timers/due-timers.js';
import type { Timer, TimerStore } from '../../lib/timers/timer-store.js';

interface Entry {
  timer: Timer;
  attemptAt: string;
  attempts: number;
  claimId?: string;
}

/** Timers in memory with the DynamoDB store's conditions: start-time guard, claim on the due time, delete on the claim. */
export class InMemoryTimers implements TimerStore, DueTimerQueue {
  readonly shards = 2;
  readonly entries = new Map<string, Entry>();

  async set(timer: Timer): Promise<void> {
    const existing = this.entries.get(idOf(timer));
    if (timer.startedAt && existing?.timer.startedAt && existing.timer.startedAt > timer.startedAt) return;
    this.entries.set(idOf(timer), { timer: structuredClone(timer), attemptAt: timer.dueAt, attempts: 0 });
  }

  async cancel(workspace: string, customerId: string, key: string): Promise<void> {
    this.entries.delete(idOf({ workspace, customerId, key }));
  }

  async cancelStartedUpTo(workspace: string, customerId: string, keyPrefix: string, startedUpTo: string): Promise<number> {
    let cancelled = 0;
    for (const [id, entry] of this.entries) {
      const { timer } = entry;
      if (timer.workspace !== workspace || timer.customerId !== customerId || !timer.key.startsWith(keyPrefix)) continue;
      if (timer.startedAt && timer.startedAt > startedUpTo) continue;
      this.entries.delete(id);
      cancelled += 1;
    }
    return cancelled;
  }

  async *due(shard: number, now: Date): AsyncIterable<DueTimerSlot> {
    const due = [...this.entries.entries()]
      .filter(([id, entry]) => shardOf(id, this.shards) === shard && entry.attemptAt <= now.toISOString())
      .sort((a, b) => a[1].attemptAt.localeCompare(b[1].attemptAt))
      // Read once, as an index query returns a page: what others do meanwhile is not seen.
      .map(([, entry]) => ({ workspace: entry.timer.workspace, customerId: entry.timer.customerId, key: entry.timer.key, attemptAt: entry.attemptAt }));
    for (const slot of due) yield slot;
  }

  async claim(slot: DueTimerSlot, leaseUntil: Date): Promise<ClaimedTimer | undefined> {
    const entry = this.entries.get(idOf(slot));
    if (!entry || entry.attemptAt !== slot.attemptAt) return undefined;
    entry.attemptAt = leaseUntil.toISOString();
    entry.claimId = randomUUID();
    entry.attempts += 1;
    return { timer: structuredClone(entry.timer), claimId: entry.claimId, attempts: entry.attempts };
  }

  async complete(claimed: ClaimedTimer): Promise<void> {
    const id = idOf(claimed.timer);
    if (this.entries.get(id)?.claimId === claimed.claimId) this.entries.delete(id);
  }

  /** The timers as stored, for assertions. */
  list(): Timer[] {
    return [...this.entries.values()].map((entry) => entry.timer);
  }

  /** The timers of a customer, earliest first. */
  of(customerId: string, kind?: Timer['kind']): Timer[] {
    return this.list()
      .filter((timer) => timer.customerId === customerId && (kind === undefined || timer.kind === kind))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
}

const idOf = (timer: { workspace: string; customerId: string; key: string }) => `${timer.workspace}|${timer.customerId}|${timer.key}`;
const shardOf = (id: string, shards: number) => [...id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % shards;

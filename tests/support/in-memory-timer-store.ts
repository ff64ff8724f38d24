import type { Timer, TimerStore } from '../../lib/timers/timer-store.js';

/** Timers kept in memory: what a send or trigger has set, by customer and key. */
export class InMemoryTimerStore implements TimerStore {
  readonly timers = new Map<string, Timer>();

  async set(timer: Timer): Promise<void> {
    this.timers.set(`${timer.workspace}|${timer.customerId}|${timer.key}`, structuredClone(timer));
  }

  async cancel(workspace: string, customerId: string, key: string): Promise<void> {
    this.timers.delete(`${workspace}|${customerId}|${key}`);
  }

  /** The timers of a customer, earliest first. */
  of(customerId: string, kind?: Timer['kind']): Timer[] {
    return [...this.timers.values()].filter((timer) => timer.customerId === customerId && (kind === undefined || timer.kind === kind)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
}

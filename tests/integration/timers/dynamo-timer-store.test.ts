import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTimers } from '../../../lib/timers/sweep-timers.js';
import type { Timer, TimerHandler } from '../../../lib/timers/timer-store.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

let sequence = 0;
/** A customer of their own per test: timers of one test never meet another's. */
const customer = () => `timer-${(sequence += 1)}`;
const timer = (customerId: string, key: string, dueAt: string, startedAt?: string): Timer => ({
  workspace: app.workspace, customerId, key, dueAt, kind: 'trigger-wait', payload: { key }, ...(startedAt ? { startedAt } : {}),
});

class CountingHandler implements TimerHandler {
  readonly fired: string[] = [];
  constructor(private readonly during: (timer: Timer) => Promise<void> = async () => undefined) {}
  async handle(fired: Timer): Promise<void> {
    await this.during(fired);
    this.fired.push(`${fired.customerId}/${fired.key}`);
  }
}

/** The customer's slot in the due index, whichever shard holds it. */
const dueSlotOf = async (customerId: string, now: Date) => {
  for (let shard = 0; shard < app.runtime.timers.shards; shard += 1) {
    for await (const slot of app.runtime.timers.due(shard, now)) if (slot.customerId === customerId) return slot;
  }
  return undefined;
};

const sweep = (now: string, handler: TimerHandler) =>
  sweepTimers(new Date(now), { due: app.runtime.timers, handlers: { 'trigger-wait': handler, 'trigger-settle': handler, 'send-deferred': handler }, leaseMs: 300_000, maxAttempts: 5 });

describe('DynamoTimerStore', () => {
  it('fires each due timer exactly once when two sweeps overlap', async () => {
    // Arrange: due long ago, so no other test's timers are older.
    const customers = Array.from({ length: 12 }, customer);
    for (const id of customers) await app.runtime.timers.set(timer(id, 'rule-a#1', '2000-01-01T00:00:00.000Z'));
    const handler = new CountingHandler(() => new Promise((resolve) => setTimeout(resolve, 5)));
    // Act
    await Promise.all([sweep('2000-01-01T00:01:00.000Z', handler), sweep('2000-01-01T00:01:00.000Z', handler)]);
    // Assert
    expect(handler.fired.sort()).toEqual(customers.map((id) => `${id}/rule-a#1`).sort());
  });

  it('keeps a timer that a newer event moved while the sweep handled the old one', async () => {
    // Arrange
    const id = customer();
    await app.runtime.timers.set(timer(id, 'cart#c1', '2000-01-02T00:00:00.000Z', '2000-01-01T00:00:00.000Z'));
    const handler = new CountingHandler(async () => app.runtime.timers.set(timer(id, 'cart#c1', '2000-01-03T06:00:00.000Z', '2000-01-02T06:00:00.000Z')));
    // Act
    await sweep('2000-01-02T00:01:00.000Z', handler);
    const later = new CountingHandler();
    await sweep('2000-01-03T06:01:00.000Z', later);
    // Assert
    expect(handler.fired).toEqual([`${id}/cart#c1`]);
    expect(later.fired).toContain(`${id}/cart#c1`);
  });

  it('does not let an older start move a timer back', async () => {
    // Arrange
    const id = customer();
    await app.runtime.timers.set(timer(id, 'cart#c1', '2001-01-02T06:00:00.000Z', '2001-01-01T06:00:00.000Z'));
    // Act
    await app.runtime.timers.set(timer(id, 'cart#c1', '2001-01-02T00:00:00.000Z', '2001-01-01T00:00:00.000Z'));
    const handler = new CountingHandler();
    await sweep('2001-01-02T01:00:00.000Z', handler);
    // Assert
    expect(handler.fired).not.toContain(`${id}/cart#c1`);
  });

  it('cancels a rule’s timers started up to the cancelling event, and no others', async () => {
    // Arrange
    const id = customer();
    await app.runtime.timers.set(timer(id, 'cart#c1', '2002-01-02T00:00:00.000Z', '2002-01-01T00:00:00.000Z'));
    await app.runtime.timers.set(timer(id, 'cart#c2', '2002-01-02T01:00:00.000Z', '2002-01-01T01:00:00.000Z'));
    await app.runtime.timers.set(timer(id, 'cart#c3', '2002-01-02T03:00:00.000Z', '2002-01-01T03:00:00.000Z'));
    await app.runtime.timers.set(timer(id, 'cart-x#c1', '2002-01-02T00:00:00.000Z', '2002-01-01T00:00:00.000Z'));
    // Act
    const cancelled = await app.runtime.timers.cancelStartedUpTo(app.workspace, id, 'cart#', '2002-01-01T02:00:00.000Z');
    const handler = new CountingHandler();
    await sweep('2002-01-03T00:00:00.000Z', handler);
    // Assert
    expect(cancelled).toBe(2);
    expect(handler.fired.filter((fired) => fired.startsWith(`${id}/`)).sort()).toEqual([`${id}/cart#c3`, `${id}/cart-x#c1`]);
  });

  it('fires a timer again after the lease of a sweep that died holding it', async () => {
    // Arrange: a sweep claims it and never completes (as if its Lambda was killed).
    const id = customer();
    await app.runtime.timers.set(timer(id, 'rule-b#1', '2003-01-01T00:00:00.000Z'));
    const slot = await dueSlotOf(id, new Date('2003-01-01T00:00:00.000Z'));
    await app.runtime.timers.claim(slot!, new Date('2003-01-01T00:05:00.000Z'));
    // Act
    const during = new CountingHandler();
    await sweep('2003-01-01T00:04:00.000Z', during);
    const after = new CountingHandler();
    await sweep('2003-01-01T00:05:00.000Z', after);
    // Assert
    expect(during.fired).not.toContain(`${id}/rule-b#1`);
    expect(after.fired).toContain(`${id}/rule-b#1`);
  });
});

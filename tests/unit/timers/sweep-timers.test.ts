import { describe, expect, it } from 'vitest';
import { sweepTimers, type SweepDeps } from '../../../lib/timers/sweep-timers.js';
import type { Timer, TimerHandler } from '../../../lib/timers/timer-store.js';
import { InMemoryTimers } from '../../support/in-memory-timers.js';

const NOW = new Date('2026-03-02T01:00:00Z');
const MINUTE = 60_000;

const timer = (key: string, dueAt: string, overrides: Partial<Timer> = {}): Timer => ({
  workspace: 'shop', customerId: 'kim', key, dueAt, kind: 'trigger-wait', payload: { key }, ...overrides,
});

class CountingHandler implements TimerHandler {
  readonly fired: string[] = [];
  constructor(private readonly behaviour: (timer: Timer) => Promise<void> = async () => undefined) {}
  async handle(timer: Timer): Promise<void> {
    await this.behaviour(timer);
    this.fired.push(timer.key);
  }
}

const depsOf = (timers: InMemoryTimers, handler: TimerHandler, overrides: Partial<SweepDeps> = {}): SweepDeps => ({
  due: timers, handlers: { 'trigger-wait': handler, 'trigger-settle': handler, 'send-deferred': handler }, leaseMs: 5 * MINUTE, maxAttempts: 3, ...overrides,
});

describe('sweepTimers', () => {
  it('fires the timers due by now and deletes them', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    await timers.set(timer('a', '2026-03-02T00:59:00.000Z'));
    await timers.set(timer('b', '2026-03-02T01:00:00.000Z'));
    const handler = new CountingHandler();
    // Act
    const report = await sweepTimers(NOW, depsOf(timers, handler));
    // Assert
    expect(handler.fired.sort()).toEqual(['a', 'b']);
    expect(report).toEqual({ fired: 2, failed: 0, abandoned: 0, skipped: 0 });
    expect(timers.list()).toEqual([]);
  });

  it('leaves timers that are not due yet', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    await timers.set(timer('later', '2026-03-02T01:00:01.000Z'));
    const handler = new CountingHandler();
    // Act
    await sweepTimers(NOW, depsOf(timers, handler));
    // Assert
    expect(handler.fired).toEqual([]);
    expect(timers.list().map((entry) => entry.key)).toEqual(['later']);
  });

  it('fires each timer once when two sweeps overlap', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    for (let index = 0; index < 20; index += 1) await timers.set(timer(`t${index}`, '2026-03-02T00:30:00.000Z'));
    const handler = new CountingHandler(() => new Promise((resolve) => setTimeout(resolve, 1)));
    // Act
    const reports = await Promise.all([sweepTimers(NOW, depsOf(timers, handler)), sweepTimers(NOW, depsOf(timers, handler))]);
    // Assert
    expect(handler.fired).toHaveLength(20);
    expect(new Set(handler.fired).size).toBe(20);
    expect(reports[0]!.fired + reports[1]!.fired).toBe(20);
  });

  it('fires a timer again once the claim of a sweep that failed on it has ended', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    await timers.set(timer('flaky', '2026-03-02T00:30:00.000Z'));
    let calls = 0;
    const handler = new CountingHandler(async () => {
      calls += 1;
      if (calls === 1) throw new Error('gate unavailable');
    });
    // Act
    const first = await sweepTimers(NOW, depsOf(timers, handler));
    const duringLease = await sweepTimers(new Date(NOW.getTime() + MINUTE), depsOf(timers, handler));
    const afterLease = await sweepTimers(new Date(NOW.getTime() + 6 * MINUTE), depsOf(timers, handler));
    // Assert
    expect([first.failed, duringLease.fired, afterLease.fired]).toEqual([1, 0, 1]);
    expect(handler.fired).toEqual(['flaky']);
  });

  it('drops a timer that keeps failing after maxAttempts, and reports it', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    await timers.set(timer('poison', '2026-03-02T00:30:00.000Z'));
    const abandoned: string[] = [];
    const deps = depsOf(timers, new CountingHandler(async () => Promise.reject(new Error('always'))), { onAbandoned: (dropped) => abandoned.push(dropped.key) });
    // Act
    for (let round = 0; round < 5; round += 1) await sweepTimers(new Date(NOW.getTime() + round * 6 * MINUTE), deps);
    // Assert
    expect(abandoned).toEqual(['poison']);
    expect(timers.list()).toEqual([]);
  });

  it('keeps a timer that was moved while its old due time was being handled', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    await timers.set(timer('cart#c1', '2026-03-02T00:30:00.000Z', { startedAt: '2026-03-01T00:30:00.000Z' }));
    const handler = new CountingHandler(async () => {
      await timers.set(timer('cart#c1', '2026-03-03T00:40:00.000Z', { startedAt: '2026-03-02T00:40:00.000Z' }));
    });
    // Act
    await sweepTimers(NOW, depsOf(timers, handler));
    // Assert
    expect(timers.list().map((entry) => entry.dueAt)).toEqual(['2026-03-03T00:40:00.000Z']);
  });

  it('dispatches by kind', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    await timers.set(timer('send:1', '2026-03-02T00:30:00.000Z', { kind: 'send-deferred' }));
    const waits = new CountingHandler();
    const deferred = new CountingHandler();
    // Act
    await sweepTimers(NOW, { ...depsOf(timers, waits), handlers: { 'trigger-wait': waits, 'trigger-settle': waits, 'send-deferred': deferred } });
    // Assert
    expect([waits.fired, deferred.fired]).toEqual([[], ['send:1']]);
  });

  it('stops taking on timers when told to', async () => {
    // Arrange
    const timers = new InMemoryTimers();
    for (let index = 0; index < 4; index += 1) await timers.set(timer(`t${index}`, '2026-03-02T00:30:00.000Z'));
    const handler = new CountingHandler();
    // Act
    await sweepTimers(NOW, depsOf(timers, handler, { keepGoing: () => handler.fired.length < 1 }));
    // Assert
    expect(handler.fired.length).toBeLessThan(4);
    expect(timers.list().length).toBe(4 - handler.fired.length);
  });
});

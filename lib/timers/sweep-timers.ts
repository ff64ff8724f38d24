import type { ClaimedTimer, DueTimerQueue } from './due-timers.js';
import type { Timer, TimerHandler } from './timer-store.js';

export interface SweepDeps {
  due: DueTimerQueue;
  handlers: Record<Timer['kind'], TimerHandler>;
  /** How long a claim holds before another sweep may take the timer over. */
  leaseMs: number;
  /** Claims after which a timer that keeps failing is dropped (and reported). */
  maxAttempts: number;
  /** Whether to take on another timer (false once the invocation's time runs short). */
  keepGoing?: () => boolean;
  onFailed?: (timer: Timer, error: unknown, attempts: number) => void;
  onAbandoned?: (timer: Timer, attempts: number) => void;
}

export interface SweepReport {
  fired: number;
  failed: number;
  abandoned: number;
  /** Slots another sweep claimed first, or that moved or were cancelled since the index was read. */
  skipped: number;
}

/**
 * Fires every timer due by `now`:
 * 1. each shard of the due index is read in parallel, oldest first;
 * 2. each timer is claimed before anything happens (a conditional write on its due time
 *    that moves it to the end of a lease): of two overlapping sweeps exactly one wins;
 * 3. the handler of its kind acts, then the timer is deleted — unless it was moved
 *    meanwhile (a newer cart update), in which case the new timer stays.
 * A sweep that fails or dies after the claim leaves the timer to come back when the lease
 * ends: handlers act at least once per timer, and their actions are idempotent (sends are
 * exactly-once at the gate's ledger, tags are sets) — so each timer's effect happens once.
 */
export const sweepTimers = async (now: Date, deps: SweepDeps): Promise<SweepReport> => {
  const report: SweepReport = { fired: 0, failed: 0, abandoned: 0, skipped: 0 };
  const keepGoing = deps.keepGoing ?? (() => true);
  const leaseUntil = new Date(now.getTime() + deps.leaseMs);

  const sweepShard = async (shard: number) => {
    for await (const slot of deps.due.due(shard, now)) {
      if (!keepGoing()) return;
      const claimed = await deps.due.claim(slot, leaseUntil);
      if (!claimed) {
        report.skipped += 1;
        continue;
      }
      report[await fire(claimed, now, deps)] += 1;
    }
  };

  await Promise.all(Array.from({ length: deps.due.shards }, (_, shard) => sweepShard(shard)));
  return report;
};

const fire = async (claimed: ClaimedTimer, now: Date, deps: SweepDeps): Promise<'fired' | 'failed' | 'abandoned'> => {
  const { timer, attempts } = claimed;
  if (attempts > deps.maxAttempts) {
    deps.onAbandoned?.(timer, attempts - 1);
    await deps.due.complete(claimed);
    return 'abandoned';
  }
  try {
    await deps.handlers[timer.kind].handle(timer, now);
  } catch (error) {
    // Left claimed: it comes back when the lease ends.
    deps.onFailed?.(timer, error, attempts);
    return 'failed';
  }
  await deps.due.complete(claimed);
  return 'fired';
};

import type { Timer } from './timer-store.js';

/** A timer the due index says is ready: enough to claim it, not yet the timer itself. */
export interface DueTimerSlot {
  workspace: string;
  customerId: string;
  key: string;
  /** The index's due time as read: the claim holds only if it has not changed since. */
  attemptAt: string;
}

/** A timer this sweep holds until `leaseUntil`; after that another sweep may claim it again. */
export interface ClaimedTimer {
  timer: Timer;
  claimId: string;
  /** Claims so far, this one included. */
  attempts: number;
}

/**
 * The sweep's view of the timers: due slots per shard, claimed one at a time. A claim
 * moves the timer's next attempt to the end of a lease, so overlapping sweeps never both
 * hold it, and a sweep that dies holding it is replaced once the lease ends.
 */
export interface DueTimerQueue {
  readonly shards: number;
  /** Slots due at or before `now`, oldest first. */
  due(shard: number, now: Date): AsyncIterable<DueTimerSlot>;
  /** The timer, if this caller won it; undefined when it moved, was cancelled or claimed by someone else. */
  claim(slot: DueTimerSlot, leaseUntil: Date): Promise<ClaimedTimer | undefined>;
  /** Removes a handled timer, unless it was moved or replaced since the claim. */
  complete(claimed: ClaimedTimer): Promise<void>;
}

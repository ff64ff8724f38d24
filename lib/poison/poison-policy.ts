import type { SetAsideFailure } from './set-aside.js';

export interface PoisonPolicyDeps<R> {
  /** Whether trying the same record again may succeed (throttling, a timeout, a network error, a 5xx). */
  isTransient(error: unknown): boolean;
  setAside(record: R, failures: readonly SetAsideFailure[]): Promise<void>;
  /** Called once the record is set aside, for the log. */
  onSetAside(record: R, failures: readonly SetAsideFailure[], error?: unknown): void;
  /** Called when the record was handled without a failure (a replayed record's entry can go). */
  onHandled?(record: R): Promise<void>;
}

/** `handled`; `set-aside`: the record failed; `partly-set-aside`: some of it (a rule) failed, the rest was handled. */
export type PoisonOutcome = 'handled' | 'set-aside' | 'partly-set-aside';

/** Reasons are for people and logs: one line, bounded. */
const MAX_REASON = 1000;

export const reasonOf = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
};

/**
 * The one poison-message policy for a consumer's records:
 * 1. `handle` runs the record; it may `contain` failures of a part (one rule) and go on;
 * 2. a failure that retrying may fix (transient) is thrown, so the event source retries the record;
 * 3. any other failure — the data, or a bug that this data triggers — sets the record aside at
 *    once with its reason, and the consumer goes on with the next record: one record never holds
 *    up the records behind it with retries that cannot succeed;
 * 4. contained failures set the record aside too (to be replayed once the rule is fixed);
 *    if setting aside fails, that is thrown (the record is retried, never lost).
 */
export const handleWithPoisonPolicy = async <R>(
  record: R,
  handle: (contain: (failure: SetAsideFailure) => void) => Promise<void>,
  deps: PoisonPolicyDeps<R>,
): Promise<PoisonOutcome> => {
  const contained: SetAsideFailure[] = [];
  try {
    await handle((failure) => contained.push({ ...failure, reason: failure.reason.slice(0, MAX_REASON) }));
  } catch (error) {
    if (deps.isTransient(error)) throw error;
    const failures = [...contained, { reason: reasonOf(error) }];
    await deps.setAside(record, failures);
    deps.onSetAside(record, failures, error);
    return 'set-aside';
  }
  if (contained.length > 0) {
    await deps.setAside(record, contained);
    deps.onSetAside(record, contained);
    return 'partly-set-aside';
  }
  await deps.onHandled?.(record);
  return 'handled';
};

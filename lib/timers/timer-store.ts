/**
 * Something to do for a customer later: a trigger's wait that ends (cart reminder after
 * 24 h), a trigger that acts once its event's settle window has passed, or a send deferred
 * past quiet hours or a spent fatigue budget.
 */
export interface Timer {
  workspace: string;
  customerId: string;
  /**
   * Unique per customer: setting the same key again moves the timer. Trigger waits use
   * `<ruleId>#<occurrence>` (see trigger-wait.ts); other kinds must not start with a rule
   * id and `#` (e.g. `send:<…>`, `settle:<…>`), so cancelling a rule's waits never reaches them.
   */
  key: string;
  dueAt: string;
  kind: 'trigger-wait' | 'trigger-settle' | 'send-deferred';
  /** What the handler of this kind needs, as JSON. */
  payload: unknown;
  /**
   * When what started the timer happened (the trigger event's time). A set() older than
   * the stored timer's start is ignored, so a redelivered event never moves a timer back,
   * and a cancelling event removes only timers started at or before it.
   */
  startedAt?: string;
}

/** The port timers are kept through (the table, with a sharded due-time index, in production). */
export interface TimerStore {
  /** Creates the timer, or moves it if one with this key exists (unless that one started later). */
  set(timer: Timer): Promise<void>;
  cancel(workspace: string, customerId: string, key: string): Promise<void>;
  /** Removes the customer's timers whose key starts with `keyPrefix` and that started at or before `startedUpTo`; returns how many. */
  cancelStartedUpTo(workspace: string, customerId: string, keyPrefix: string, startedUpTo: string): Promise<number>;
}

/**
 * Acts on a timer that fell due. The sweep dispatches by `kind`: the trigger runtime handles
 * `trigger-wait` and `trigger-settle` (check the audience on the profile as it is now, then
 * act), the send gate handles `send-deferred`.
 * A handler may run more than once for one timer (a sweep that crashed after acting is
 * retried when its claim lapses): what it does must be idempotent.
 */
export interface TimerHandler {
  handle(timer: Timer, now: Date): Promise<void>;
}

/**
 * Something to do for a customer later: a trigger's wait that ends (cart reminder after
 * 24 h) or a send deferred past quiet hours or a spent fatigue budget.
 */
export interface Timer {
  workspace: string;
  customerId: string;
  /** Unique per customer: setting the same key again moves the timer (e.g. `cart-abandonment#<cart>`). */
  key: string;
  dueAt: string;
  kind: 'trigger-wait' | 'send-deferred';
  /** What the handler of this kind needs, as JSON. */
  payload: unknown;
}

/** The port timers are kept through (the table, with a sharded due-time index, in production). */
export interface TimerStore {
  /** Creates the timer, or moves it if one with this key exists. */
  set(timer: Timer): Promise<void>;
  cancel(workspace: string, customerId: string, key: string): Promise<void>;
}

/**
 * Acts on a timer that fell due. The sweep dispatches by `kind`: the trigger runtime handles
 * `trigger-wait` (re-check the audience, then act), the send gate handles `send-deferred`.
 */
export interface TimerHandler {
  handle(timer: Timer, now: Date): Promise<void>;
}

import type { ScheduledInvocation } from '../../lib/time/scheduled-invocation.js';
import type { Clock } from '../../lib/time/clock.js';
import { FUNCTIONS, type FunctionKey, type ScheduleDefinition } from '../resources.js';
import { invoke, type LocalHandler } from './lambda-context.js';
import { fireTimes } from './schedule-expression.js';

export interface LocalSchedulerOptions {
  schedules: Record<string, ScheduleDefinition>;
  handlers: Record<FunctionKey, LocalHandler>;
  clock: Clock;
  log: (message: string) => void;
  /**
   * Invoke only the latest due run of each schedule instead of every missed one. The
   * scheduled handlers catch up by design (due timers up to now, missed days), so a
   * simulated clock that jumps a day needs one sweep, not 1440.
   */
  coalesce?: boolean;
}

/**
 * Runs the EventBridge schedules of `resources.ts` from a clock: every run that fell due
 * since the last check is invoked, oldest first, with its scheduled time — so a simulated
 * clock that jumps a day runs each of that day's runs.
 */
export class LocalScheduler {
  private last: Date;
  private readonly anchor: Date;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: LocalSchedulerOptions) {
    this.last = options.clock.now();
    this.anchor = this.last;
  }

  /** Checks once a second against the clock. */
  start(): void {
    this.timer = setInterval(() => void this.runDue(), 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Invokes every run due up to the clock's now; concurrent calls wait for each other. */
  runDue(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    this.running = previous.then(() => this.runUntil(this.options.clock.now()));
    return this.running;
  }

  private async runUntil(now: Date): Promise<void> {
    if (now <= this.last) return;
    const due = Object.entries(this.options.schedules)
      .flatMap(([name, schedule]) => {
        const times = fireTimes(schedule.expression, this.last, now, this.anchor);
        return (this.options.coalesce ? times.slice(-1) : times).map((time) => ({ name, schedule, time }));
      })
      .sort((a, b) => a.time.getTime() - b.time.getTime());
    this.last = now;
    for (const { name, schedule, time } of due) {
      const event: ScheduledInvocation = { schedule: name, scheduledTime: time.toISOString() };
      try {
        await invoke(schedule.target, FUNCTIONS[schedule.target], this.options.handlers[schedule.target], event);
      } catch (error) {
        // EventBridge Scheduler retries and then gives up; a missed run is caught up by the next.
        this.options.log(`schedule ${name} at ${event.scheduledTime} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

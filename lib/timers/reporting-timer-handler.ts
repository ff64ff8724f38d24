import type { Timer, TimerHandler } from './timer-store.js';

/**
 * For a timer kind whose real handler is not wired in: reports the timer and lets it go,
 * so the sweep neither stalls on it nor retries it forever.
 */
export class ReportingTimerHandler implements TimerHandler {
  constructor(private readonly report: (timer: Timer, now: Date) => void) {}

  async handle(timer: Timer, now: Date): Promise<void> {
    this.report(timer, now);
  }
}

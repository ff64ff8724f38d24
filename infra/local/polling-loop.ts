/** A loop that runs until stopped, as a local event source mapping does; `stop()` waits for the pass in progress. */
export abstract class PollingLoop {
  protected running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  get isRunning(): boolean {
    return this.running;
  }

  protected abstract run(): Promise<void>;

  /** A wait that `stop()` cuts short, so stopping never sits out a retry delay. */
  protected pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

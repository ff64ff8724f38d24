/** A loop that runs until stopped, as a local event source mapping does; `stop()` waits for the pass in progress. */
export abstract class PollingLoop {
  protected running = false;
  private loop?: Promise<void>;

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get isRunning(): boolean {
    return this.running;
  }

  protected abstract run(): Promise<void>;
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One thing `GET /health` waits for, and what it found. */
export interface CheckResult {
  ok: boolean;
  detail: string;
}

export interface ReadinessCheck {
  name: string;
  check(): Promise<CheckResult> | CheckResult;
}

/** A step of starting up (say, pushing rules/) that health waits for until it is done. */
export interface StartupStep {
  done(detail: string): void;
  failed(detail: string): void;
}

export interface HealthReport {
  statusCode: 200 | 503;
  body: { status: 'ok' | 'starting' | 'stopping'; checks: Record<string, CheckResult> };
}

/**
 * The local stack's readiness: a list of checks that whoever assembles the stack composes
 * (the app adds its table, queues and consumers; `npm start` adds its rules). Ready means
 * every check passes; once stopping, nothing is ready.
 */
export class Readiness {
  private readonly checks: ReadinessCheck[] = [];
  private stopping = false;

  add(check: ReadinessCheck): this {
    this.checks.push(check);
    return this;
  }

  /** A check that fails with `pending` until the step reports. */
  step(name: string, pending: string): StartupStep {
    let result: CheckResult = { ok: false, detail: pending };
    this.add({ name, check: () => result });
    return { done: (detail) => (result = { ok: true, detail }), failed: (detail) => (result = { ok: false, detail }) };
  }

  markStopping(): void {
    this.stopping = true;
  }

  async report(): Promise<HealthReport> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => [name, await Promise.resolve().then(check).catch((error: unknown): CheckResult => ({ ok: false, detail: errorText(error) }))] as const),
    );
    const checks = Object.fromEntries(results);
    const ok = !this.stopping && results.every(([, result]) => result.ok);
    return { statusCode: ok ? 200 : 503, body: { status: this.stopping ? 'stopping' : ok ? 'ok' : 'starting', checks } };
  }
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

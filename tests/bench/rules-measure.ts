/** What the rules benchmark measures with. */

export type Evaluate = (data: never) => unknown;
export type Mode = 'in cache' | 'streaming';

/**
 * Microseconds of CPU this process has used: the machine may be shared, and time spent
 * descheduled is not time spent evaluating.
 */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Nanoseconds of CPU per call of `call` over `items`, median of `rounds` runs of about `budgetMs` each. */
export function nanosPerCall<T>(items: readonly T[], call: (item: T) => unknown, sink: { total: number }, rounds = 5, budgetMs = 100): number {
  const samples = Array.from({ length: rounds }, () => {
    let calls = 0;
    const start = cpuMicros();
    while (cpuMicros() - start < budgetMs * 1e3) {
      for (const item of items) if (call(item) === 0) sink.total++;
      calls += items.length;
    }
    return ((cpuMicros() - start) * 1e3) / calls;
  });
  return median(samples);
}

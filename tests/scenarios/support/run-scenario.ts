import { expect } from 'vitest';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { RecordingSendGate } from '../../support/recording-send-gate.js';
import { RecordingActivity } from '../../support/rule-fixtures.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import type { ScenarioEvent } from './shopper.js';

/**
 * Time-travel scenarios in the Dittofeed style: submit events at offsets from the start,
 * let the clock run (sweeps and scheduled runs fire as it passes), assert what was sent.
 * They run on the real local stack — HTTP API, stream, timers in DynamoDB Local — with a
 * ManualClock and a recording send gate (one send per rule, customer and occurrence).
 */
export interface Scenario {
  rules: Rule[];
  /** Default: Monday 2026-03-02 00:00 in Seoul (the workspace's default zone). */
  start?: string;
  /** How far the clock moves between two runs of the schedules (default 1 h; a day suits month-long scenarios). */
  tick?: string;
  steps: ScenarioStep[];
}

export interface ScenarioStep {
  /** Offset from the start: `+0h`, `+23h30m`, `+30d`. Steps go forward in time. */
  at: string;
  events?: ScenarioEvent[];
  /** Time between two of the step's events (default 1 s); `+31m` makes each page view a visit of its own. */
  spacing?: string;
  /** The schedules are down while the clock moves to this step (a later step catches up). */
  schedulesDown?: boolean;
  expect?: {
    /** Everything sent so far, as `rule → customer`, in any order. */
    sends?: string[];
    /** How many requests the gate refused as repeats of an occurrence, so far. */
    duplicates?: number;
    /** Customers' tags now. */
    tags?: Record<string, string[]>;
    /** Waits ended by an event in `cancelOn`, so far. */
    cancelled?: number;
  };
}

const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

export const durationOf = (text: string): number => {
  const parts = [...text.replace(/^\+/, '').matchAll(/(\d+)([dhms])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text.replace(/^\+/, '')) throw new Error(`"${text}" is not a duration like +24h, +30d or +1d6h`);
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNITS[unit!]!, 0);
};

export const runScenario = async (scenario: Scenario): Promise<void> => {
  const start = new Date(scenario.start ?? '2026-03-02T00:00:00+09:00').getTime();
  const clock = new ManualClock(new Date(start));
  const gate = new RecordingSendGate();
  const activity = new RecordingActivity();
  const app = await startTestApp({ clock, rules: new StaticRuleRepository(scenario.rules), sendGate: gate, ruleActivity: activity, coalesceScheduleRuns: true, pollIntervalMs: 10 });
  const tick = durationOf(scenario.tick ?? '1h');
  try {
    // The schedules' first run marks where scheduled rules start.
    await app.runSchedules();
    for (const step of scenario.steps) {
      if (step.schedulesDown) clock.set(new Date(start + durationOf(step.at)));
      else await advanceTo(app, clock, start + durationOf(step.at), tick);
      if (step.events?.length) await submit(app, clock, step.events, step.spacing ? durationOf(step.spacing) : 1000);
      if (step.expect) await check(app, gate, activity, step);
    }
  } finally {
    await app.stop();
  }
};

/** Moves the clock tick by tick, running the schedules (sweeps, scheduled rules) at each. */
const advanceTo = async (app: TestApp, clock: ManualClock, target: number, tick: number) => {
  if (target < clock.now().getTime()) throw new Error(`scenario steps must go forward in time (${new Date(target).toISOString()} is before ${clock.now().toISOString()})`);
  while (clock.now().getTime() < target) {
    clock.set(new Date(Math.min(target, clock.now().getTime() + tick)));
    await app.runSchedules();
    await app.streamCaughtUp();
  }
};

/** Posts the step's events `spacing` apart from the step's time (the clock moves past the last), and waits for evaluation. */
const submit = async (app: TestApp, clock: ManualClock, events: ScenarioEvent[], spacing: number) => {
  const at = clock.now().getTime();
  clock.set(new Date(at + events.length * spacing));
  const batch = events.map((event, index) => event(new Date(at + index * spacing).toISOString()));
  const response = await app.postEvents({ batch });
  if (response.status !== 200) throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
  await app.drain();
};

const check = async (app: TestApp, gate: RecordingSendGate, activity: RecordingActivity, step: ScenarioStep) => {
  const { sends, duplicates, tags, cancelled } = step.expect!;
  if (sends) expect(gate.sent().map((send) => `${send.rule.id} → ${send.customerId}`).sort(), `sends at ${step.at}`).toEqual([...sends].sort());
  if (duplicates !== undefined) expect(gate.requests.filter((entry) => entry.decision.outcome === 'duplicate').length, `duplicates at ${step.at}`).toBe(duplicates);
  if (cancelled !== undefined) expect(activity.entries.filter((entry) => entry.kind === 'cancelled').reduce((sum, entry) => sum + (entry.count ?? 1), 0), `cancelled at ${step.at}`).toBe(cancelled);
  for (const [customerId, expected] of Object.entries(tags ?? {})) expect((await app.customer(customerId))?.['tags'], `tags of ${customerId} at ${step.at}`).toEqual(expected);
};

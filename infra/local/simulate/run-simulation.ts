import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startLocalApp, type LocalApp } from '../local-app.js';
import { seedRules } from '../seed-rules.js';
import type { LogLevel } from '../../../lib/log/create-logger.js';
import type { ScheduledRule, TriggerRule } from '../../../lib/rules/rule-schema.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { zonedInstant } from '../../../lib/time/zoned-time.js';
import { DEMO_SETTINGS } from '../../../lib/workspaces/demo-settings.js';
import { clockStops, stopTimesOf } from './clock-stops.js';
import { RuleTally } from './rule-tally.js';
import type { SegmentMessageBody } from './segment-messages.js';
import { generateShop } from './shop-events.js';
import { formatReport } from './simulation-report.js';

export interface SimulationOptions {
  customers: number;
  days: number;
  seed: number;
  /** The first day, YYYY-MM-DD in the shop's time zone. */
  start: string;
  /** Minutes between two runs of the schedules (the clock also stops at each scheduled rule's time and at the quiet-hours edges). */
  tick: number;
}

/** The local servers the simulation runs its own table and queues on. */
export interface SimulationEndpoints {
  dynamodbEndpoint: string;
  sqsEndpoint: string;
}

/** What a caller may watch: progress (the history imported, then each simulated day), and the handlers' logs (silent by default). */
export interface SimulationWatch {
  progress?: (line: string) => void;
  logLevel?: LogLevel;
  log?: (line: string) => void;
}

export interface SimulationResult {
  /** The report's lines: the same for the same options, however fast the machine. */
  report: string[];
  tally: RuleTally;
  /** The rules that acted: the library's trigger and scheduled rules. */
  rules: ActingRule[];
}

type ActingRule = TriggerRule | ScheduledRule;

/** The shop's settings: the demo workspace's sender and opt-out line, Seoul time, the legal quiet hours. */
const SETTINGS = DEMO_SETTINGS;
export const TIME_ZONE = SETTINGS.timeZone;
const WORKSPACE = 'shop';
const API_KEY = 'simulate-key';
const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const DAY_MS = 86_400_000;
/** Messages per POST /v1/events: ingest stores a batch's customers in parallel (8 at a time), each customer's events in order. */
const BATCH = 25;
/** POSTs at a time. */
const LANES = 4;

/**
 * Replays a generated shop through Retain's real handlers, rules and send gate on a
 * simulated clock:
 * 1. generate the shop from the seed (customers, their history, the days' events);
 * 2. start the local app on its own table and queues, import the history with no rule in
 *    force, then push the rule library (rules/) as `npm start` does;
 * 3. move the clock from stop to stop (clock-stops.ts): the events since the last stop are
 *    posted with the clock at the latest of them — the stream evaluates an event as it
 *    happens, and the send gate decides at that time — then the clock moves to the stop
 *    and the schedules run (timer sweep, scheduled rules);
 * 4. report what each rule did, per ISO week.
 */
export const runSimulation = async (options: SimulationOptions, endpoints: SimulationEndpoints, watch: SimulationWatch = {}): Promise<SimulationResult> => {
  const shop = generateShop({ customers: options.customers, days: options.days, seed: options.seed, startDay: options.start, timeZone: TIME_ZONE });
  const start = zonedInstant(options.start, '00:00', TIME_ZONE).getTime();
  const clock = new ManualClock(new Date(start));
  const tally = new RuleTally(TIME_ZONE);
  const name = `retain-simulate-${randomUUID().slice(0, 8)}`;
  const app = await startLocalApp({
    ...endpoints,
    tableName: name,
    queuePrefix: name,
    port: 0,
    secrets: { workspaces: { [WORKSPACE]: { apiKey: API_KEY } } },
    clock,
    logLevel: watch.logLevel ?? 'SILENT',
    log: watch.log ?? (() => undefined),
    schedules: 'manual',
    coalesceScheduleRuns: true,
    pollIntervalMs: 10,
    ruleActivity: tally,
    // Triggers act at once, as of their event: the simulated clock jumps --tick minutes between
    // stops, so a settle timer would be decided up to a tick late (deployed, the sweep fires it
    // within a minute and a half); the generated signups carry their phone and consent themselves.
    triggerSettleMs: 0,
  });

  let rules: ActingRule[] = [];
  try {
    await app.runtime.settings.put(WORKSPACE, SETTINGS);
    await post(app, shop.history);
    watch.progress?.(`history of ${shop.history.length} messages imported`);
    await seedRules(WORKSPACE, { cwd: REPOSITORY, push: (input) => app.runtime.pushRule(input), store: app.runtime.ruleStore, pushedAt: clock.now().toISOString() });
    rules = (await app.runtime.rules.activeRules(WORKSPACE)).filter((rule): rule is ActingRule => rule.kind !== 'segment').sort((a, b) => a.id.localeCompare(b.id));
    await app.runSchedules();
    let next = 0;
    let day = 0;
    for (const stop of clockStops({ startDay: options.start, days: options.days, tick: options.tick, timeZone: TIME_ZONE, times: stopTimesOf(rules, SETTINGS) })) {
      const first = next;
      while (next < shop.events.length && Date.parse(shop.events[next]!.timestamp) <= stop) next += 1;
      if (next > first) {
        clock.set(new Date(shop.events[next - 1]!.timestamp));
        await post(app, shop.events.slice(first, next));
      }
      clock.set(new Date(stop));
      await app.runSchedules();
      for (; day < Math.floor((stop - start) / DAY_MS); day += 1) watch.progress?.(`day ${day + 1}/${options.days}, ${next} events replayed`);
    }
  } finally {
    await app.stop();
  }
  return { report: formatReport({ options, timeZone: TIME_ZONE, shop, rules, tally }), tally, rules };
};

/**
 * Posts messages, then waits until the stream consumers have evaluated them. Customers are
 * dealt to LANES that post side by side, a batch at a time, each customer's messages in
 * order in one lane: customers do not depend on each other, so the result is the same.
 */
const post = async (app: LocalApp, messages: SegmentMessageBody[]): Promise<void> => {
  const lanes: SegmentMessageBody[][] = Array.from({ length: LANES }, () => []);
  const laneOf = new Map<string, number>();
  for (const message of messages) {
    let lane = laneOf.get(message.userId);
    if (lane === undefined) laneOf.set(message.userId, (lane = laneOf.size % LANES));
    lanes[lane]!.push(message);
  }
  await Promise.all(lanes.map((lane) => postInOrder(app, lane)));
  await app.streamCaughtUp();
};

const postInOrder = async (app: LocalApp, messages: SegmentMessageBody[]): Promise<void> => {
  for (let index = 0; index < messages.length; index += BATCH) {
    const response = await fetch(`${app.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: messages.slice(index, index + BATCH) }),
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`POST /v1/events answered ${response.status}: ${body}`);
    // An event whose write went to the retry queue would be stored after later ones: the replay would not be the same.
    const { deferred } = JSON.parse(body) as { deferred: number };
    if (deferred > 0) throw new Error(`POST /v1/events deferred ${deferred} event(s) to the retry queue; run again with LOG_LEVEL=WARN to see why: ${body}`);
  }
};

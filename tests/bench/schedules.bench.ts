import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CanonicalEventSchema } from '../../lib/events/canonical-event.js';
import { compileRule } from '../../lib/rules/compile-rule.js';
import type { ScheduledRule } from '../../lib/rules/rule-schema.js';
import { runScheduledDay } from '../../lib/schedules/run-scheduled-day.js';
import type { SendDecision, SendGate } from '../../lib/sends/send-gate.js';
import { addDays } from '../../lib/time/local-date.js';
import { localDayRange, zonedInstant } from '../../lib/time/zoned-time.js';
import { libraryRules } from '../support/library-rules.js';
import { fastest, runBench } from './bench-stack.js';
import { atSizes, profileItem } from './seed-profiles.js';

/**
 * `npm run bench:schedules`: the cost of one daily run of a scheduled rule (feedback 30,
 * 60 and 90 days after the first order) as a workspace grows from 10k to 100k stored
 * profiles while the customers due that day stay the same (MATCHES). The run finds them
 * through the date-anchor indexes, so its time should stay put (ratio near 1). As a
 * baseline measured in the same run, a scan of the workspace's profiles for the same
 * customers, whose time grows with the table (at least ×10; DynamoDB Local's scans grow faster).
 */
const SMALL = Number(process.env['BENCH_SMALL'] ?? 10_000);
const LARGE = Number(process.env['BENCH_LARGE'] ?? 100_000);
const MATCHES = Number(process.env['BENCH_MATCHES'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
// One scan is enough to make the point, and at 100k a scan on DynamoDB Local takes over a minute.
const SCAN_ROUNDS = Number(process.env['BENCH_SCAN_ROUNDS'] ?? 1);
const WORKSPACE = 'bench';
const TABLE = 'retain-bench';
const TIME_ZONE = 'Asia/Seoul';
const DAY = '2026-06-01';
const [rule] = libraryRules('first-order-feedback') as [ScheduledRule];
const MILESTONES = rule.days as number[];

/** A deterministic spread of first orders over three years, never on a milestone day of DAY. */
const firstOrderOf = (index: number): string => {
  if (index < MATCHES) return new Date(zonedInstant(addDays(DAY, -30), '09:00', TIME_ZONE).getTime() + index * 1000).toISOString();
  const busy = new Set(MILESTONES.map((days) => addDays(DAY, -days)));
  let day = addDays(DAY, -1 - ((index * 7919) % 1095));
  while (busy.has(day)) day = addDays(day, -1);
  return new Date(zonedInstant(day, '12:00', TIME_ZONE).getTime() + (index % 3600) * 1000).toISOString();
};

const orderItem = (index: number) =>
  profileItem(WORKSPACE, `c-${index}`, [
    CanonicalEventSchema.parse({
      type: 'order_placed', eventId: `e-${index}`, dedupeKey: `e-${index}`, workspace: WORKSPACE, customerId: `c-${index}`, source: 'bench', occurredAt: firstOrderOf(index),
      order: { orderId: `o-${index}`, value: 30000, items: [] },
    }),
  ]);

const countingGate = (): SendGate & { count: number } => {
  const gate = { count: 0, request: async (): Promise<SendDecision> => ((gate.count += 1), { outcome: 'sent' }) };
  return gate;
};

runBench(async (stack) => {
  const { documents } = stack;
  const runtime = stack.app.runtime;
  const compiled = compileRule(rule);

  /** One daily run, as run-schedules does it: index queries, profile reads, milestone + audience, the gate. */
  const dailyRun = async () => {
    const gate = countingGate();
    const report = await runScheduledDay(compiled, DAY, { id: WORKSPACE, timeZone: TIME_ZONE }, { anchors: runtime.anchors, profiles: runtime.profileReader, gate, tags: runtime.tags, activity: { record: () => undefined } });
    if (report.matched !== MATCHES || gate.count !== MATCHES) throw new Error(`expected ${MATCHES} matches, got ${report.matched} (${gate.count} sends)`);
  };
  /** The baseline: find the same customers by scanning the workspace's profiles. */
  const scanRun = async () => {
    const { from, to } = localDayRange(addDays(DAY, -30), TIME_ZONE);
    let found = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({
          TableName: TABLE,
          FilterExpression: 'workspace = :ws AND anchorFirstOrderAt BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':ws': WORKSPACE, ':from': from.toISOString(), ':to': new Date(to.getTime() - 1).toISOString() },
          ExclusiveStartKey,
        }),
      );
      found += page.Items?.length ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    if (found !== MATCHES) throw new Error(`scan found ${found}, expected ${MATCHES}`);
  };

  const results = await atSizes(documents, TABLE, [SMALL, LARGE], orderItem, async (size) => {
    await dailyRun(); // warm-up
    return { profiles: size, daily: await fastest(ROUNDS, dailyRun), scan: await fastest(SCAN_ROUNDS, scanRun) };
  });
  const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(`\nscheduled-rule benchmark: one daily run of "${rule.id}" (days ${MILESTONES.join('/')}) with ${MATCHES} customers due, DynamoDB Local in memory`);
  console.log(`best of ${ROUNDS} runs (scan: best of ${SCAN_ROUNDS}); the workspace grows from ${SMALL} to ${LARGE} stored profiles, the matches stay ${MATCHES}\n`);
  console.log(`${'path'.padEnd(36)} ${`${SMALL / 1000}k profiles`.padStart(14)} ${`${LARGE / 1000}k profiles`.padStart(14)} ${'ratio'.padStart(7)}`);
  const row = (name: string, a: number, b: number) => console.log(`${name.padEnd(36)} ${`${(a * 1000).toFixed(0)} ms`.padStart(14)} ${`${(b * 1000).toFixed(0)} ms`.padStart(14)} ${(b / a).toFixed(2).padStart(7)}`);
  row('daily run (date-anchor indexes)', small.daily, large.daily);
  row('baseline: scan for the same day', small.scan, large.scan);
  console.log(`\nThe daily run's cost follows the customers due that day (ratio near 1); a scan's follows the stored profiles (×${(LARGE / SMALL).toFixed(0)} profiles, ×${(large.scan / small.scan).toFixed(0)} time).`);
});

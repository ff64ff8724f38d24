import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AUTOMATIONS } from '../../infra/local/simulate/automations.js';
import { CanonicalEventSchema } from '../../lib/events/canonical-event.js';
import { customerRef } from '../../lib/profiles/profile-ref.js';
import { applyEvent, emptyProfileState } from '../../lib/profiles/profile-state.js';
import { toProfileView } from '../../lib/profiles/profile-view.js';
import { compileRule } from '../../lib/rules/compile-rule.js';
import { runScheduledDay } from '../../lib/schedules/run-scheduled-day.js';
import type { SendDecision, SendGate } from '../../lib/sends/send-gate.js';
import { PROFILE_SK, profilePk } from '../../lib/store/keys.js';
import { profileIndexAttributes } from '../../lib/store/profile-index-attributes.js';
import { addDays } from '../../lib/time/local-date.js';
import { localDayRange, zonedInstant } from '../../lib/time/zoned-time.js';
import { startBenchStack } from './bench-stack.js';

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
const rule = AUTOMATIONS.feedback;
const MILESTONES = [30, 60, 90];

/** A deterministic spread of first orders over three years, never on a milestone day of DAY. */
const firstOrderOf = (index: number): string => {
  if (index < MATCHES) return new Date(zonedInstant(addDays(DAY, -30), '09:00', TIME_ZONE).getTime() + index * 1000).toISOString();
  const busy = new Set(MILESTONES.map((days) => addDays(DAY, -days)));
  let day = addDays(DAY, -1 - ((index * 7919) % 1095));
  while (busy.has(day)) day = addDays(day, -1);
  return new Date(zonedInstant(day, '12:00', TIME_ZONE).getTime() + (index % 3600) * 1000).toISOString();
};

const profileItem = (index: number) => {
  const customerId = `c-${index}`;
  const ref = customerRef(WORKSPACE, customerId);
  const at = firstOrderOf(index);
  const order = CanonicalEventSchema.parse({
    type: 'order_placed', eventId: `e-${index}`, dedupeKey: `e-${index}`, workspace: WORKSPACE, customerId, source: 'bench', occurredAt: at,
    order: { orderId: `o-${index}`, value: 30000, items: [] },
  });
  const state = applyEvent(emptyProfileState(), order);
  const view = toProfileView({ workspace: WORKSPACE, customerId, anonymous: false }, state);
  const indexAttributes = Object.fromEntries(Object.entries(profileIndexAttributes(ref, view)).filter(([, value]) => value !== undefined));
  return { pk: profilePk(ref), sk: PROFILE_SK, entity: 'profile', workspace: WORKSPACE, kind: 'customer', customerId, state: JSON.stringify(state), rev: 1, ...indexAttributes };
};

const seed = async (documents: DynamoDBDocumentClient, from: number, to: number) => {
  const chunks: number[][] = [];
  for (let start = from; start < to; start += 25) chunks.push(Array.from({ length: Math.min(25, to - start) }, (_, offset) => start + offset));
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        let requests = chunk.map((index) => ({ PutRequest: { Item: profileItem(index) } }));
        while (requests.length > 0) {
          const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
          requests = (UnprocessedItems?.[TABLE] ?? []) as typeof requests;
        }
      }
    }),
  );
};

const countingGate = (): SendGate & { count: number } => {
  const gate = { count: 0, request: async (): Promise<SendDecision> => ((gate.count += 1), { outcome: 'sent' }) };
  return gate;
};

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
};

const main = async () => {
  const stack = await startBenchStack();
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
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
  const best = async (rounds: number, work: () => Promise<unknown>) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let round = 0; round < rounds; round += 1) fastest = Math.min(fastest, await seconds(work));
    return fastest;
  };

  try {
    const results: Array<{ profiles: number; daily: number; scan: number }> = [];
    let seeded = 0;
    for (const size of [SMALL, LARGE]) {
      const seedSeconds = await seconds(() => seed(documents, seeded, size));
      seeded = size;
      console.error(`seeded ${size} profiles (${seedSeconds.toFixed(1)} s)`);
      await dailyRun(); // warm-up
      results.push({ profiles: size, daily: await best(ROUNDS, dailyRun), scan: await best(SCAN_ROUNDS, scanRun) });
    }
    const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
    console.log(`\nscheduled-rule benchmark: one daily run of "${rule.id}" (days ${MILESTONES.join('/')}) with ${MATCHES} customers due, DynamoDB Local in memory`);
    console.log(`best of ${ROUNDS} runs (scan: best of ${SCAN_ROUNDS}); the workspace grows from ${SMALL} to ${LARGE} stored profiles, the matches stay ${MATCHES}\n`);
    console.log(`${'path'.padEnd(36)} ${`${SMALL / 1000}k profiles`.padStart(14)} ${`${LARGE / 1000}k profiles`.padStart(14)} ${'ratio'.padStart(7)}`);
    const row = (name: string, a: number, b: number) => console.log(`${name.padEnd(36)} ${`${(a * 1000).toFixed(0)} ms`.padStart(14)} ${`${(b * 1000).toFixed(0)} ms`.padStart(14)} ${(b / a).toFixed(2).padStart(7)}`);
    row('daily run (date-anchor indexes)', small.daily, large.daily);
    row('baseline: scan for the same day', small.scan, large.scan);
    console.log(`\nThe daily run's cost follows the customers due that day (ratio near 1); a scan's follows the stored profiles (×${(LARGE / SMALL).toFixed(0)} profiles, ×${(large.scan / small.scan).toFixed(0)} time).`);
  } finally {
    documents.destroy();
    await stack.stop();
  }
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

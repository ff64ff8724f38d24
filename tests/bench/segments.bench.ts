import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CanonicalEventSchema } from '../../lib/events/canonical-event.js';
import { StaticRuleRepository } from '../../lib/rules/rule-repository.js';
import { RuleSchema } from '../../lib/rules/rule-schema.js';
import { countSegment } from '../../lib/segments/count-segment.js';
import { loadSegment } from '../../lib/segments/load-segment.js';
import { fastest, runBench } from './bench-stack.js';
import { atSizes, profileItem } from './seed-profiles.js';

/**
 * `npm run bench:segments`: counting a segment over 10k and 50k stored profiles the way the
 * segments function does (the sharded profile-list index, shards in parallel, BatchGetItem,
 * the compiled condition), in profiles per second. The baseline, measured in the same run,
 * is a plain parallel Scan of the same table (16 segments) that only counts the profile items:
 * the least any full pass over the profiles can do. The ratio is what listing through the
 * index, parsing each profile and evaluating the rule cost on top of reading the items.
 */
const SMALL = Number(process.env['BENCH_SMALL'] ?? 10_000);
const LARGE = Number(process.env['BENCH_LARGE'] ?? 50_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const SCAN_SEGMENTS = 16;
const WORKSPACE = 'bench';
const TABLE = 'retain-bench';
const AT = '2026-03-01T01:00:00.000Z';

const vip = RuleSchema.parse({
  id: 'vip',
  kind: 'segment',
  version: 1,
  description: 'Spent 50,000 or more, or ordered three times',
  condition: { or: [{ '>=': [{ var: 'profile.totalSpent' }, 50000] }, { '>=': [{ var: 'profile.orderCount' }, 3] }] },
});
/** Every customer has traits; every third has ordered, for 15,000 to 75,000; so every 15th is a VIP. */
const expectedVips = (profiles: number) => Array.from({ length: profiles }, (_, index) => index).filter((index) => index % 3 === 0 && 15000 * (1 + (index % 5)) >= 50000).length;

const customerItem = (index: number) => {
  const customerId = `c-${index}`;
  const base = { workspace: WORKSPACE, customerId, source: 'bench', occurredAt: AT };
  return profileItem(WORKSPACE, customerId, [
    CanonicalEventSchema.parse({ ...base, type: 'profile_updated', eventId: `t-${index}`, dedupeKey: `t-${index}`, traits: { name: `고객 ${index}`, email: `${customerId}@example.kr` } }),
    ...(index % 3 === 0
      ? [CanonicalEventSchema.parse({ ...base, type: 'order_placed', eventId: `o-${index}`, dedupeKey: `o-${index}`, order: { orderId: `o-${index}`, value: 15000 * (1 + (index % 5)), items: [] } })]
      : []),
  ]);
};

runBench(async (stack) => {
  const { documents } = stack;
  const runtime = stack.app.runtime;
  const segment = await loadSegment(WORKSPACE, 'vip', { rules: new StaticRuleRepository([vip]), settings: runtime.settings, now: new Date(AT) });

  /** The segments function's count in one pass: the whole walk, no budget. */
  const count = (profiles: number) => async () => {
    const result = await countSegment(WORKSPACE, segment, undefined, { customers: runtime.customers, profiles: runtime.profileReader, budget: () => true });
    if (result.count !== expectedVips(profiles) || result.scanned !== profiles) throw new Error(`count ${result.count} of ${result.scanned}, expected ${expectedVips(profiles)} of ${profiles}`);
  };
  /** The baseline: a parallel scan that reads every profile item of the table and counts them. */
  const scan = (profiles: number) => async () => {
    const counts = await Promise.all(
      Array.from({ length: SCAN_SEGMENTS }, async (_, segmentNumber) => {
        let found = 0;
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await documents.send(
            new ScanCommand({ TableName: TABLE, Segment: segmentNumber, TotalSegments: SCAN_SEGMENTS, FilterExpression: 'entity = :profile', ExpressionAttributeValues: { ':profile': 'profile' }, ExclusiveStartKey }),
          );
          found += page.Items?.length ?? 0;
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return found;
      }),
    );
    const found = counts.reduce((sum, part) => sum + part, 0);
    if (found !== profiles) throw new Error(`scan found ${found} profiles, expected ${profiles}`);
  };

  const results = await atSizes(documents, TABLE, [SMALL, LARGE], customerItem, async (size) => {
    await count(size)(); // warm-up
    return { profiles: size, count: await fastest(ROUNDS, count(size)), scan: await fastest(ROUNDS, scan(size)) };
  });
  console.log(`\nsegment benchmark: counting "${vip.id}" (${expectedVips(LARGE)} of ${LARGE} customers at the larger size), DynamoDB Local in memory, best of ${ROUNDS}\n`);
  console.log(`${'path'.padEnd(40)} ${results.map((result) => `${result.profiles / 1000}k profiles`.padStart(24)).join('')}`);
  const rate = (profiles: number, time: number) => `${(time * 1000).toFixed(0)} ms, ${Math.round(profiles / time).toLocaleString('en-US')}/s`.padStart(24);
  console.log(`${'segment count (profile-list walk)'.padEnd(40)} ${results.map((result) => rate(result.profiles, result.count)).join('')}`);
  console.log(`${`baseline: parallel scan (${SCAN_SEGMENTS} segments)`.padEnd(40)} ${results.map((result) => rate(result.profiles, result.scan)).join('')}`);
  console.log(`${'ratio count / scan'.padEnd(40)} ${results.map((result) => (result.count / result.scan).toFixed(2).padStart(24)).join('')}`);
  console.log(`\nA ratio near 1 means the walk costs about what reading every profile item costs; growth from ${SMALL / 1000}k to ${LARGE / 1000}k shows whether either path grows faster than the profiles.`);
});

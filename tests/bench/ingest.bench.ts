import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { runBench, timed } from './bench-stack.js';

/**
 * `npm run bench:ingest`: events/s through `POST /v1/events` end to end on the local stack
 * (HTTP → handler → validation → profile read → one TransactWriteItems), against two
 * ceilings measured in the same run on the same DynamoDB Local: bare PutItem calls, and
 * bare 3-item TransactWriteItems calls (what each stored event needs at the least).
 * DynamoDB Local's JVM speeds up as it warms, so phases run in alternating rounds after a
 * warm-up and the best round of each counts.
 */
const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 200);
const EVENTS_PER_CUSTOMER = 8;
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const BATCH = 50;
const TOTAL = CUSTOMERS * EVENTS_PER_CUSTOMER;

const messagesFor = (userId: string) =>
  Array.from({ length: EVENTS_PER_CUSTOMER }, (_, index) => {
    const timestamp = new Date(Date.UTC(2026, 2, 1, 9, index * 7)).toISOString();
    return index % 4 === 3
      ? { type: 'track', messageId: `${userId}-${index}`, userId, timestamp, event: 'Order Completed', properties: { order_id: `${userId}-o${index}`, total: 15000 + index, products: [{ product_id: 'p-1', category: 'cosmetics', price: 15000, quantity: 1 }] } }
      : { type: 'page', messageId: `${userId}-${index}`, userId, timestamp, properties: { path: `/products/${index}`, title: '토너' } };
  });

runBench(async (stack) => {
  const { documents } = stack;
  const post = (body: unknown) =>
    fetch(`${stack.app.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => {
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    });
  // Customers interleaved (each customer's events in order, many customers at once), as shop traffic arrives.
  const interleaved = (round: string) => {
    const perCustomer = Array.from({ length: CUSTOMERS }, (_, customer) => messagesFor(`${round}-${customer}`));
    return Array.from({ length: EVENTS_PER_CUSTOMER }, (_, index) => perCustomer.map((messages) => messages[index]!)).flat();
  };
  const payload = 'x'.repeat(900);

  const phases: Record<string, (round: string) => Promise<number>> = {
    'bare PutItem': (round) =>
      timed(Array.from({ length: TOTAL }, (_, index) => () => documents.send(new PutCommand({ TableName: 'retain-bench', Item: { pk: `W#bench#C#${round}-${index % CUSTOMERS}`, sk: `E#${index}`, payload } }))), CONCURRENCY),
    'bare 3-item TransactWriteItems': (round) =>
      timed(
        Array.from({ length: TOTAL }, (_, index) => () =>
          documents.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: 'retain-bench', Item: { pk: `W#bench#EV#${round}-${index}`, sk: 'EV' }, ConditionExpression: 'attribute_not_exists(pk)' } },
                { Put: { TableName: 'retain-bench', Item: { pk: `W#bench#C#${round}-${index % CUSTOMERS}`, sk: `E#${index}`, payload } } },
                { Update: { TableName: 'retain-bench', Key: { pk: `W#bench#C#${round}-${index % CUSTOMERS}`, sk: 'PROFILE' }, UpdateExpression: 'SET payload = :p ADD rev :one', ExpressionAttributeValues: { ':p': payload, ':one': 1 } } },
              ],
            }),
          ),
        ),
        CONCURRENCY,
      ),
    'POST /v1/events, one message per request': (round) => timed(interleaved(round).map((message) => () => post(message)), CONCURRENCY),
    [`POST /v1/events, batches of ${BATCH}`]: (round) => {
      const all = interleaved(round);
      return timed(Array.from({ length: Math.ceil(all.length / BATCH) }, (_, index) => () => post({ batch: all.slice(index * BATCH, (index + 1) * BATCH) })), CONCURRENCY);
    },
  };

  for (const [name, phase] of Object.entries(phases)) await phase(`warm-${name.length}`);
  const best: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = Object.entries(phases);
    if (round % 2 === 1) order.reverse();
    for (const [name, phase] of order) {
      const rate = TOTAL / (await phase(`r${round}-${name.length}`));
      best[name] = Math.max(best[name] ?? 0, rate);
    }
  }
  const put = best['bare PutItem']!;
  const transaction = best['bare 3-item TransactWriteItems']!;
  console.log(`\ningest benchmark: ${TOTAL} events per phase (${CUSTOMERS} customers × ${EVENTS_PER_CUSTOMER}), concurrency ${CONCURRENCY}, best of ${ROUNDS} alternating rounds, DynamoDB Local in memory\n`);
  console.log(`${'path'.padEnd(44)} ${'events/s'.padStart(9)} ${'÷ PutItem'.padStart(10)} ${'÷ 3-item tx'.padStart(12)}`);
  for (const [name, rate] of Object.entries(best)) {
    console.log(`${name.padEnd(44)} ${rate.toFixed(0).padStart(9)} ${(rate / put).toFixed(2).padStart(10)} ${(rate / transaction).toFixed(2).padStart(12)}`);
  }
  console.log('\nEach stored event costs one consistent profile read and one 3-item transaction; on AWS those are separate partitions and scale out, locally one JVM serialises them.');
});

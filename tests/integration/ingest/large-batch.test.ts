import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ingestAll } from '../../../lib/ingest/ingest-all.js';
import { customerRef } from '../../../lib/profiles/profile-ref.js';
import { EVENT_SK_PREFIX, profilePk } from '../../../lib/store/keys.js';
import { canonical } from '../../support/canonical-events.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

/** How long the consumers get to store what a request deferred (polled, not slept). */
const STORED = { timeout: 45_000, interval: 250 };
/** The documented maximum of a batch. */
const MAX_BATCH = 1000;
/** Page views a second apart (one visit), as a busy session or a backfill sends them. */
const pageView = (userId: string, index: number) => ({ type: 'page', messageId: `${userId}-${index}`, userId, timestamp: new Date(Date.UTC(2026, 2, 1, 0, 0, index)).toISOString(), properties: { path: `/p/${index}` } });
/** How many events of the customer's history are stored. */
const storedEvents = async (customerId: string) => {
  let count = 0;
  const pages = paginateQuery(
    { client: app.runtime.dynamo },
    {
      TableName: app.runtime.config.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': profilePk(customerRef(app.workspace, customerId)), ':events': EVENT_SK_PREFIX },
      Select: 'COUNT',
      ConsistentRead: true,
    },
  );
  for await (const page of pages) count += page.Count ?? 0;
  return count;
};
const order = (userId: string, index: number) => ({
  type: 'track',
  messageId: `${userId}-${index}`,
  userId,
  timestamp: new Date(Date.UTC(2026, 2, 1, 0, index)).toISOString(),
  event: 'Order Completed',
  properties: { order_id: `${userId}-o${index}`, total: 1000 },
});

describe('a batch of the documented maximum', () => {
  it('of one customer is answered with every message accepted, and all of them end up stored', async () => {
    // Arrange
    const batch = Array.from({ length: MAX_BATCH }, (_, index) => pageView('big-1', index));
    // Act
    const response = await app.postEvents({ batch });
    // Assert: what the request had no time for is stored from the retry queue.
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ accepted: MAX_BATCH, duplicates: 0, rejected: [] });
    await expect.poll(() => storedEvents('big-1'), STORED).toBe(MAX_BATCH);
  });

  it('of as many customers is answered with every message accepted, and each customer stored', async () => {
    // Arrange
    const batch = Array.from({ length: MAX_BATCH }, (_, index) => pageView(`many-${index}`, 0));
    // Act
    const response = await app.postEvents({ batch });
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ accepted: MAX_BATCH, rejected: [] });
    const sample = () => Promise.all([0, 499, 999].map(async (index) => (await app.customer(`many-${index}`))?.['visitCount']));
    await expect.poll(sample, STORED).toEqual([1, 1, 1]);
  });
});

describe('events a request had no time to store', () => {
  it('are stored from the retry queue, in order per customer', async () => {
    // Arrange: a budget that is already spent.
    const events = Array.from({ length: 120 }, (_, index) =>
      canonical(new Date(Date.UTC(2026, 2, 2, 0, index)).toISOString(), { type: 'order_placed', order: { orderId: `late-o${index}`, value: 1000 } }, { workspace: app.workspace, customerId: `late-${index % 2}` }),
    );
    // Act
    const outcomes = await ingestAll(events, { ...app.runtime.ingestDeps(app.runtime.logger('ingest')), budget: () => false });
    // Assert
    expect(new Set(outcomes)).toEqual(new Set(['deferred']));
    await expect.poll(() => app.customer('late-0'), STORED).toMatchObject({ orderCount: 60 });
    await expect.poll(() => app.customer('late-1'), STORED).toMatchObject({ orderCount: 60 });
  });
});

describe('a run of one customer’s events across their erasure', () => {
  it('refuses the events from before it and stores those after it', async () => {
    // Arrange
    const erasedAt = '2026-03-05T00:00:00.000Z';
    await app.postEvents({ type: 'track', messageId: 'gone-bye', userId: 'gone-1', timestamp: erasedAt, event: 'Account Deleted', properties: {} });
    await expect.poll(async () => (await bodyOf(await app.request('/v1/erasures'))).receipts, STORED).toHaveLength(1);
    // Act
    const response = await app.postEvents({ batch: [order('gone-1', 0), { ...order('gone-1', 1), timestamp: '2026-03-06T00:00:00.000Z' }, order('gone-1', 2)] });
    // Assert
    expect(await bodyOf(response)).toMatchObject({ accepted: 1, ignored: 2 });
    expect(await app.customer('gone-1')).toMatchObject({ orderCount: 1 });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { receiveAll } from '../../support/queues.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());
afterEach(() => vi.restoreAllMocks());

const order = (messageId: string, userId: string, timestamp = '2026-03-01T10:00:00+09:00') => ({
  type: 'track',
  messageId,
  userId,
  timestamp,
  event: 'Order Completed',
  properties: { order_id: `order-${messageId}`, total: 30000 },
});

/** Makes the table refuse writes, as an outage or throttling would (the one fault the local server cannot produce). */
const failWrites = (times: number) => {
  const original = app.runtime.profiles.commitEvent.bind(app.runtime.profiles);
  let failures = 0;
  return vi.spyOn(app.runtime.profiles, 'commitEvent').mockImplementation(async (commit) => {
    if (failures < times) {
      failures += 1;
      throw Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ThrottlingException' });
    }
    return original(commit);
  });
};

describe('a valid event whose write fails', () => {
  it('is accepted, retried from the queue and stored', async () => {
    // Arrange
    failWrites(2); // the request's attempt and the first retry
    // Act
    const response = await app.postEvents(order('retry-1', 'lee-1'));
    await app.drain();
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({ accepted: 1, deferred: 1 });
    expect(await app.customer('lee-1')).toMatchObject({ orderCount: 1, totalSpent: 30000 });
  });

  it('rests in the dead-letter queue when it keeps failing', async () => {
    // Arrange
    failWrites(Number.POSITIVE_INFINITY);
    // Act
    const response = await app.postEvents(order('retry-2', 'park-1'));
    const dead = await receiveAll(app.runtime.sqs, app.queues.ingestRetry.dlqUrl, 1);
    // Assert
    expect(response.status).toBe(200);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ version: 2, events: [{ type: 'order_placed', customerId: 'park-1', order: { orderId: 'order-retry-2' } }], firstError: expect.stringContaining('ThrottlingException') });
    expect(await app.customer('park-1')).toBeUndefined();
  });
});

describe('the stream consumer', () => {
  it('counts each committed event once per day and type', async () => {
    // Arrange
    const batch = [order('stats-1', 'choi-1', '2026-04-01T09:00:00+09:00'), order('stats-2', 'choi-2', '2026-04-01T23:59:00+09:00'), { type: 'page', messageId: 'stats-3', userId: 'choi-1', timestamp: '2026-04-01T15:00:00Z' }];
    // Act
    await app.postEvents({ batch });
    await app.postEvents({ batch }); // a redelivery stores nothing and counts nothing
    await app.drain();
    const response = await app.request('/v1/stats/events?from=2026-04-01&to=2026-04-02');
    // Assert
    expect(await bodyOf(response)).toMatchObject({
      timeZone: 'Asia/Seoul',
      // 15:00 UTC is already the next day in Seoul.
      days: [
        { date: '2026-04-01', counts: { order_placed: 2 }, total: 2 },
        { date: '2026-04-02', counts: { page_viewed: 1 }, total: 1 },
      ],
      totals: { order_placed: 2, page_viewed: 1 },
    });
  });

  it('retries a batch that keeps failing transiently and then reports it on the failure queue', async () => {
    // Arrange: an outage retrying may outlast (any other failure sets the record aside at once).
    vi.spyOn(app.runtime.eventStats, 'countOnce').mockRejectedValue(Object.assign(new Error('stats table unavailable'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } }));
    // Act
    await app.postEvents(order('stats-fail', 'jung-1'));
    const [failure] = await receiveAll(app.runtime.sqs, app.queues.evaluateFailures.url, 1);
    // Assert
    expect(failure).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 6 }, DDBStreamBatchInfo: { batchSize: 1, streamArn: app.streamArn } });
    expect(await app.customer('jung-1')).toMatchObject({ orderCount: 1 }); // the event itself stays stored
  });

  it('rejects a bad date range with the field named', async () => {
    // Arrange + Act
    const response = await app.request('/v1/stats/events?from=2026-03-09&to=2026-03-01');
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'from', message: 'must not be after "to"' }]);
  });
});

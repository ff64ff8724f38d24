import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRef } from '../../../lib/profiles/profile-ref.js';
import { EVENT_SK_PREFIX, PROFILE_SK, profilePk } from '../../../lib/store/keys.js';
import { MAX_TRAITS } from '../../../lib/validation/bounds.js';
import { dynamoItemBytes } from '../../support/dynamo-item-size.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const KB = 1024;
const customerPk = (customerId: string) => profilePk(customerRef(app.workspace, customerId));
const identify = (customerId: string, call: number) => ({
  type: 'identify',
  messageId: `identify-${customerId}-${call}`,
  userId: customerId,
  timestamp: new Date(Date.parse('2026-03-01T00:00:00Z') + call * 60_000).toISOString(),
  // 20 new traits of ~700 bytes each: 15 KB a call, well within the 32 KB a message may hold.
  traits: Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`trait_${call}_${index}`, 'x'.repeat(700)])),
});

describe('what a profile can be made to hold', () => {
  it('refuses the identify calls that would take a profile past its traits, so every later event is still stored', async () => {
    // Arrange
    const customerId = 'bounded-1';
    // Act: 32 identify calls, 470 KB in all
    const answers = [];
    for (let call = 0; call < 32; call += 1) {
      const response = await app.postEvents(identify(customerId, call));
      answers.push({ status: response.status, body: await bodyOf(response) });
    }
    const order = await app.postEvents({
      type: 'track',
      messageId: 'bounded-order',
      userId: customerId,
      timestamp: '2026-03-02T00:00:00Z',
      event: 'Order Completed',
      properties: { order_id: 'o-1', total: 30000, currency: 'KRW' },
    });
    // Assert
    expect(answers.slice(0, 2).map((answer) => answer.body)).toEqual([expect.objectContaining({ accepted: 1, deferred: 0 }), expect.objectContaining({ accepted: 1, deferred: 0 })]);
    for (const answer of answers.slice(2)) {
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual([{ path: 'traits', message: expect.stringContaining(`a profile keeps at most ${MAX_TRAITS}`) }]);
    }
    expect(order.status).toBe(200);
    expect(await bodyOf(order)).toMatchObject({ accepted: 1, deferred: 0 });
    expect(await app.customer(customerId)).toMatchObject({ orderCount: 1, totalSpent: 30000 });
  });

  it('writes a page view of a large profile as an event item that does not grow with the profile', async () => {
    // Arrange
    const customerId = 'bounded-2';
    for (let call = 0; call < 2; call += 1) await app.postEvents(identify(customerId, call));
    const page = (index: number) => ({ type: 'page', messageId: `bounded-page-${index}`, userId: customerId, timestamp: `2026-03-0${3 + index}T00:00:00Z`, properties: { path: '/' } });
    await app.postEvents(page(0));
    for (let call = 2; call < 32; call += 1) await app.postEvents(identify(customerId, call));
    // Act
    await app.postEvents(page(1));
    // Assert
    const { Items = [] } = await app.runtime.dynamo.send(
      new QueryCommand({ TableName: app.runtime.config.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)', ExpressionAttributeValues: { ':pk': customerPk(customerId), ':events': EVENT_SK_PREFIX } }),
    );
    const pageViews = Items.filter((item) => item['type'] === 'page_viewed').map(dynamoItemBytes);
    const { Item: profile } = await app.runtime.dynamo.send(new GetCommand({ TableName: app.runtime.config.tableName, Key: { pk: customerPk(customerId), sk: PROFILE_SK } }));
    expect(pageViews).toHaveLength(2);
    expect(pageViews[1]).toBeLessThanOrEqual(pageViews[0]! + 64);
    expect(pageViews[1]).toBeLessThan(40 * KB);
    expect(dynamoItemBytes(profile!)).toBeLessThan(40 * KB);
  });
});

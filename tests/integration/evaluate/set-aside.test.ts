import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedUp } from '../../../infra/local/simulate/segment-messages.js';
import { ingestEvent } from '../../../lib/ingest/ingest-event.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { canonical } from '../../support/canonical-events.js';
import { libraryRules } from '../../support/library-rules.js';
import { infoSend, ruleOf } from '../../support/rule-fixtures.js';
import { ledgerOf } from '../../support/send-app.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

const START = '2026-03-02T01:00:00.000Z';
const PHONE = { phone: '010-1234-5678' };
// Listed before the welcome rule, so a throw in it would stop the welcome send if it were not contained.
const gradeRule = ruleOf({ id: 'grade-gold', kind: 'trigger', on: ['signed_up'], audience: { '==': [{ var: 'profile.traits.grade' }, 'gold'] }, actions: [{ type: 'tag', add: ['gold'] }] });
const gradedFeedback = ruleOf({ id: 'graded-feedback', kind: 'scheduled', anchor: 'firstOrderAt', days: [30], at: '10:00', audience: { '==': [{ var: 'profile.traits.grade' }, 'gold'] }, actions: [infoSend()] });

let app: TestApp;
let clock: ManualClock;
/** Each evaluate invocation, as the event ids and customer ids of the records it was handed (in order). */
const invocations: string[][] = [];
const watchers: Array<{ eventId: string; seen: () => void }> = [];
beforeAll(async () => {
  clock = new ManualClock(START);
  app = await startTestApp({
    clock,
    rules: new StaticRuleRepository([gradeRule, gradedFeedback, ...libraryRules('welcome-coupon')]),
    coalesceScheduleRuns: true,
    onInvoke: (functionName, event) => {
      if (functionName !== 'evaluate') return;
      const ids = (event as DynamoDBStreamEvent).Records.flatMap((record) => [record.dynamodb?.NewImage?.['eventId']?.S ?? '?', `customer:${record.dynamodb?.NewImage?.['customerId']?.S}`]);
      invocations.push(ids);
      for (const watcher of watchers.filter((candidate) => ids.includes(candidate.eventId))) watcher.seen();
    },
  });
});
afterAll(() => app?.stop());
afterEach(() => vi.restoreAllMocks());

const timesEvaluated = (eventId: string) => invocations.filter((ids) => ids.includes(eventId)).length;
const evaluated = (eventId: string) => new Promise<void>((seen) => watchers.push({ eventId, seen }));
const setAside = async (customerId: string) => {
  const response = await app.request('/v1/set-aside');
  expect(response.status).toBe(200);
  return ((await bodyOf(response)).entries as any[]).filter((entry) => entry.customerId === customerId);
};
const failureQueueDepth = async () => {
  const { Attributes = {} } = await app.runtime.sqs.send(new GetQueueAttributesCommand({ QueueUrl: app.queues.evaluateFailures.url, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes['ApproximateNumberOfMessages']);
};

describe('a record evaluation cannot handle', () => {
  it('is set aside at once with its reason, and another customer’s signup right after it goes out without waiting for retries', async () => {
    // Arrange: a signup in year 0 as ingest stored it before times were checked at the edge.
    const poison = { ...canonical(START, { type: 'signed_up' }, { workspace: app.workspace, customerId: 'poison-1' }), occurredAt: '-000001-12-31T15:00:00.000Z' };
    const first = evaluated(poison.eventId);
    await ingestEvent(poison, app.runtime.profiles);
    await first;
    // Act
    await app.postEvents(signedUp('kim-1', START, PHONE));
    await app.drain();
    // Assert
    expect(timesEvaluated(poison.eventId)).toBe(1);
    expect(await ledgerOf(app, 'kim-1')).toMatchObject([{ rule: { id: 'welcome-coupon' }, state: 'delivered' }]);
    expect(await setAside('poison-1')).toMatchObject([
      { consumer: 'evaluate', recordId: poison.eventId, recordType: 'signed_up', occurredAt: poison.occurredAt, times: 1, failures: [{ reason: expect.stringMatching(/\w+Error: /) }] },
    ]);
    expect(await failureQueueDepth()).toBe(0);
  });

  it('is retried by the stream, not set aside, when the failure is transient (throttling)', async () => {
    // Arrange
    const throttled = Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } });
    vi.spyOn(app.runtime.eventStats, 'countOnce').mockRejectedValueOnce(throttled);
    // Act
    await app.postEvents(signedUp('choi-1', START, PHONE));
    await app.drain();
    // Assert
    expect(await setAside('choi-1')).toEqual([]);
    expect(timesEvaluated('customer:choi-1')).toBe(2);
    expect(await ledgerOf(app, 'choi-1')).toMatchObject([{ rule: { id: 'welcome-coupon' }, state: 'delivered' }]);
  });
});

describe('a rule that throws on one customer’s trait', () => {
  it('does not match them, is recorded with its reason, and the other rules go on', async () => {
    // Act: `==` on {"toString": 1} throws in json-logic-js too.
    await app.postEvents(signedUp('lee-1', START, { ...PHONE, grade: { toString: 1 } }));
    await app.drain();
    // Assert
    const [entry] = await setAside('lee-1');
    expect(entry).toMatchObject({ recordType: 'signed_up', times: 1, failures: [{ ruleId: 'grade-gold', ruleVersion: 1, reason: expect.stringContaining('Cannot convert object to primitive value') }] });
    expect(timesEvaluated(entry.recordId)).toBe(1);
    expect(await ledgerOf(app, 'lee-1')).toMatchObject([{ rule: { id: 'welcome-coupon' }, state: 'delivered' }]);
    expect((await app.customer('lee-1'))?.['tags']).not.toContain('gold');
  });

  it('is erased with the customer', async () => {
    // Arrange
    await app.postEvents(signedUp('han-1', START, { ...PHONE, grade: { toString: 1 } }));
    await app.drain();
    expect(await setAside('han-1')).toHaveLength(1);
    // Act: an hour later (an event may not be dated ahead of its receipt)
    clock.set('2026-03-02T02:00:00.000Z');
    await app.postEvents({ type: 'track', messageId: 'han-1-withdrawal', userId: 'han-1', timestamp: '2026-03-02T02:00:00.000Z', event: 'Account Deleted', properties: {} });
    await app.drain();
    // Assert
    expect(await setAside('han-1')).toEqual([]);
  });
});

describe('POST /v1/set-aside/replay', () => {
  it('hands the record to evaluation again once the cause is fixed; the entry goes', async () => {
    // Arrange: a bug that fails every record while it lasts.
    const counting = vi.spyOn(app.runtime.eventStats, 'countOnce').mockRejectedValue(new Error('stats bug'));
    await app.postEvents(signedUp('jung-1', START, PHONE));
    await app.drain();
    const [entry] = await setAside('jung-1');
    expect(entry).toMatchObject({ failures: [{ reason: 'Error: stats bug' }] });
    counting.mockRestore(); // fixed
    // Act
    const response = await app.request('/v1/set-aside/replay', { method: 'POST', json: { ids: [entry.id] } });
    await app.drain();
    // Assert
    expect(await bodyOf(response)).toEqual({ replayed: [entry.id], missing: [] });
    expect(timesEvaluated(entry.recordId)).toBe(2);
    expect(await setAside('jung-1')).toEqual([]);
    expect(await ledgerOf(app, 'jung-1')).toMatchObject([{ rule: { id: 'welcome-coupon' }, state: 'delivered' }]);
  });

  it('reports ids that are not the workspace’s entries as missing, and replays nothing for them', async () => {
    // Arrange: an id as the API gives them, for another workspace's item.
    const foreign = Buffer.from(JSON.stringify(['evaluate', 'W#other#C#kim-1', 'E#2026-03-02T01:00:00.000Z#x'])).toString('base64url');
    // Act
    const response = await app.request('/v1/set-aside/replay', { method: 'POST', json: { ids: [foreign, 'not-an-id'] } });
    // Assert
    expect(await bodyOf(response)).toEqual({ replayed: [], missing: [foreign, 'not-an-id'] });
  });

  it('refuses a request without ids, naming the field', async () => {
    // Act
    const response = await app.request('/v1/set-aside/replay', { method: 'POST', json: { ids: [] } });
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'ids', message: expect.stringContaining('at least one') }]);
  });
});

describe('GET /v1/set-aside', () => {
  it('pages with a cursor and refuses one it did not give out', async () => {
    // Arrange
    const customers = ['page-1', 'page-2'];
    for (const customerId of customers) await app.postEvents(signedUp(customerId, START, { ...PHONE, grade: { toString: 1 } }));
    await app.drain();
    // Act
    const first = await bodyOf(await app.request('/v1/set-aside?limit=1'));
    const second = await bodyOf(await app.request(`/v1/set-aside?limit=1&cursor=${first.cursor}`));
    const bad = await app.request('/v1/set-aside?cursor=bogus');
    // Assert
    expect(first.entries).toHaveLength(1);
    expect(second.entries).toHaveLength(1);
    expect(second.entries[0].id).not.toBe(first.entries[0].id);
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).issues).toEqual([{ path: 'cursor', message: expect.stringContaining('not a cursor') }]);
  });
});

describe('a scheduled rule that throws on one customer’s trait', () => {
  it('does not match them, and reaches the other customers due that day', async () => {
    // Arrange: both ordered first at START; the odd one sorts first, so a throw would stop the day before kim.
    for (const [userId, grade] of [['sched-a-odd', { toString: 1 }], ['sched-kim', 'gold']] as const) {
      await app.postEvents({ type: 'identify', messageId: `${userId}-id`, userId, timestamp: START, traits: { ...PHONE, grade } });
      await app.postEvents({ type: 'track', messageId: `${userId}-o`, userId, timestamp: START, event: 'Order Completed', properties: { order_id: `${userId}-o1`, total: 30000 } });
    }
    await app.drain();
    // Act: the 30th local day after the first order, past the rule's 10:00.
    clock.set('2026-04-01T02:00:00.000Z');
    await app.runSchedules();
    await app.drain();
    // Assert
    expect(await ledgerOf(app, 'sched-kim')).toMatchObject([{ rule: { id: 'graded-feedback' } }]);
    expect(await ledgerOf(app, 'sched-a-odd')).toEqual([]);
  });
});


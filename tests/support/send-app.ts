import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { invoke } from '../../infra/local/lambda-context.js';
import type { LocalAppOptions } from '../../infra/local/local-app.js';
import { FUNCTIONS } from '../../infra/resources.js';
import { customerRef } from '../../lib/profiles/profile-ref.js';
import type { ProfileView } from '../../lib/profiles/profile-view.js';
import { StaticRuleRepository } from '../../lib/rules/rule-repository.js';
import { TriggerRuleSchema, type Rule, type TriggerRule } from '../../lib/rules/rule-schema.js';
import { EVENT_SK_PREFIX, profilePk, TIMER_SK_PREFIX } from '../../lib/store/keys.js';
import type { ManualClock } from '../../lib/time/clock.js';
import { adAction, SENDER } from './sends.js';
import { bodyOf, startTestApp, type TestApp } from './test-app.js';
import { startWebhookEndpoint, type WebhookEndpoint } from './webhook-endpoint.js';

/** The workspace's `deliveryWebhookSecret` in every send app. */
export const WEBHOOK_SECRET = 'test-delivery-secret-0123456789';

/**
 * A trigger rule that sends `action` (by default an SMS ad) when the customer's track event
 * named after the rule arrives — see `fire`. Each event is its own occurrence unless
 * `fields.occurrence` says otherwise.
 */
export const sendRule = (id: string, action: Record<string, unknown> = {}, fields: Record<string, unknown> = {}): TriggerRule =>
  TriggerRuleSchema.parse({
    id,
    version: 1,
    description: `sends when "${id}" happens`,
    kind: 'trigger',
    on: ['custom'],
    audience: { '==': [{ var: 'event.name' }, id] },
    actions: [adAction(action)],
    ...fields,
  });

/**
 * Retain on the local stack with these rules in force and a manual clock, delivering through
 * the signed webhook to a test bridge that verifies every request's signature.
 */
export const startSendApp = async (rules: Rule[], clock: ManualClock, settings: Record<string, unknown> = {}, options: Partial<LocalAppOptions> = {}) => {
  const endpoint = await startWebhookEndpoint({ secret: WEBHOOK_SECRET, clock });
  const app = await startTestApp({ clock, rules: new StaticRuleRepository(rules), coalesceScheduleRuns: true, credentials: { deliveryWebhookSecret: WEBHOOK_SECRET }, ...options });
  await putSettings(app, { delivery: { adapter: 'webhook', url: endpoint.url }, ...settings });
  return { app, endpoint };
};

/** One send app for a test file: started before its tests, stopped after them (read `app` and `endpoint` inside tests). */
export const sendAppForFile = (rules: Rule[], clock: ManualClock, settings: Record<string, unknown> = {}, options: Partial<LocalAppOptions> = {}) => {
  const started: { app: TestApp; endpoint: WebhookEndpoint } = {} as never;
  beforeAll(async () => {
    Object.assign(started, await startSendApp(rules, clock, settings, options));
  });
  afterAll(async () => {
    await started.app?.stop();
    await started.endpoint?.close();
  });
  return started;
};

/** PUT /v1/settings with a sender for ads and the given settings (the rest take their defaults). */
export const putSettings = async (app: TestApp, settings: Record<string, unknown>) => {
  const response = await app.request('/v1/settings', { method: 'PUT', json: { sender: SENDER, ...settings } });
  if (response.status !== 200) throw new Error(`PUT /v1/settings: ${response.status} ${await response.text()}`);
};

/** A customer with a phone number, an e-mail address and `consent`, given at `at`, stored through the API as a shop would send it. */
export const createCustomer = async (
  app: TestApp,
  customerId: string,
  consent: Record<string, Record<string, boolean>> = { sms: { ad: true } },
  at = '2026-03-01T09:00:00+09:00',
): Promise<ProfileView> => {
  const response = await app.postEvents({ type: 'identify', messageId: randomUUID(), userId: customerId, timestamp: at, traits: { name: '김민지', phone: '010-1234-5678', email: `${customerId}@example.com`, consent } });
  if (response.status !== 200) throw new Error(`identify ${customerId}: ${response.status} ${await response.text()}`);
  return (await app.customer(customerId)) as ProfileView;
};

/** POST /v1/events: the track event that fires `sendRule(ruleId)` for the customer, at the clock's now. */
export const fire = async (app: TestApp, customerId: string, ruleId: string, properties: Record<string, unknown> = {}) => {
  const response = await app.postEvents({ type: 'track', messageId: randomUUID(), userId: customerId, timestamp: app.runtime.clock.now().toISOString(), event: ruleId, properties });
  if (response.status !== 200) throw new Error(`track ${ruleId} for ${customerId}: ${response.status} ${await response.text()}`);
};

/** Moves the clock to `instant`, runs the schedules due by then (the timer sweep among them) and lets every consumer finish. */
export const advanceTo = async (app: TestApp, clock: ManualClock, instant: string) => {
  clock.set(instant);
  await app.runSchedules();
  await app.drain();
};

/** GET /v1/customers/{id}/sends. */
export const ledgerOf = async (app: TestApp, customerId: string): Promise<any[]> =>
  ((await bodyOf(await app.request(`/v1/customers/${encodeURIComponent(customerId)}/sends`))) as { sends: any[] }).sends;

/** GET /v1/rules/{id}/stats. */
export const statsOf = async (app: TestApp, ruleId: string): Promise<any> => bodyOf(await app.request(`/v1/rules/${encodeURIComponent(ruleId)}/stats`));

/** The items of a customer's partition whose sort key starts with `prefix`, as stored. */
const partitionItems = async (app: TestApp, customerId: string, prefix: string) => {
  const { Items = [] } = await app.runtime.dynamo.send(
    new QueryCommand({
      TableName: app.runtime.config.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': profilePk(customerRef(app.workspace, customerId)), ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return Items;
};

/** The customer's timers in the table: what the sweep will fire. */
export const timersOf = async (app: TestApp, customerId: string) =>
  (await partitionItems(app, customerId, TIMER_SK_PREFIX)).map((item) => ({ kind: item['kind'], dueAt: item['dueAt'] }));

/** Hands every committed event of the customer to `evaluate` again, as a stream that redelivers its records does. */
export const redeliverEvents = async (app: TestApp, customerId: string) => {
  const records = (await partitionItems(app, customerId, EVENT_SK_PREFIX)).map((item, index) => ({
    eventID: `redelivered-${index}`,
    eventName: 'INSERT' as const,
    eventSource: 'aws:dynamodb',
    dynamodb: { NewImage: marshall(item), SequenceNumber: String(index + 1), StreamViewType: 'NEW_IMAGE' as const },
  }));
  return invoke('evaluate', FUNCTIONS.evaluate, app.handlers.evaluate, { Records: records });
};

/** What rests in a dead-letter queue, with the attributes that carry the reason; the letters stay there, visible. */
export const deadLettersIn = async (app: TestApp, queueUrl: string, count: number, timeoutMs = 30_000) => {
  const letters = new Map<string, { body: any; attributes: Record<string, string | undefined> }>();
  const deadline = Date.now() + timeoutMs;
  while (letters.size < count && Date.now() < deadline) {
    const { Messages = [] } = await app.runtime.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 0, MessageAttributeNames: ['All'] }));
    for (const message of Messages) {
      letters.set(message.MessageId!, {
        body: JSON.parse(message.Body ?? 'null'),
        attributes: Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue])),
      });
    }
  }
  return [...letters.values()];
};

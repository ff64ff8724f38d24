import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { getCustomerProfile } from '../../lib/profiles/get-customer-profile.js';
import { LedgerSendGate } from '../../lib/sends/request-send.js';
import { SendDeferredTimerHandler } from '../../lib/sends/resume-deferred-sends.js';
import type { ProfileView } from '../../lib/profiles/profile-view.js';
import type { SendRequest } from '../../lib/sends/send-gate.js';
import { InMemoryTimers } from './in-memory-timers.js';
import { adAction } from './sends.js';
import type { TestApp } from './test-app.js';

export const WEBHOOK_SECRET = 'test-delivery-secret-0123456789';

/** The send gate and the deferred-send timer handler of an app, with timers kept in memory (the sweep is not part of these tests). */
export const sendsOf = (app: TestApp) => {
  const timers = new InMemoryTimers();
  const logger = app.runtime.logger('test');
  const deps = { ...app.runtime.sendDeps(logger), timers };
  return {
    timers,
    gate: new LedgerSendGate(deps),
    deferred: new SendDeferredTimerHandler({ ...deps, currentProfile: (workspace, customerId) => getCustomerProfile(workspace, customerId, app.runtime.profiles) }),
  };
};

/** A customer with a phone number and consent, stored through the API as a shop would send it. */
export const createCustomer = async (app: TestApp, customerId: string, consent: Record<string, Record<string, boolean>> = { sms: { ad: true } }): Promise<ProfileView> => {
  const response = await app.postEvents({ type: 'identify', messageId: randomUUID(), userId: customerId, timestamp: '2026-03-01T09:00:00+09:00', traits: { name: '김민지', phone: '010-1234-5678', email: `${customerId}@example.com`, consent } });
  if (response.status !== 200) throw new Error(`identify ${customerId}: ${response.status} ${await response.text()}`);
  return (await app.customer(customerId)) as ProfileView;
};

/** PUT /v1/settings with a sender for ads, and the given delivery. */
export const putSettings = async (app: TestApp, settings: Record<string, unknown>) => {
  const response = await app.request('/v1/settings', {
    method: 'PUT',
    json: { sender: { name: '데모샵', contact: '02-123-4567', optOut: '무료수신거부 080-123-4567' }, ...settings },
  });
  if (response.status !== 200) throw new Error(`PUT /v1/settings: ${response.status} ${await response.text()}`);
};

export const request = (app: TestApp, profile: ProfileView, overrides: Partial<SendRequest> = {}): SendRequest => ({
  workspace: app.workspace,
  customerId: profile.customerId,
  rule: { id: 'spring-sale', version: 1, priority: 50 },
  action: adAction(),
  actionIndex: 0,
  occurrence: 'spring-2026',
  profile,
  matchedAt: new Date().toISOString(),
  ...overrides,
});

/** GET /v1/customers/{id}/sends. */
export const ledgerOf = async (app: TestApp, customerId: string): Promise<any[]> =>
  ((await (await app.request(`/v1/customers/${encodeURIComponent(customerId)}/sends`)).json()) as { sends: any[] }).sends;

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

import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerSendsCommands } from '../../../cli/commands/sends.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { advanceTo, createCustomer, deadLettersIn, fire, ledgerOf, putSettings, sendRule, startSendApp, timersOf, WEBHOOK_SECRET } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';
import type { TestApp } from '../../support/test-app.js';
import { startWebhookEndpoint, type WebhookEndpoint } from '../../support/webhook-endpoint.js';

// One app for the file, on a clock that only moves forward: each test starts later than the last.
const clock = new ManualClock(kst('2026-03-02 11:00'));
const rules = ['flaky', 'dead', 'refused', 'erased-pending', 'erased-queued', 'dry'].map((id) => sendRule(id));

let app: TestApp;
const endpoints: WebhookEndpoint[] = [];
beforeAll(async () => {
  const started = await startSendApp(rules, clock);
  app = started.app;
  endpoints.push(started.endpoint);
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await app?.stop();
  for (const endpoint of endpoints) await endpoint.close();
});

/** A bridge answering with `script`, then `fallback`, set as the workspace's delivery URL. */
const bridge = async (script: number[], fallback = 200) => {
  const endpoint = await startWebhookEndpoint({ secret: WEBHOOK_SECRET, clock, script, fallback });
  endpoints.push(endpoint);
  await putSettings(app, { delivery: { adapter: 'webhook', url: endpoint.url } });
  return endpoint;
};

/** `retain sends redrive …`, with the output it prints. */
const redrive = async (...args: string[]) => {
  const out: string[] = [];
  const program = new Command().exitOverride();
  registerSendsCommands(program, { fetch, out: (text) => out.push(text), env: {} });
  await program.parseAsync(['sends', 'redrive', '--url', app.url, '--api-key', app.apiKey, ...args], { from: 'user' });
  return out.join('');
};

/** The shop reports the member withdrew: Retain erases them. */
const withdraw = async (customerId: string) => {
  const response = await app.postEvents({ type: 'track', messageId: randomUUID(), userId: customerId, timestamp: clock.now().toISOString(), event: 'Account Deleted', properties: {} });
  expect(response.status).toBe(200);
  await app.drain();
};

describe('a flaky webhook endpoint', () => {
  it('is retried until it takes the message, always with the same idempotency key', async () => {
    // Arrange
    const endpoint = await bridge([503, 503]);
    await createCustomer(app, 'flaky-1');
    // Act
    await fire(app, 'flaky-1', 'flaky');
    await app.drain();
    // Assert
    expect(endpoint.received).toHaveLength(3);
    expect(new Set(endpoint.received.map((hook) => hook.headers['idempotency-key'])).size).toBe(1);
    expect(await ledgerOf(app, 'flaky-1')).toEqual([expect.objectContaining({ state: 'delivered', attempts: 2, lastError: `webhook ${new URL(endpoint.url).host} answered 503` })]);
  });
});

describe('a dead webhook endpoint', () => {
  it('leaves the message in the dead-letter queue with its reason, and redrive delivers it once the endpoint is back', async () => {
    // Arrange
    const endpoint = await bridge([], 500);
    await createCustomer(app, 'dead-1');
    await fire(app, 'dead-1', 'dead');
    // Act
    await app.drain();
    const [letter] = await deadLettersIn(app, app.queues.sends.dlqUrl, 1);
    const failed = (await ledgerOf(app, 'dead-1'))[0];
    endpoint.fallback = 200;
    const output = await redrive('--rule', 'dead');
    await app.drain();
    // Assert
    expect(endpoint.received).toHaveLength(6); // 5 attempts, then the redriven one
    expect(letter).toMatchObject({ body: { customerId: 'dead-1', rule: { id: 'dead' } }, attributes: { 'retain-reason': expect.stringMatching(/^gave up after 5 attempts: webhook .* answered 500$/), 'retain-attempts': '5' } });
    expect(failed).toMatchObject({ state: 'failed', reason: expect.stringContaining('gave up after 5 attempts') });
    expect(output).toMatch(/^redrove 1 send\(s\)\n .* dead {2}sms {2}gave up after 5 attempts/);
    expect((await ledgerOf(app, 'dead-1'))[0]).toMatchObject({ state: 'delivered' });
  });

  it('dead-letters at once when the bridge refuses the request', async () => {
    // Arrange
    const endpoint = await bridge([], 400);
    await createCustomer(app, 'refused-1');
    // Act
    await fire(app, 'refused-1', 'refused');
    await app.drain();
    // Assert
    expect(endpoint.received).toHaveLength(1);
    expect((await ledgerOf(app, 'refused-1'))[0]).toMatchObject({ state: 'failed', reason: expect.stringContaining('answered 400') });
  });
});

describe('a customer erased while a send waits for the morning', () => {
  it('loses the pending send and its timer, and gets nothing at 08:00', async () => {
    // Arrange
    clock.set(kst('2026-03-02 22:30'));
    const endpoint = await bridge([]);
    await createCustomer(app, 'erased-1');
    await fire(app, 'erased-1', 'erased-pending');
    await app.drain();
    const pending = { ledger: await ledgerOf(app, 'erased-1'), timers: await timersOf(app, 'erased-1') };
    // Act
    await withdraw('erased-1');
    const erased = { ledger: await ledgerOf(app, 'erased-1'), timers: await timersOf(app, 'erased-1') };
    await advanceTo(app, clock, kst('2026-03-03 08:00'));
    // Assert
    expect(pending).toEqual({ ledger: [expect.objectContaining({ state: 'pending' })], timers: [expect.objectContaining({ kind: 'send-deferred' })] });
    expect(erased).toEqual({ ledger: [], timers: [] });
    expect(endpoint.to('erased-1')).toEqual([]);
  });
});

describe('a customer erased after their message was queued', () => {
  it('gets nothing: delivery skips a message whose customer is gone', async () => {
    // Arrange: hold the message back on its way to SQS until the customer is erased
    clock.set(kst('2026-03-03 11:00'));
    const endpoint = await bridge([]);
    await createCustomer(app, 'erased-2');
    const queue = app.runtime.queue('sends');
    const held: Array<Parameters<typeof queue.send>> = [];
    vi.spyOn(queue, 'send').mockImplementation(async (...args) => void held.push(args));
    await fire(app, 'erased-2', 'erased-queued');
    await app.drain();
    vi.restoreAllMocks();
    await withdraw('erased-2');
    // Act
    for (const args of held) await queue.send(...args);
    await app.drain();
    // Assert
    expect(held).toHaveLength(1);
    expect(endpoint.to('erased-2')).toEqual([]);
    expect(await ledgerOf(app, 'erased-2')).toEqual([]);
  });
});

describe('a redrive dry run', () => {
  it('lists the dead letters of a rule with their reasons and moves nothing', async () => {
    // Arrange
    await bridge([], 400);
    await createCustomer(app, 'dry-1');
    await fire(app, 'dry-1', 'dry');
    await app.drain();
    // Act
    const first = await redrive('--rule', 'dry', '--dry-run');
    const second = await redrive('--rule', 'dry', '--dry-run');
    // Assert
    expect(first).toMatch(/^would redrive 1 send\(s\)\n .* dry {2}sms {2}webhook .* answered 400\n$/);
    expect(second).toBe(first);
  });
});

import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerSendsCommands } from '../../../cli/commands/sends.js';
import { eraseCustomer } from '../../../lib/erasure/erase-customer.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { createCustomer, deadLettersIn, ledgerOf, putSettings, request, sendsOf, WEBHOOK_SECRET } from '../../support/send-app.js';
import { kst } from '../../support/sends.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { startWebhookEndpoint } from '../../support/webhook-endpoint.js';

let app: TestApp;
const clock = new ManualClock(kst('2026-03-02 11:00'));
const endpoints: Array<Awaited<ReturnType<typeof startWebhookEndpoint>>> = [];

beforeAll(async () => {
  app = await startTestApp({ clock, credentials: { deliveryWebhookSecret: WEBHOOK_SECRET } });
});
afterAll(async () => {
  await app?.stop();
  for (const endpoint of endpoints) await endpoint.close();
});

/** A bridge answering with `script`, then `fallback`, set as the workspace's delivery URL. */
const bridge = async (script: number[], fallback = 200) => {
  const endpoint = await startWebhookEndpoint(script, fallback);
  endpoints.push(endpoint);
  await putSettings(app, { delivery: { adapter: 'webhook', url: endpoint.url }, fatigue: { sms: { perDay: 10, perWeek: 20 } } });
  return endpoint;
};

const redrive = async (...args: string[]) => {
  const out: string[] = [];
  const program = new Command().exitOverride();
  registerSendsCommands(program, { fetch, out: (text) => out.push(text), env: {} });
  await program.parseAsync(['sends', 'redrive', '--url', app.url, '--api-key', app.apiKey, ...args], { from: 'user' });
  return out.join('');
};

describe('a flaky webhook endpoint', () => {
  it('is retried until it takes the message', async () => {
    // Arrange
    const endpoint = await bridge([503, 503]);
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'flaky-1');
    // Act
    await gate.request(request(app, customer, { rule: { id: 'flaky', version: 1, priority: 50 } }));
    await app.drain();
    // Assert
    expect(endpoint.received).toHaveLength(3);
    expect(new Set(endpoint.received.map((hook) => hook.headers['idempotency-key'])).size).toBe(1);
    expect((await ledgerOf(app, 'flaky-1'))[0]).toMatchObject({ state: 'delivered', attempts: 2, lastError: `webhook ${new URL(endpoint.url).host} answered 503` });
  });
});

describe('a dead webhook endpoint', () => {
  it('leaves the message in the dead-letter queue with its reason, and redrive delivers it once the endpoint is back', async () => {
    // Arrange
    const endpoint = await bridge([], 500);
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'dead-1');
    await gate.request(request(app, customer, { rule: { id: 'dead', version: 1, priority: 50 } }));
    // Act
    await app.drain();
    const [letter] = await deadLettersIn(app, app.queues.sends.dlqUrl, 1);
    const failed = (await ledgerOf(app, 'dead-1'))[0];
    endpoint.fallback = 200;
    const output = await redrive('--rule', 'dead');
    await app.drain();
    // Assert
    expect(endpoint.received.length).toBe(6); // 5 attempts, then the redriven one
    expect(letter).toMatchObject({ body: { customerId: 'dead-1', rule: { id: 'dead' } }, attributes: { 'retain-reason': expect.stringMatching(/^gave up after 5 attempts: webhook .* answered 500$/), 'retain-attempts': '5' } });
    expect(failed).toMatchObject({ state: 'failed', reason: expect.stringContaining('gave up after 5 attempts') });
    expect(output).toMatch(/^redrove 1 send\(s\)\n .* dead {2}sms {2}gave up after 5 attempts/);
    expect((await ledgerOf(app, 'dead-1'))[0]).toMatchObject({ state: 'delivered' });
  });

  it('dead-letters at once when the bridge refuses the request', async () => {
    // Arrange
    const endpoint = await bridge([], 400);
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'refused-1');
    // Act
    await gate.request(request(app, customer, { rule: { id: 'refused', version: 1, priority: 50 } }));
    await app.drain();
    // Assert
    expect(endpoint.received).toHaveLength(1);
    expect((await ledgerOf(app, 'refused-1'))[0]).toMatchObject({ state: 'failed', reason: expect.stringContaining('answered 400') });
  });
});

describe('a customer erased after the message was queued', () => {
  it('gets nothing: delivery skips a send whose ledger entry is gone', async () => {
    // Arrange: hold the message back until the customer is erased
    const endpoint = await bridge([]);
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'erased-1');
    const queue = app.runtime.queue('sends');
    const held: Array<Parameters<typeof queue.send>> = [];
    const hold = vi.spyOn(queue, 'send').mockImplementation(async (...args) => void held.push(args));
    await gate.request(request(app, customer, { rule: { id: 'erased', version: 1, priority: 50 } }));
    hold.mockRestore();
    await eraseCustomer({ workspace: app.workspace, customerId: 'erased-1', requestedAt: clock.now().toISOString(), source: 'test' }, { store: app.runtime.erasures, clock });
    // Act
    for (const args of held) await queue.send(...args);
    await app.drain();
    // Assert
    expect(held).toHaveLength(1);
    expect(endpoint.received).toEqual([]);
    expect(await ledgerOf(app, 'erased-1')).toEqual([]);
  });
});

describe('a redrive dry run', () => {
  it('lists the dead letters of a rule with their reasons and moves nothing', async () => {
    // Arrange
    await bridge([], 400);
    const { gate } = sendsOf(app);
    const customer = await createCustomer(app, 'dry-1');
    await gate.request(request(app, customer, { rule: { id: 'dry', version: 1, priority: 50 } }));
    await app.drain();
    // Act
    const first = await redrive('--rule', 'dry', '--dry-run');
    const second = await redrive('--rule', 'dry', '--dry-run');
    // Assert
    expect(first).toMatch(/^would redrive 1 send\(s\)\n .* dry {2}sms {2}webhook .* answered 400\n$/);
    expect(second).toBe(first);
  });
});

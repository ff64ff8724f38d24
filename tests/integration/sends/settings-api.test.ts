import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { WorkspaceSettingsSchema } from '../../../lib/workspaces/workspace-settings.js';
import { createCustomer, fire, ledgerOf, sendRule, WEBHOOK_SECRET } from '../../support/send-app.js';
import { readmeJsonBlocks, SETTINGS_HEADING } from '../../support/readme.js';
import { kst, SENDER } from '../../support/sends.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { startWebhookEndpoint, type WebhookEndpoint } from '../../support/webhook-endpoint.js';

// Delivered as a deployed function does: public https only. The test workspace has the
// delivery signing secret; the deployment's other workspace has none.
const clock = new ManualClock(kst('2026-03-02 11:00'));
const UNSIGNED = { id: 'unsigned', apiKey: 'unsigned-key' };
let app: TestApp;
let endpoint: WebhookEndpoint;
beforeAll(async () => {
  app = await startTestApp({
    allowLoopbackDelivery: false,
    clock,
    rules: new StaticRuleRepository([sendRule('stored-url')]),
    credentials: { deliveryWebhookSecret: WEBHOOK_SECRET },
    otherWorkspaces: { [UNSIGNED.id]: { apiKey: UNSIGNED.apiKey } },
  });
  endpoint = await startWebhookEndpoint({ secret: WEBHOOK_SECRET, clock });
});
afterAll(async () => {
  await app?.stop();
  await endpoint?.close();
});

const put = (document: unknown, apiKey = app.apiKey) =>
  fetch(`${app.url}/v1/settings`, { method: 'PUT', body: JSON.stringify(document), headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
const settingsOf = async (apiKey = app.apiKey) => bodyOf(await fetch(`${app.url}/v1/settings`, { headers: { authorization: `Bearer ${apiKey}` } }));
const readmeSettings = () => JSON.parse(readmeJsonBlocks(SETTINGS_HEADING)[0]!);

describe('PUT /v1/settings', () => {
  it("takes the README's example as written", async () => {
    // Act
    const response = await put(readmeSettings(), UNSIGNED.apiKey);
    // Assert
    expect(response.status).toBe(200);
    expect(await settingsOf(UNSIGNED.apiKey)).toEqual(readmeSettings());
  });

  it('refuses {} with a 400 naming sender, and keeps the sender it had', async () => {
    // Arrange
    await put({ sender: SENDER }, UNSIGNED.apiKey);
    // Act
    const response = await put({}, UNSIGNED.apiKey);
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'sender', message: expect.stringMatching(/^required: every ad names the sender/) }]);
    expect(await settingsOf(UNSIGNED.apiKey)).toMatchObject({ sender: SENDER });
  });

  it('refuses webhook delivery in a workspace without the signing secret, naming delivery.adapter', async () => {
    // Arrange
    const webhook = { sender: SENDER, delivery: { adapter: 'webhook', url: 'https://bridge.example.com/retain' } };
    // Act
    const unsigned = await put(webhook, UNSIGNED.apiKey);
    const signed = await put(webhook);
    // Assert
    expect([unsigned.status, signed.status]).toEqual([400, 200]);
    expect((await bodyOf(unsigned)).issues).toEqual([{ path: 'delivery.adapter', message: expect.stringContaining('"deliveryWebhookSecret", which this workspace does not have') }]);
    expect(await settingsOf(UNSIGNED.apiKey)).toMatchObject({ delivery: { adapter: 'log' } });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'must be an https URL'],
    ['https://169.254.169.254/latest/meta-data/', 'must not point at 169.254.169.254, a link-local address'],
    ['https://[::ffff:169.254.169.254]/', 'must not point at 169.254.169.254, a link-local address'],
    ['https://192.168.0.10/retain', 'must not point at 192.168.0.10, a private address'],
    ['https://localhost:8443/retain', 'must not point at "localhost", this machine'],
  ])('refuses the delivery URL %s, naming delivery.url', async (url, problem) => {
    // Act
    const response = await put({ sender: SENDER, delivery: { adapter: 'webhook', url } });
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'delivery.url', message: expect.stringContaining(problem) }]);
  });
});

describe('a delivery URL stored before it was checked', () => {
  it('is refused at delivery: the send fails for good with its reason, and nothing is sent there', async () => {
    // Arrange: written straight into the table, as settings from before the check are
    await app.runtime.settings.put(app.workspace, WorkspaceSettingsSchema.parse({ sender: SENDER, delivery: { adapter: 'webhook', url: endpoint.url } }));
    await createCustomer(app, 'stored-url-1');
    // Act
    await fire(app, 'stored-url-1', 'stored-url');
    await app.drain();
    // Assert
    expect(await ledgerOf(app, 'stored-url-1')).toEqual([expect.objectContaining({ state: 'failed', reason: expect.stringContaining('delivery.url must be an https URL') })]);
    expect(endpoint.received).toEqual([]);
  });
});

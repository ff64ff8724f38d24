import { describe, expect, it } from 'vitest';
import { localSecretsFromEnv } from '../../../infra/local/local-secrets.js';
import { PUBLIC_HTTPS_ONLY } from '../../../lib/delivery/delivery-target.js';
import { ValidationError } from '../../../lib/validation/field-issues.js';
import { acceptSettingsDocument, type SettingsContext } from '../../../lib/workspaces/settings-document.js';
import { StaticWorkspaceSecrets } from '../../../lib/workspaces/workspace-secrets.js';
import { readmeJsonBlocks, SETTINGS_HEADING } from '../../support/readme.js';
import { SENDER } from '../../support/sends.js';

const WITH_SECRET: SettingsContext = { credentials: { deliveryWebhookSecret: 'a-delivery-secret-of-some-length', cafe24Header: 'x-retain-key', shopbyHeader: 'x-retain-key', shopifyShopDomains: [] }, delivery: PUBLIC_HTTPS_ONLY };
const WITHOUT_SECRET: SettingsContext = { ...WITH_SECRET, credentials: { ...WITH_SECRET.credentials!, deliveryWebhookSecret: undefined } };
const webhook = (url: string) => ({ sender: SENDER, delivery: { adapter: 'webhook', url } });

const issuesOf = (document: unknown, context: SettingsContext) => {
  try {
    acceptSettingsDocument(document, context);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues;
  }
};

describe('a settings document', () => {
  it('needs a sender: {} is refused, naming the field', () => {
    // Arrange + Act + Assert
    expect(issuesOf({}, WITH_SECRET)).toEqual([{ path: 'sender', message: expect.stringMatching(/^required: every ad names the sender/) }]);
  });

  it('needs the signing secret for webhook delivery, naming delivery.adapter', () => {
    // Arrange + Act + Assert
    expect(issuesOf(webhook('https://bridge.example.com/retain'), WITHOUT_SECRET)).toEqual([{ path: 'delivery.adapter', message: expect.stringContaining('"deliveryWebhookSecret", which this workspace does not have') }]);
    expect(issuesOf(webhook('https://bridge.example.com/retain'), WITH_SECRET)).toEqual([]);
  });

  it('reports every problem at once', () => {
    // Arrange + Act
    const issues = issuesOf({ delivery: { adapter: 'webhook', url: 'http://169.254.169.254/latest/meta-data/' } }, WITHOUT_SECRET);
    // Assert
    expect(issues.map((issue) => issue.path)).toEqual(['sender', 'delivery.adapter', 'delivery.url']);
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'https://169.254.169.254/latest/meta-data/', 'https://[::ffff:a9fe:a9fe]/', 'https://10.0.0.1/', 'https://localhost/', 'http://127.0.0.1:4000/retain'])(
    'refuses the delivery URL %s on AWS, naming delivery.url',
    (url) => {
      // Arrange + Act + Assert
      expect(issuesOf(webhook(url), WITH_SECRET)).toEqual([{ path: 'delivery.url', message: expect.any(String) }]);
    },
  );

  it('takes a loopback bridge where the local harness allows it', () => {
    // Arrange + Act + Assert
    expect(issuesOf(webhook('http://127.0.0.1:4000/retain'), { ...WITH_SECRET, delivery: { allowLoopback: true } })).toEqual([]);
  });
});

describe("the README's settings examples", () => {
  it('are accepted as written by the local demo workspace, the webhook one once the signing secret is set', async () => {
    // Arrange
    const [document, delivery] = readmeJsonBlocks(SETTINGS_HEADING);
    const demo = (env: NodeJS.ProcessEnv) => new StaticWorkspaceSecrets(localSecretsFromEnv(env)).credentials('demo');
    const withDelivery = { ...JSON.parse(document!), ...JSON.parse(`{${delivery!}}`) };
    // Act + Assert
    expect(issuesOf(JSON.parse(document!), { credentials: await demo({}), delivery: PUBLIC_HTTPS_ONLY })).toEqual([]);
    expect(issuesOf(withDelivery, { credentials: await demo({ RETAIN_DELIVERY_WEBHOOK_SECRET: 'a-delivery-secret-of-some-length' }), delivery: PUBLIC_HTTPS_ONLY })).toEqual([]);
    expect(issuesOf(withDelivery, { credentials: await demo({}), delivery: PUBLIC_HTTPS_ONLY }).map((issue) => issue.path)).toEqual(['delivery.adapter']);
  });
});

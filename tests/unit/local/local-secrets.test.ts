import { describe, expect, it } from 'vitest';
import { localSecretsFromEnv } from '../../../infra/local/local-secrets.js';
import { StaticWorkspaceSecrets } from '../../../lib/workspaces/workspace-secrets.js';

const demoCredentials = (env: NodeJS.ProcessEnv) => new StaticWorkspaceSecrets(localSecretsFromEnv(env)).credentials('demo');

describe('the local workspace demo', () => {
  it('takes Shopify webhooks from retain-demo.myshopify.com by default', async () => {
    // Arrange + Act + Assert
    expect((await demoCredentials({}))?.shopifyShopDomains).toEqual(['retain-demo.myshopify.com']);
  });

  it('takes the shops of RETAIN_SHOPIFY_SHOP_DOMAINS, comma-separated', async () => {
    // Arrange + Act + Assert
    expect((await demoCredentials({ RETAIN_SHOPIFY_SHOP_DOMAINS: 'my-dev-store.myshopify.com, Outlet.myshopify.com' }))?.shopifyShopDomains).toEqual(['my-dev-store.myshopify.com', 'outlet.myshopify.com']);
  });
});

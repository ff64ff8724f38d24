import type { WorkspaceSecretsDocument } from '../../lib/workspaces/workspace-secrets.js';

/** The local contract: one workspace, `demo`, with its keys from the environment. */
export const localSecretsFromEnv = (env: NodeJS.ProcessEnv): WorkspaceSecretsDocument => ({
  workspaces: {
    demo: {
      apiKey: env['RETAIN_API_KEY'] ?? 'dev-key',
      shopifySecret: env['RETAIN_SHOPIFY_SECRET'] ?? 'dev-shopify-secret',
      shopifyShopDomains: (env['RETAIN_SHOPIFY_SHOP_DOMAINS'] ?? 'retain-demo.myshopify.com').split(',').filter((domain) => domain.trim() !== ''),
      cafe24Key: env['RETAIN_CAFE24_KEY'] ?? 'dev-cafe24-key',
      cafe24Header: env['RETAIN_CAFE24_HEADER'] ?? 'x-retain-key',
      shopbyKey: env['RETAIN_SHOPBY_KEY'] ?? 'dev-shopby-key',
      ...(env['RETAIN_DELIVERY_WEBHOOK_SECRET'] ? { deliveryWebhookSecret: env['RETAIN_DELIVERY_WEBHOOK_SECRET'] } : {}),
    },
  },
});

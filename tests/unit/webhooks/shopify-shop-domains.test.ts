import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticateShopify } from '../../../lib/webhooks/authenticate-webhook.js';
import { StaticWorkspaceSecrets } from '../../../lib/workspaces/workspace-secrets.js';

const SHARED_SECRET = 'one-app-two-workspaces';
const body = Buffer.from('{"id":820982911946154508}', 'utf8');
const signed = (shopDomain?: string) => ({
  'x-shopify-hmac-sha256': createHmac('sha256', SHARED_SECRET).update(body).digest('base64'),
  ...(shopDomain !== undefined ? { 'x-shopify-shop-domain': shopDomain } : {}),
});
const secrets = new StaticWorkspaceSecrets({
  workspaces: {
    'shop-a': { shopifySecret: SHARED_SECRET, shopifyShopDomains: ['shop-a.myshopify.com'] },
    'shop-b': { shopifySecret: SHARED_SECRET, shopifyShopDomains: ['Shop-B.myshopify.com', 'shop-b-outlet.myshopify.com'] },
    'no-shops': { shopifySecret: SHARED_SECRET },
  },
});
const authenticate = async (workspace: string, shopDomain?: string) => {
  try {
    authenticateShopify(body, signed(shopDomain), await secrets.credentials(workspace));
    return 'accepted';
  } catch (error) {
    return (error as { statusCode: number }).statusCode;
  }
};

describe('Shopify webhooks of workspaces that share one app secret', () => {
  it('are taken only by the workspace of their shop', async () => {
    // Arrange + Act + Assert
    expect(await authenticate('shop-a', 'shop-a.myshopify.com')).toBe('accepted');
    expect(await authenticate('shop-b', 'shop-a.myshopify.com')).toBe(401);
    expect(await authenticate('shop-a', 'shop-b.myshopify.com')).toBe(401);
  });

  it('match the domain whatever its case, and any of the workspace\'s shops', async () => {
    // Arrange + Act + Assert
    expect(await authenticate('shop-b', 'SHOP-B.myshopify.com')).toBe('accepted');
    expect(await authenticate('shop-b', 'shop-b-outlet.myshopify.com')).toBe('accepted');
  });

  it('are refused without a shop domain, and by a workspace that names no shop', async () => {
    // Arrange + Act + Assert
    expect(await authenticate('shop-a')).toBe(401);
    expect(await authenticate('shop-a', '')).toBe(401);
    expect(await authenticate('no-shops', 'shop-a.myshopify.com')).toBe(401);
  });
});

describe('shop domains in the secrets document', () => {
  it('must be myshopify.com domains', () => {
    // Arrange + Act + Assert
    expect(() => new StaticWorkspaceSecrets({ workspaces: { 'shop-a': { shopifyShopDomains: ['shop.example.com'] } } })).toThrow(/myshopify\.com domain/);
  });
});

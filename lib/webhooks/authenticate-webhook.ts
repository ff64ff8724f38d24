import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error.js';
import { secretsEqual, type WorkspaceCredentials } from '../workspaces/workspace-secrets.js';

/** Shopify signs the raw body: base64(HMAC-SHA256(secret, body bytes)), compared in constant time. */
export const shopifySignatureValid = (rawBody: Buffer, signature: string | undefined, secret: string): boolean => {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const presented = Buffer.from(signature, 'base64');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
};

/**
 * A Shopify webhook is for this workspace when it is signed with the workspace's secret and
 * comes from one of its shops: workspaces that share one app's secret cannot write into each other.
 */
export const authenticateShopify = (rawBody: Buffer, headers: Record<string, string | undefined>, credentials: WorkspaceCredentials | undefined): void => {
  if (!credentials?.shopifySecret || !shopifySignatureValid(rawBody, headers['x-shopify-hmac-sha256'], credentials.shopifySecret)) {
    throw new ApiError(401, 'invalid_signature', 'X-Shopify-Hmac-Sha256 does not match the body signed with this workspace\'s Shopify secret.');
  }
  const domain = headers['x-shopify-shop-domain']?.trim().toLowerCase();
  if (!domain) throw new ApiError(401, 'unknown_shop', 'X-Shopify-Shop-Domain is missing: Retain takes Shopify webhooks only from the shops of the workspace.');
  if (!credentials.shopifyShopDomains.includes(domain)) {
    throw new ApiError(401, 'unknown_shop', `X-Shopify-Shop-Domain "${domain}" is not a shop of this workspace: add it to the workspace's shopifyShopDomains.`);
  }
};

/**
 * Cafe24 and shopby carry a key the shop configured: in the workspace's chosen header, or
 * (shopby, whose app settings take only a URL) in the `key` query parameter.
 */
export const authenticateKey = (
  presented: { header?: string; query?: string },
  expected: string | undefined,
  platform: string,
  headerName: string,
): void => {
  const key = presented.header ?? presented.query;
  if (!expected || key === undefined || !secretsEqual(key, expected)) {
    throw new ApiError(403, 'invalid_key', `The ${platform} webhook key (header ${headerName}) is missing or wrong.`);
  }
};

import { createHmac, randomUUID } from 'node:crypto';
import { fixtureText } from './fixtures.js';
import { SHOPIFY_SHOP_DOMAIN, type TestApp } from './test-app.js';

export interface ShopifyPostOptions {
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
  /** Sign with this secret instead of the workspace's. */
  secret?: string;
  headers?: Record<string, string | undefined>;
}

/** POSTs a raw body as Shopify does: HMAC-SHA256 of the exact bytes, base64, plus its headers. */
export const postShopify = (app: TestApp, topic: string, body: string, options: ShopifyPostOptions = {}) => {
  const signature = createHmac('sha256', options.secret ?? app.credentials.shopifySecret!).update(Buffer.from(body, 'utf8')).digest('base64');
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': signature,
    'x-shopify-shop-domain': SHOPIFY_SHOP_DOMAIN,
    'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
    'x-shopify-api-version': '2026-07',
    ...(options.eventId ? { 'x-shopify-event-id': options.eventId } : {}),
    ...(options.triggeredAt ? { 'x-shopify-triggered-at': options.triggeredAt } : {}),
    ...options.headers,
  };
  return fetch(`${app.url}/webhooks/shopify/${app.workspace}`, {
    method: 'POST',
    body,
    headers: Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  });
};

/** POSTs a body as a Cafe24 webhook with the workspace's key (or `key`; null sends none). */
export const postCafe24 = (app: TestApp, body: string, key: string | null = app.credentials.cafe24Key ?? null) =>
  fetch(`${app.url}/webhooks/cafe24/${app.workspace}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(key ? { 'x-retain-key': key } : {}) },
  });

export const postShopby = (app: TestApp, body: unknown, key: string | null = app.credentials.shopbyKey ?? null) =>
  fetch(`${app.url}/webhooks/shopby/${app.workspace}${key ? `?key=${encodeURIComponent(key)}` : ''}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

/** A Shopify fixture's text, with the top-level JSON edited textually (ids stay exact). */
export const shopifyFixture = (name: string) => fixtureText(`shopify/${name}`);
export const cafe24Fixture = (name: string) => fixtureText(`cafe24/${name}`);

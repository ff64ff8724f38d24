import { ingestAll, requestErasures, type IngestDeps } from '../ingest/ingest-all.js';
import { MAX_ID_BYTES, utf8Bytes } from '../validation/bounds.js';
import { ValidationError, type FieldIssue } from '../validation/field-issues.js';
import type { WorkspaceSecrets } from '../workspaces/workspace-secrets.js';
import { authenticateKey, authenticateShopify } from './authenticate-webhook.js';
import { mapCafe24Webhook } from './cafe24/map-cafe24-webhook.js';
import { parseWebhookJson } from './parse-webhook-json.js';
import { mapShopbyWebhook } from './shopby/map-shopby-webhook.js';
import { mapShopifyWebhook } from './shopify/map-shopify-webhook.js';
import type { UnhandledWebhookLog } from './unhandled-webhook-log.js';
import type { WebhookResult } from './webhook-result.js';

export const PLATFORMS = ['shopify', 'cafe24', 'shopby'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface WebhookRequest {
  platform: Platform;
  workspace: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
  receivedAt: string;
}

export interface WebhookReport {
  stored: number;
  duplicates: number;
  deferred: number;
  erasures: number;
  /** Events refused because they happened before their customer was erased (late retries). */
  refused: number;
  ignored?: string;
}

const SHOPIFY_HEADERS = ['x-shopify-topic', 'x-shopify-webhook-id', 'x-shopify-shop-domain'] as const;
/** Headers that become part of a key (an unhandled delivery's sort key holds topic and webhook id); Shopify's topics are under 50 characters. */
const SHOPIFY_HEADER_BYTES = { 'x-shopify-topic': 64, 'x-shopify-webhook-id': MAX_ID_BYTES, 'x-shopify-event-id': MAX_ID_BYTES } as const;

const headerIssues = (headers: WebhookRequest['headers']): FieldIssue[] => [
  ...SHOPIFY_HEADERS.filter((name) => !headers[name]).map((name) => ({ path: `headers.${name}`, message: 'required header of a Shopify webhook' })),
  ...Object.entries(SHOPIFY_HEADER_BYTES).flatMap(([name, maxBytes]) => {
    const bytes = utf8Bytes(headers[name] ?? '');
    return bytes > maxBytes ? [{ path: `headers.${name}`, message: `is ${bytes} bytes long; at most ${maxBytes} bytes` }] : [];
  }),
];

/**
 * A builder platform's webhook, within its response budget (no rule runs here):
 * 1. authenticate before reading the body (Shopify: HMAC of the raw bytes → 401; Cafe24 and
 *    shopby: the workspace's key → 403);
 * 2. parse losslessly and map to canonical events and erasures (a bad shape → 400, nothing stored);
 * 3. store the events (duplicates and late retries change nothing) and queue the erasures.
 */
export const receiveWebhook = async (
  request: WebhookRequest,
  deps: IngestDeps & { secrets: WorkspaceSecrets; unhandled: UnhandledWebhookLog },
): Promise<WebhookReport> => {
  const credentials = await deps.secrets.credentials(request.workspace);
  let result: WebhookResult;
  switch (request.platform) {
    case 'shopify': {
      authenticateShopify(request.rawBody, request.headers, credentials);
      const issues = headerIssues(request.headers);
      if (issues.length > 0) throw new ValidationError(issues);
      const topic = request.headers['x-shopify-topic']!;
      const webhookId = request.headers['x-shopify-webhook-id']!;
      const eventId = request.headers['x-shopify-event-id'];
      const triggeredAt = request.headers['x-shopify-triggered-at'];
      result = mapShopifyWebhook(
        { topic, webhookId, ...(eventId ? { eventId } : {}), ...(triggeredAt ? { triggeredAt } : {}), body: parseWebhookJson(request.rawBody) },
        request.workspace,
        request.receivedAt,
      );
      if (result.ignored && result.events.length === 0 && result.erasures.length === 0) {
        await deps.unhandled.record({ workspace: request.workspace, platform: 'shopify', topic, deliveryId: webhookId, receivedAt: request.receivedAt, bytes: request.rawBody.length });
      }
      break;
    }
    case 'cafe24': {
      const header = credentials?.cafe24Header.toLowerCase() ?? 'x-retain-key';
      authenticateKey({ header: request.headers[header] }, credentials?.cafe24Key, 'Cafe24', header);
      result = mapCafe24Webhook(parseWebhookJson(request.rawBody), request.workspace, request.receivedAt);
      break;
    }
    case 'shopby': {
      const header = credentials?.shopbyHeader.toLowerCase() ?? 'x-retain-key';
      authenticateKey({ header: request.headers[header], query: request.query['key'] }, credentials?.shopbyKey, 'shopby', header);
      result = mapShopbyWebhook(parseWebhookJson(request.rawBody), request.workspace, request.receivedAt);
      break;
    }
  }
  const outcomes = await ingestAll(result.events, deps);
  await requestErasures(result.erasures, deps);
  return {
    stored: outcomes.filter((outcome) => outcome === 'stored' || outcome === 'deferred').length,
    duplicates: outcomes.filter((outcome) => outcome === 'duplicate').length,
    deferred: outcomes.filter((outcome) => outcome === 'deferred').length,
    erasures: result.erasures.length + outcomes.filter((outcome) => outcome === 'erasure-requested').length,
    refused: outcomes.filter((outcome) => outcome === 'erased').length,
    ...(result.ignored ? { ignored: result.ignored } : {}),
  };
};

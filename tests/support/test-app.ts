import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalApp, type LocalApp, type LocalAppOptions } from '../../infra/local/local-app.js';
import { systemClock } from '../../lib/time/clock.js';
import type { WorkspaceCredentials } from '../../lib/workspaces/workspace-secrets.js';

/** The shop every test workspace takes Shopify webhooks from (`postShopify` sends it). */
export const SHOPIFY_SHOP_DOMAIN = 'retain-test.myshopify.com';

export interface TestApp extends LocalApp {
  workspace: string;
  apiKey: string;
  credentials: WorkspaceCredentials;
  /** fetch against the app with the workspace's API key. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** POST /v1/events with a JSON body, as a client would. */
  postEvents(body: unknown): Promise<Response>;
  /** GET /v1/customers/{id} as JSON (undefined on 404). */
  customer(customerId: string): Promise<Record<string, any> | undefined>;
}

/**
 * A whole Retain (HTTP API, stream and queue consumers) on the run's shared DynamoDB Local
 * and SQS server, with its own table, queues and workspace.
 */
export const startTestApp = async ({
  credentials: extraCredentials,
  otherWorkspaces = {},
  ...overrides
}: Partial<LocalAppOptions> & {
  credentials?: Partial<WorkspaceCredentials>;
  /** More workspaces of the same deployment, by id (`request` stays the test workspace's: send their own API key). */
  otherWorkspaces?: Record<string, Partial<WorkspaceCredentials>>;
} = {}): Promise<TestApp> => {
  const id = randomUUID().slice(0, 8);
  const workspace = `ws-${id}`;
  const credentials: WorkspaceCredentials = {
    apiKey: `key-${randomUUID()}`,
    shopifySecret: `shopify-${id}`,
    shopifyShopDomains: [SHOPIFY_SHOP_DOMAIN],
    cafe24Key: `cafe24-${id}`,
    cafe24Header: 'x-retain-key',
    shopbyKey: `shopby-${id}`,
    shopbyHeader: 'x-retain-key',
    ...extraCredentials,
  };
  const app = await startLocalApp({
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    sqsEndpoint: inject('sqsEndpoint'),
    tableName: `retain-${id}`,
    queuePrefix: `retain-${id}`,
    port: 0,
    secrets: { workspaces: { ...otherWorkspaces, [workspace]: credentials } },
    clock: systemClock,
    logLevel: 'SILENT',
    pollIntervalMs: 50,
    retryDelayMs: 100,
    schedules: 'manual',
    log: () => undefined,
    // Test bridges (tests/support/webhook-endpoint.ts) listen on 127.0.0.1.
    allowLoopbackDelivery: true,
    // Triggers act at once on the profile as of their event, unless a test is about the settle window.
    triggerSettleMs: 0,
    ...overrides,
  });
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    return fetch(`${app.url}${path}`, {
      ...rest,
      headers: {
        authorization: `Bearer ${credentials.apiKey}`,
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(rest.headers as Record<string, string> | undefined),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  return {
    ...app,
    workspace,
    apiKey: credentials.apiKey!,
    credentials,
    request,
    postEvents: (body) => request('/v1/events', { method: 'POST', json: body }),
    customer: async (customerId) => {
      const response = await request(`/v1/customers/${encodeURIComponent(customerId)}`);
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw new Error(`GET customer ${customerId}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, any>;
    },
  };
};

/** A response's JSON body, for assertions. */
export const bodyOf = async (response: Response): Promise<any> => response.json();

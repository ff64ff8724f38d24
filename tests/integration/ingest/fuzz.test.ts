import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEDUPE_SK } from '../../../lib/store/keys.js';
import { fixtureText } from '../../support/fixtures.js';
import { CAFE24_SEEDS, hostilePathParameter, mutated, segmentSeeds, SHOPIFY_SEEDS, withFreshMessageId } from '../../support/hostile-arbitraries.js';
import { libraryRules } from '../../support/library-rules.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { postCafe24, postShopify } from '../../support/webhooks.js';

/**
 * Mutated real payloads and hostile path parameters through the whole local stack: no answer
 * is a 5xx, and every event acknowledged is stored — its dedupe marker, written in the same
 * transaction as the event and the profile, is in the table, and none was deferred.
 * (tests/unit/ingest/hostile-payloads.test.ts runs many more cases without the network.)
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const [vip] = libraryRules('vip');
  expect((await app.request('/v1/rules/vip', { method: 'PUT', json: vip })).status).toBe(201);
});
afterAll(() => app?.stop());

/** Dedupe markers in the table: one per event stored. */
const storedEvents = async (): Promise<number> => {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await app.runtime.dynamo.send(
      new ScanCommand({ TableName: app.runtime.config.tableName, FilterExpression: 'sk = :marker', ExpressionAttributeValues: { ':marker': DEDUPE_SK }, Select: 'COUNT', ExclusiveStartKey }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
};

/** Sends, and checks the answer: below 500, and every event it acknowledges as stored is in the table. */
const expectAnsweredAndStored = async (send: () => Promise<Response>, acknowledged: (body: any) => number) => {
  const before = await storedEvents();
  const response = await send();
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  const body = text.startsWith('{') ? JSON.parse(text) : {};
  if (response.status < 300) {
    expect(body.deferred, text).toBe(0);
    expect(await storedEvents()).toBe(before + acknowledged(body));
  }
};

const RUNS = { segment: 40, shopify: 30, cafe24: 30, paths: 60 };

describe('fuzz: hostile shapes through the HTTP API', () => {
  it('answers every batch of mutated Segment messages below 500 and stores what it accepts', async () => {
    const message = fc.constantFrom(...segmentSeeds()).chain(mutated);
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 8 }), async (messages) => {
        await expectAnsweredAndStored(() => app.postEvents({ batch: messages.map(withFreshMessageId) }), (body) => body.accepted);
      }),
      { numRuns: RUNS.segment },
    );
  });

  it('answers every mutated Shopify webhook below 500 and stores what it acknowledges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SHOPIFY_SEEDS).chain(({ topic, body }) => fc.tuple(fc.constant(topic), mutated(JSON.parse(fixtureText(body))))),
        async ([topic, body]) => {
          await expectAnsweredAndStored(() => postShopify(app, topic, JSON.stringify(body)), (answer) => answer.stored);
        },
      ),
      { numRuns: RUNS.shopify },
    );
  });

  it('answers every mutated Cafe24 webhook below 500 and stores what it acknowledges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CAFE24_SEEDS).chain((name) => mutated(JSON.parse(fixtureText(name)))), async (body) => {
        await expectAnsweredAndStored(() => postCafe24(app, JSON.stringify(body)), (answer) => answer.stored);
      }),
      { numRuns: RUNS.cafe24 },
    );
  });

  it('answers every route with a hostile path parameter below 500', async () => {
    const routes = [
      (id: string) => `/v1/customers/${id}`,
      (id: string) => `/v1/customers/${id}/sends`,
      (id: string) => `/v1/rules/${id}`,
      (id: string) => `/v1/rules/${id}/versions`,
      (id: string) => `/v1/rules/${id}/stats`,
      (id: string) => `/v1/segments/${id}/count`,
      (id: string) => `/v1/segments/vip/customers/${id}`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostilePathParameter, async (route, id) => {
        const response = await app.request(route(id));
        expect(response.status, `${route(id).slice(0, 120)}: ${await response.text()}`).toBeLessThan(500);
      }),
      { numRuns: RUNS.paths },
    );
  });
});

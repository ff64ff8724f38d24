import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/http/api-error.js';
import type { ErasureStore } from '../../../lib/erasure/erasure-store.js';
import { ingestAll, type IngestDeps } from '../../../lib/ingest/ingest-all.js';
import { ingestSegmentPayload } from '../../../lib/ingest/ingest-segment-payload.js';
import { ValidationError } from '../../../lib/validation/field-issues.js';
import { mapCafe24Webhook } from '../../../lib/webhooks/cafe24/map-cafe24-webhook.js';
import { parseWebhookJson } from '../../../lib/webhooks/parse-webhook-json.js';
import { mapShopifyWebhook } from '../../../lib/webhooks/shopify/map-shopify-webhook.js';
import { fixture, fixtureText } from '../../support/fixtures.js';
import { CAFE24_SEEDS, mutated, segmentSeeds, SHOPIFY_SEEDS, withFreshMessageId } from '../../support/hostile-arbitraries.js';
import { RecordingQueue } from '../../support/sends.js';
import { StorabilityCheckingStore } from '../../support/storability-checking-store.js';

/**
 * The edges over mutated real payloads, without the network: every payload is refused with
 * a client error (a ValidationError or a 4xx) or mapped to events that DynamoDB can store —
 * nothing else, so nothing answers 500 and nothing acknowledged is unstorable. The HTTP
 * version (tests/integration/ingest/fuzz.test.ts) runs fewer cases through the real stack.
 */

const RUNS = 400;
const receivedAt = '2026-03-01T01:00:00.000Z';

const harness = () => {
  const store = new StorabilityCheckingStore();
  const retryQueue = new RecordingQueue<never>();
  const erasures: ErasureStore = { markErased: async () => undefined, deleteCustomerData: async () => 0, writeReceipt: async () => undefined, receipts: async () => [] };
  const deps: IngestDeps = { store, retryQueue, erasure: { store: erasures, queue: new RecordingQueue() } };
  return { store, retryQueue, deps };
};

/** Runs an edge; a client error is a fine answer, anything else thrown fails the property. */
const refusedOrDone = async (edge: () => Promise<unknown>): Promise<void> => {
  try {
    await edge();
  } catch (error) {
    if (error instanceof ValidationError) return;
    if (error instanceof ApiError && error.statusCode < 500) return;
    throw error;
  }
};

const expectAllStorable = ({ store, retryQueue }: ReturnType<typeof harness>) => {
  expect(store.unstorable).toEqual([]);
  expect(retryQueue.sent).toEqual([]);
};

describe('hostile payloads at the edges', () => {
  it('refuses a mutated Segment message with a client error, or stores it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...segmentSeeds()).chain(mutated), fc.boolean(), async (message, asBatch) => {
        // Arrange
        const ingest = harness();
        const body = asBatch ? { batch: [withFreshMessageId(message), withFreshMessageId(segmentSeeds()[1]!)] } : withFreshMessageId(message);
        // Act
        await refusedOrDone(() => ingestSegmentPayload(JSON.parse(JSON.stringify(body)), { workspace: 'ws-fuzz', receivedAt }, ingest.deps));
        // Assert
        expectAllStorable(ingest);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('refuses a mutated Shopify webhook with a client error, or stores it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SHOPIFY_SEEDS).chain(({ topic, body }) => fc.tuple(fc.constant(topic), mutated(fixture(body)))),
        async ([topic, body]) => {
          // Arrange
          const ingest = harness();
          // Act
          await refusedOrDone(async () => {
            const result = mapShopifyWebhook({ topic, webhookId: 'webhook-1', body: parseWebhookJson(Buffer.from(JSON.stringify(body))) }, 'ws-fuzz', receivedAt);
            await ingestAll(result.events, ingest.deps);
          });
          // Assert
          expectAllStorable(ingest);
        },
      ),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('refuses a mutated Cafe24 webhook with a client error, or stores it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CAFE24_SEEDS).chain((name) => mutated(JSON.parse(fixtureText(name)))), async (body) => {
        // Arrange
        const ingest = harness();
        // Act
        await refusedOrDone(async () => {
          const result = mapCafe24Webhook(parseWebhookJson(Buffer.from(JSON.stringify(body))), 'ws-fuzz', receivedAt);
          await ingestAll(result.events, ingest.deps);
        });
        // Assert
        expectAllStorable(ingest);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);
});

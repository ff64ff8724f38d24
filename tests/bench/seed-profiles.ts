import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import type { CanonicalEvent } from '../../lib/events/canonical-event.js';
import { customerRef } from '../../lib/profiles/profile-ref.js';
import { applyEvent, emptyProfileState } from '../../lib/profiles/profile-state.js';
import { toProfileView } from '../../lib/profiles/profile-view.js';
import { profileAttributes } from '../../lib/store/dynamo-profile-store.js';
import { PROFILE_SK, profilePk } from '../../lib/store/keys.js';
import { seconds } from './bench-stack.js';

/** A customer's profile item after `events`, with the attributes the profile store writes (index attributes included). */
export const profileItem = (workspace: string, customerId: string, events: CanonicalEvent[]): Record<string, unknown> => {
  const ref = customerRef(workspace, customerId);
  const state = events.reduce(applyEvent, emptyProfileState());
  const view = toProfileView({ workspace, customerId, anonymous: false }, state);
  const attributes = Object.entries(profileAttributes({ ref, state, view }, 1, new Date().toISOString())).filter(([, value]) => value !== undefined);
  return { pk: profilePk(ref), sk: PROFILE_SK, ...Object.fromEntries(attributes) };
};

/** Writes the items `itemOf(from)` … `itemOf(to - 1)` with BatchWriteItem: 25 a request, 8 requests in flight, unprocessed ones again. */
const seedItems = async (documents: DynamoDBDocumentClient, table: string, from: number, to: number, itemOf: (index: number) => Record<string, unknown>) => {
  const chunks: number[][] = [];
  for (let start = from; start < to; start += 25) chunks.push(Array.from({ length: Math.min(25, to - start) }, (_, offset) => start + offset));
  await pMap(
    chunks,
    async (chunk) => {
      let requests = chunk.map((index) => ({ PutRequest: { Item: itemOf(index) } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    },
    { concurrency: 8 },
  );
};

/** For each size in turn: the table grown to that many items (`itemOf(0)`, `itemOf(1)`, …), then `measure`. */
export const atSizes = async <R>(documents: DynamoDBDocumentClient, table: string, sizes: number[], itemOf: (index: number) => Record<string, unknown>, measure: (size: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = [];
  let seeded = 0;
  for (const size of sizes) {
    const took = await seconds(() => seedItems(documents, table, seeded, size, itemOf));
    seeded = size;
    console.error(`seeded ${size} items (${took.toFixed(1)} s)`);
    results.push(await measure(size));
  }
  return results;
};

import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerRef } from '../profiles/profile-ref.js';
import type { ProfileReader } from '../profiles/profile-reader.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import { toProfileView, type ProfileView } from '../profiles/profile-view.js';
import { storedProfileOf } from './dynamo-profile-store.js';
import { PROFILE_SK, profilePk } from './keys.js';

const BATCH_GET_LIMIT = 100;
const MAX_UNPROCESSED_ROUNDS = 8;

/** Profiles read from the single table: one consistent read, or BatchGetItem for many. */
export class DynamoProfileReader implements ProfileReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly store: Pick<ProfileStore, 'getProfile'>,
    private readonly options: { tableName: string },
  ) {}

  async profile(workspace: string, customerId: string): Promise<ProfileView | undefined> {
    const stored = await this.store.getProfile(customerRef(workspace, customerId));
    return stored && toProfileView({ workspace, customerId, anonymous: false }, stored.state, stored.tags);
  }

  async profiles(workspace: string, customerIds: readonly string[]): Promise<ProfileView[]> {
    const unique = [...new Set(customerIds)];
    const views: ProfileView[] = [];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let keys: Array<Record<string, unknown>> = unique.slice(start, start + BATCH_GET_LIMIT).map((id) => ({ pk: profilePk(customerRef(workspace, id)), sk: PROFILE_SK }));
      for (let round = 0; keys.length > 0; round += 1) {
        if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error(`BatchGetItem left ${keys.length} profile(s) unprocessed after ${round} rounds`);
        const { Responses, UnprocessedKeys } = await this.client.send(new BatchGetCommand({ RequestItems: { [this.options.tableName]: { Keys: keys } } }));
        for (const item of Responses?.[this.options.tableName] ?? []) {
          const customerId = String(item['customerId']);
          const stored = storedProfileOf(customerRef(workspace, customerId), item);
          views.push(toProfileView({ workspace, customerId, anonymous: false }, stored.state, stored.tags));
        }
        keys = (UnprocessedKeys?.[this.options.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
        if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));
      }
    }
    return views;
  }
}

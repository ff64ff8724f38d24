import type { ProfileRef } from '../profiles/profile-ref.js';
import { shardOf } from './index-shards.js';
import { PROFILE_LIST_SHARDS, profileListPk } from './keys.js';

/** The profile-list index and its key attributes (TABLE.indexes in infra/resources.ts names the same). */
export const PROFILE_LIST_INDEX = 'profile-list';
export const PROFILE_LIST_KEYS = { partition: 'plPk', sort: 'plSk' } as const;

export const profileListShard = (customerId: string): number => shardOf(customerId, PROFILE_LIST_SHARDS);

/**
 * Lists customer profiles in the profile-list index (keys only: adding a customer writes the
 * index once; later profile writes leave it alone). Anonymous visitors are not listed.
 */
export const profileListAttributes = (ref: ProfileRef): Record<string, string | undefined> =>
  ref.kind === 'customer'
    ? { [PROFILE_LIST_KEYS.partition]: profileListPk(ref.workspace, profileListShard(ref.id)), [PROFILE_LIST_KEYS.sort]: ref.id }
    : { [PROFILE_LIST_KEYS.partition]: undefined, [PROFILE_LIST_KEYS.sort]: undefined };

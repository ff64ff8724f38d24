import type { ProfileRef } from '../profiles/profile-ref.js';
import { PROFILE_LIST_SHARDS, profileListPk } from './keys.js';

/** Key attributes of the profile-list index (TABLE.indexes in infra/resources.ts names the same). */
export const PROFILE_LIST_KEYS = { partition: 'plPk', sort: 'plSk' } as const;

/**
 * A customer id's shard: FNV-1a over its UTF-16 code units. Stable across deployments (it
 * decides where a profile is listed) and spreads similar ids (`kim-1`, `kim-2`) apart.
 */
export const profileListShard = (customerId: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) hash = Math.imul(hash ^ customerId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % PROFILE_LIST_SHARDS;
};

/**
 * Lists customer profiles in the profile-list index (keys only: adding a customer writes the
 * index once; later profile writes leave it alone). Anonymous visitors are not listed.
 */
export const profileListAttributes = (ref: ProfileRef): Record<string, string | undefined> =>
  ref.kind === 'customer'
    ? { [PROFILE_LIST_KEYS.partition]: profileListPk(ref.workspace, profileListShard(ref.id)), [PROFILE_LIST_KEYS.sort]: ref.id }
    : { [PROFILE_LIST_KEYS.partition]: undefined, [PROFILE_LIST_KEYS.sort]: undefined };

import pMap from 'p-map';
import type { ProfileReader } from '../profiles/profile-reader.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { CustomerList } from './customer-list.js';
import type { Segment } from './load-segment.js';
import type { ShardPosition } from './segment-cursor.js';

/**
 * Whether to read another batch, given the profiles this walk has read: the time left in the
 * invocation behind the API, a number of profiles in tests. Checked before each batch, so a
 * walk may read up to one batch per shard in flight beyond it.
 */
export type WalkBudget = (scanned: number) => boolean;

/** What a walk over stored profiles works through, and when it must stop and answer. */
export interface WalkDeps {
  customers: CustomerList;
  profiles: ProfileReader;
  budget: WalkBudget;
}

/**
 * Takes a batch of members (in the shard's order) and says how many it took; taking fewer
 * stops that shard just after the last one taken, for the next walk to continue there.
 */
export type Visit = (members: ProfileView[]) => Promise<number> | number;

/** BatchGetItem reads at most 100 items. */
const BATCH = 100;
const SHARDS_IN_PARALLEL = 8;

/**
 * Visits the members of a segment after the given positions:
 * 1. shards in parallel (a few at a time), each in its order of customer ids;
 * 2. per batch, the ids from the customer list, then their profiles (one BatchGetItem);
 *    ids whose profile is gone meanwhile (erased) are skipped;
 * 3. the profiles in the segment handed to `visit`;
 * 4. until every shard is done, the budget runs out or `visit` takes fewer than it got.
 * Returns where each shard stopped and how many profiles were read.
 */
export const walkSegment = async (
  workspace: string,
  segment: Segment,
  from: readonly ShardPosition[],
  deps: WalkDeps,
  visit: Visit,
): Promise<{ positions: ShardPosition[]; scanned: number }> => {
  const positions = [...from];
  let scanned = 0;

  const walkShard = async (shard: number) => {
    let position = positions[shard] ?? null;
    while (position !== true && deps.budget(scanned)) {
      const { ids, more } = await deps.customers.page(workspace, shard, position ?? undefined, BATCH);
      const found = new Map((await deps.profiles.profiles(workspace, ids)).map((profile) => [profile.customerId, profile]));
      scanned += found.size;
      const members = ids.flatMap((id) => {
        const profile = found.get(id);
        return profile && segment.matches(profile) ? [profile] : [];
      });
      const taken = members.length > 0 ? await visit(members) : 0;
      if (taken < members.length) {
        positions[shard] = taken > 0 ? members[taken - 1]!.customerId : position;
        return;
      }
      position = more && ids.length > 0 ? ids[ids.length - 1]! : true;
    }
    positions[shard] = position;
  };

  await pMap(positions.keys(), walkShard, { concurrency: SHARDS_IN_PARALLEL });
  return { positions, scanned };
};

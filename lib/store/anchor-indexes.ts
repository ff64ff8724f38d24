import type { ProfileRef } from '../profiles/profile-ref.js';
import type { ProfileView } from '../profiles/profile-view.js';
import type { AnchorName } from '../schedules/anchored-customers.js';
import { cycleDueAt } from '../schedules/purchase-cycle.js';
import { shardOf } from './index-shards.js';
import { anchorIndexPk } from './keys.js';

/** The date-anchor indexes of resources.ts (TABLE.indexes): one per date, keyed by workspace + date + shard, sorted by the instant. */
export const ANCHOR_INDEXES: Record<AnchorName, { name: string; partitionKey: string; sortKey: string }> = {
  signupAt: { name: 'anchor-signup', partitionKey: 'anchorSignupPk', sortKey: 'anchorSignupAt' },
  firstOrderAt: { name: 'anchor-first-order', partitionKey: 'anchorFirstOrderPk', sortKey: 'anchorFirstOrderAt' },
  lastOrderAt: { name: 'anchor-last-order', partitionKey: 'anchorLastOrderPk', sortKey: 'anchorLastOrderAt' },
  lastVisitAt: { name: 'anchor-last-visit', partitionKey: 'anchorLastVisitPk', sortKey: 'anchorLastVisitAt' },
  cycleDueAt: { name: 'cycle-due', partitionKey: 'cycleDuePk', sortKey: 'cycleDueAt' },
};

/** Each workspace's anchor partitions are spread over this many shards (a customer always in the same one). */
export const ANCHOR_SHARDS = 8;

/**
 * The index attributes of a profile write: for a customer, each date it has (as its UTC
 * instant, so no time zone is needed when writing) under a sharded partition per
 * workspace and date; `undefined` drops the profile from an index when the date goes
 * (and keeps anonymous visitors out: scheduled rules act for customers only).
 */
export const anchorIndexAttributes = (ref: ProfileRef, view: ProfileView): Record<string, string | undefined> => {
  const dates: Record<AnchorName, string | null | undefined> = {
    signupAt: view.signupAt,
    firstOrderAt: view.firstOrderAt,
    lastOrderAt: view.lastOrderAt,
    lastVisitAt: view.lastVisitAt,
    cycleDueAt: cycleDueAt(view),
  };
  const shard = shardOf(ref.id, ANCHOR_SHARDS);
  const attributes: Record<string, string | undefined> = {};
  for (const [anchor, index] of Object.entries(ANCHOR_INDEXES) as Array<[AnchorName, (typeof ANCHOR_INDEXES)[AnchorName]]>) {
    const date = ref.kind === 'customer' ? dates[anchor] : undefined;
    attributes[index.partitionKey] = date ? anchorIndexPk(ref.workspace, anchor, shard) : undefined;
    attributes[index.sortKey] = date ?? undefined;
  }
  return attributes;
};

import type { ProfileView } from '../profiles/profile-view.js';
import type { Segment } from './load-segment.js';
import { decodeCursor, encodeCursor } from './segment-cursor.js';
import { segmentMember, type SegmentMember } from './segment-member.js';
import { walkSegment, type WalkDeps } from './walk-segment.js';

export const LIST_LIMIT_MAX = 1000;

export interface SegmentPage {
  segmentId: string;
  /** Up to the limit, by customer id; fewer when the budget ran out first. */
  customers: SegmentMember[];
  /** Where the next page starts; null once every customer has been looked at. */
  cursor: string | null;
}

const byCustomerId = (a: SegmentMember, b: SegmentMember) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);

/**
 * One page of a segment's customers:
 * 1. from the cursor (or the start), walks the customer list;
 * 2. keeps members until the page holds `limit` of them — shards walked in parallel may find
 *    more at once, and a shard that could not give all of its batch stops after the last one kept;
 * 3. stops there or when the budget runs out, with a cursor for the next page.
 * Pages never repeat or skip a customer; a customer may join or leave between pages.
 */
export const listSegment = async (workspace: string, segment: Segment, page: { cursor?: string | undefined; limit: number }, deps: WalkDeps): Promise<SegmentPage> => {
  const cursor = decodeCursor(page.cursor, segment, deps.customers.shards);
  const members: ProfileView[] = [];
  const budget = (scanned: number) => members.length < page.limit && deps.budget(scanned);
  const walked = await walkSegment(workspace, segment, cursor.positions, { ...deps, budget }, (batch) => {
    const kept = batch.slice(0, page.limit - members.length);
    members.push(...kept);
    return kept.length;
  });
  return {
    segmentId: segment.id,
    customers: members.map(segmentMember).sort(byCustomerId),
    cursor: encodeCursor({ ...cursor, positions: walked.positions, scanned: cursor.scanned + walked.scanned }),
  };
};

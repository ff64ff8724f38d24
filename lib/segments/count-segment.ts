import type { Segment } from './load-segment.js';
import { decodeCursor, encodeCursor } from './segment-cursor.js';
import { walkSegment, type WalkDeps } from './walk-segment.js';

export interface SegmentCount {
  segmentId: string;
  /** Customers in the segment: the whole count once `cursor` is null, the count so far before. */
  count: number;
  /** Profiles read, over all pages so far. */
  scanned: number;
  /** Where to continue, while the walk is not done. */
  cursor: string | null;
}

/**
 * Counts a segment's customers:
 * 1. from the cursor and the totals it carries (or from the start);
 * 2. walks the customer list until it is done or the budget runs out;
 * 3. answers the totals and, if not done, a cursor — so the last page's count is the segment's.
 */
export const countSegment = async (workspace: string, segment: Segment, cursorText: string | undefined, deps: WalkDeps): Promise<SegmentCount> => {
  const cursor = decodeCursor(cursorText, segment, deps.customers.shards);
  let matched = cursor.matched;
  const walked = await walkSegment(workspace, segment, cursor.positions, deps, (members) => {
    matched += members.length;
    return members.length;
  });
  const scanned = cursor.scanned + walked.scanned;
  return { segmentId: segment.id, count: matched, scanned, cursor: encodeCursor({ ...cursor, positions: walked.positions, matched, scanned }) };
};

import { z } from 'zod';
import type { ProfileTagStore } from '../profiles/profile-tags.js';
import type { Segment } from './load-segment.js';
import { decodeCursor, encodeCursor } from './segment-cursor.js';
import { walkSegment, type WalkDeps } from './walk-segment.js';

const TagSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const TagsSchema = z.array(TagSchema).max(50, 'at most 50 tags at once');

/** `POST /v1/segments/{id}/tag`: the tags to add and remove, and where to continue. */
export const SegmentTaggingSchema = z
  .strictObject({
    add: TagsSchema.default([]),
    remove: TagsSchema.default([]),
    cursor: z.string().min(1).optional().meta({ description: 'The cursor of the previous answer, to continue a tagging the budget cut short' }),
  })
  .superRefine((body, context) => {
    if (body.add.length + body.remove.length === 0) context.addIssue({ code: 'custom', path: ['add'], message: 'needs a tag to add or remove' });
    body.remove.forEach((tag, index) => {
      if (body.add.includes(tag)) context.addIssue({ code: 'custom', path: ['remove', index], message: `"${tag}" is also in add: a tag is either added or removed` });
    });
  });
export type SegmentTagging = z.infer<typeof SegmentTaggingSchema>;

export interface SegmentTagReport {
  segmentId: string;
  add: string[];
  remove: string[];
  /** Customers of the segment whose tags were set, over all pages so far. */
  tagged: number;
  scanned: number;
  /** Where to continue (send it back with the same tags) while not every customer has been looked at. */
  cursor: string | null;
}

/**
 * Adds and removes tags for everyone in a segment:
 * 1. from the cursor (or the start), walks the customer list until done or out of budget;
 * 2. sets the tags of each batch's members at once — tags are sets, so a repeat changes
 *    nothing and a tagging cut short is simply continued from its cursor;
 * 3. a customer erased meanwhile is left alone and not counted.
 * Each customer is looked at once, so a segment defined by the tag it changes still ends.
 */
export const tagSegment = async (workspace: string, segment: Segment, tagging: SegmentTagging, deps: WalkDeps & { tags: ProfileTagStore }): Promise<SegmentTagReport> => {
  const cursor = decodeCursor(tagging.cursor, segment, deps.customers.shards);
  const change = { add: tagging.add, remove: tagging.remove };
  let tagged = cursor.matched;
  const walked = await walkSegment(workspace, segment, cursor.positions, deps, async (members) => {
    const outcomes = await Promise.all(members.map((member) => deps.tags.changeTags(workspace, member.customerId, change)));
    tagged += outcomes.filter((outcome) => outcome === 'changed').length;
    return members.length;
  });
  const scanned = cursor.scanned + walked.scanned;
  return { segmentId: segment.id, ...change, tagged, scanned, cursor: encodeCursor({ ...cursor, positions: walked.positions, matched: tagged, scanned }) };
};

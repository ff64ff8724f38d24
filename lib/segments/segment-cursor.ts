import { z } from 'zod';
import { ValidationError } from '../validation/field-issues.js';
import type { Segment } from './load-segment.js';

/** Where a walk stands in one shard: not started (null), after a customer id, or done (true). */
export type ShardPosition = string | null | true;

/** How far a long segment operation got: per shard, plus its running totals. */
export interface SegmentCursor {
  segmentId: string;
  version: number;
  positions: ShardPosition[];
  /** Customers in the segment so far (counted, tagged). */
  matched: number;
  /** Profiles read so far. */
  scanned: number;
}

/** Changed while a cursor was out: going on would mix two definitions in one answer. */
export class SegmentChangedError extends Error {
  override readonly name = 'SegmentChangedError';
}

// Short keys: the cursor travels in URLs and headers.
const WireSchema = z.strictObject({
  s: z.string(),
  v: z.number().int().positive(),
  p: z.array(z.union([z.string(), z.null(), z.literal(true)])),
  m: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
});

export const startCursor = (segment: Segment, shards: number): SegmentCursor => ({
  segmentId: segment.id,
  version: segment.version,
  positions: Array.from({ length: shards }, () => null),
  matched: 0,
  scanned: 0,
});

/** The opaque text a client sends back, or null once every shard is done. */
export const encodeCursor = (cursor: SegmentCursor): string | null =>
  cursor.positions.every((position) => position === true)
    ? null
    : Buffer.from(JSON.stringify({ s: cursor.segmentId, v: cursor.version, p: cursor.positions, m: cursor.matched, n: cursor.scanned })).toString('base64url');

const invalid = (message: string, cause?: unknown) => new ValidationError([{ path: 'cursor', message }], { cause });

/** The cursor a client sent (none: from the start) for this segment; a cursor of another segment or shard layout is a 400. */
export const decodeCursor = (text: string | undefined, segment: Segment, shards: number): SegmentCursor => {
  if (text === undefined) return startCursor(segment, shards);
  let wire: z.infer<typeof WireSchema>;
  try {
    wire = WireSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch (error) {
    throw invalid('is not a cursor this API gave out: send the one of the previous answer, or none to start from the beginning', error);
  }
  if (wire.p.length !== shards) throw invalid('was made for another layout of the customer list: start again without it');
  if (wire.s !== segment.id) throw invalid(`was given out for segment "${wire.s}", not "${segment.id}"`);
  if (wire.v !== segment.version) {
    throw new SegmentChangedError(`Segment "${segment.id}" changed from version ${wire.v} to ${segment.version} since this cursor was given out: start again without it.`);
  }
  return { segmentId: wire.s, version: wire.v, positions: wire.p, matched: wire.m, scanned: wire.n };
};

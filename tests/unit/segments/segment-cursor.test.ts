import { describe, expect, it } from 'vitest';
import { countSegment } from '../../../lib/segments/count-segment.js';
import { SegmentChangedError } from '../../../lib/segments/segment-cursor.js';
import { ValidationError } from '../../../lib/validation/field-issues.js';
import { ruleOf } from '../../support/rule-fixtures.js';
import { BUYERS, profileBudget, segmentHarness } from './segment-harness.js';

/** A cursor of `buyers` after the first request under a small budget. */
const firstCursor = async () => {
  const harness = segmentHarness(1000);
  const page = await countSegment('shop', await harness.segment(), undefined, harness.deps(profileBudget(1)));
  return page.cursor!;
};

const issuesOf = async (counting: Promise<unknown>) => counting.then(() => [], (error: unknown) => (error instanceof ValidationError ? error.issues : [String(error)]));

describe('segment cursors', () => {
  it.each(['not-a-cursor', Buffer.from('{"s":"buyers"}').toString('base64url'), Buffer.from('[]').toString('base64url')])('refuses %s as a cursor, naming the field', async (cursor) => {
    // Arrange
    const harness = segmentHarness(10);
    // Act
    const issues = await issuesOf(countSegment('shop', await harness.segment(), cursor, harness.deps()));
    // Assert
    expect(issues).toEqual([{ path: 'cursor', message: 'is not a cursor this API gave out: send the one of the previous answer, or none to start from the beginning' }]);
  });

  it("refuses another segment's cursor", async () => {
    // Arrange
    const others = ruleOf({ id: 'others', kind: 'segment', condition: true });
    const harness = segmentHarness(10, [BUYERS, others]);
    // Act
    const issues = await issuesOf(countSegment('shop', await harness.segment('others'), await firstCursor(), harness.deps()));
    // Assert
    expect(issues).toEqual([{ path: 'cursor', message: 'was given out for segment "buyers", not "others"' }]);
  });

  it('refuses to go on once the segment has a new version', async () => {
    // Arrange
    const harness = segmentHarness(10, [{ ...BUYERS, version: 2 }]);
    // Act
    const counting = countSegment('shop', await harness.segment(), await firstCursor(), harness.deps());
    // Assert
    await expect(counting).rejects.toThrow(new SegmentChangedError('Segment "buyers" changed from version 1 to 2 since this cursor was given out: start again without it.'));
  });
});

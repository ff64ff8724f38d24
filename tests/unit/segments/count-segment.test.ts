import { describe, expect, it } from 'vitest';
import { countSegment } from '../../../lib/segments/count-segment.js';
import { allPages, profileBudget, segmentHarness } from './segment-harness.js';

describe('countSegment', () => {
  it('counts the customers in the segment in one pass when the budget allows', async () => {
    // Arrange
    const harness = segmentHarness(1000);
    // Act
    const count = await countSegment('shop', await harness.segment(), undefined, harness.deps());
    // Assert
    expect(count).toEqual({ segmentId: 'buyers', count: 334, scanned: 1000, cursor: null });
  });

  it.each([1, 99, 100, 101, 350])('gives the same total from its cursors as in one pass, with a budget of %i profiles a request', async (budget) => {
    // Arrange
    const harness = segmentHarness(1000);
    const segment = await harness.segment();
    // Act
    const pages = await allPages((cursor) => countSegment('shop', segment, cursor, harness.deps(profileBudget(budget))));
    // Assert
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toEqual({ segmentId: 'buyers', count: 334, scanned: 1000, cursor: null });
    expect(pages.slice(0, -1).every((page) => page.cursor !== null && page.count <= 334)).toBe(true);
  });

  it('counts nobody in an empty workspace', async () => {
    // Arrange
    const harness = segmentHarness(0);
    // Act
    const count = await countSegment('shop', await harness.segment(), undefined, harness.deps());
    // Assert
    expect(count).toEqual({ segmentId: 'buyers', count: 0, scanned: 0, cursor: null });
  });
});

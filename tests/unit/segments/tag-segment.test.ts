import { describe, expect, it } from 'vitest';
import { countSegment } from '../../../lib/segments/count-segment.js';
import { SegmentTaggingSchema, tagSegment } from '../../../lib/segments/tag-segment.js';
import { fieldIssues } from '../../../lib/validation/field-issues.js';
import { ruleOf } from '../../support/rule-fixtures.js';
import { allPages, BUYERS, profileBudget, segmentHarness } from './segment-harness.js';

const tagging = (body: Record<string, unknown>) => SegmentTaggingSchema.parse(body);
const tagsOf = (harness: ReturnType<typeof segmentHarness>) => [...harness.profiles.views.values()].map((view) => [view.customerId, view.tags.join(' ')]);

describe('tagSegment', () => {
  it('adds and removes tags for everyone in the segment, and no one else', async () => {
    // Arrange
    const harness = segmentHarness(6);
    for (const customerId of ['c-0000', 'c-0001']) harness.put({ ...harness.profiles.views.get(customerId)!, tags: ['old'] });
    // Act
    const report = await tagSegment('shop', await harness.segment(), tagging({ add: ['buyer'], remove: ['old'] }), { ...harness.deps(), tags: harness.tags });
    // Assert
    expect(report).toEqual({ segmentId: 'buyers', add: ['buyer'], remove: ['old'], tagged: 2, scanned: 6, cursor: null });
    expect(tagsOf(harness).sort()).toEqual([['c-0000', 'buyer'], ['c-0001', 'old'], ['c-0002', ''], ['c-0003', 'buyer'], ['c-0004', ''], ['c-0005', '']]);
  });

  it('continues a tagging its budget cut short from the cursor, tagging everyone once', async () => {
    // Arrange
    const harness = segmentHarness(1000);
    const segment = await harness.segment();
    // Act
    const pages = await allPages((cursor) => tagSegment('shop', segment, tagging({ add: ['buyer'], cursor }), { ...harness.deps(profileBudget(120)), tags: harness.tags }));
    // Assert
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toMatchObject({ tagged: 334, scanned: 1000, cursor: null });
    expect([...harness.profiles.views.values()].filter((view) => view.tags.includes('buyer'))).toHaveLength(334);
  });

  it('ends, having tagged each member once, when the segment is defined by the tag it adds', async () => {
    // Arrange
    const untagged = ruleOf({ id: 'untagged', kind: 'segment', condition: { '!': { has_tag: 'seen' } } });
    const harness = segmentHarness(300, [BUYERS, untagged]);
    const segment = await harness.segment('untagged');
    // Act
    const report = await tagSegment('shop', segment, tagging({ add: ['seen'] }), { ...harness.deps(), tags: harness.tags });
    // Assert
    expect(report).toMatchObject({ tagged: 300, cursor: null });
    expect(await countSegment('shop', segment, undefined, harness.deps())).toMatchObject({ count: 0 });
  });
});

describe('SegmentTaggingSchema', () => {
  it.each([
    [{}, [{ path: 'add', message: 'needs a tag to add or remove' }]],
    [{ add: ['vip'], remove: ['vip'] }, [{ path: 'remove[0]', message: '"vip" is also in add: a tag is either added or removed' }]],
    [{ add: ['vip', ' '] }, [{ path: 'add[1]', message: 'must not be empty' }]],
    [{ add: 'vip' }, [{ path: 'add', message: expect.stringContaining('expected array') }]],
    [{ add: ['vip'], tags: ['x'] }, [{ path: '(root)', message: expect.stringContaining('"tags"') }]],
  ])('refuses %j, naming the field', (body, issues) => {
    // Act
    const parsed = SegmentTaggingSchema.safeParse(body);
    // Assert
    expect(parsed.success ? [] : fieldIssues(parsed.error)).toEqual(issues);
  });
});

import { describe, expect, it } from 'vitest';
import { renderExplanation } from '../../../lib/rules/explain-logic.js';
import { explainMembership } from '../../../lib/segments/explain-membership.js';
import { InvalidSegmentError, SegmentNotFoundError } from '../../../lib/segments/load-segment.js';
import { infoSend, profileOf, ruleOf } from '../../support/rule-fixtures.js';
import { BUYERS, segmentHarness } from './segment-harness.js';

const vip = ruleOf({ id: 'vip', kind: 'segment', condition: { and: [{ in_segment: 'buyers' }, { '>=': [{ var: 'profile.totalSpent' }, 100000] }] } });
const recent = ruleOf({ id: 'recent', kind: 'segment', condition: { '<=': [{ days_since: { var: 'profile.lastOrderAt' } }, 1] } });
const welcome = ruleOf({ id: 'welcome', kind: 'trigger', on: ['signed_up'], actions: [infoSend()] });

describe('loadSegment', () => {
  it('refuses an id no rule in force has, naming it', async () => {
    // Act
    const loading = segmentHarness(0).segment('nope');
    // Assert
    await expect(loading).rejects.toThrow(new SegmentNotFoundError('No segment "nope" is in force in workspace "shop": push rules/nope.json (kind "segment") first.'));
  });

  it('refuses a rule that is not a segment, saying what it is', async () => {
    // Act
    const loading = segmentHarness(0, [welcome]).segment('welcome');
    // Assert
    await expect(loading).rejects.toThrow(new SegmentNotFoundError('"welcome" is a trigger rule, not a segment: segment operations need a rule of kind "segment".'));
  });

  it('refuses a segment that includes a segment no longer in force, saying where', async () => {
    // Act
    const loading = segmentHarness(0, [vip]).segment('vip');
    // Assert
    await expect(loading).rejects.toThrow(new InvalidSegmentError('Segment "vip" (version 1) does not compile: condition.and[0]: unknown segment "buyers"'));
  });

  it('leaves out, and reports, a customer on whom the condition throws, and matches the others', async () => {
    // Arrange: json-logic-js throws on `==` with {"toString": 1} too.
    const named = ruleOf({ id: 'named-kim', kind: 'segment', condition: { '==': [{ var: 'profile.traits.name' }, '김민수'] } });
    const harness = segmentHarness(0, [named]);
    const segment = await harness.segment('named-kim');
    // Act
    const verdicts = [{ customerId: 'odd', traits: { name: { toString: 1 } } }, { customerId: 'kim', traits: { name: '김민수' } }].map((profile) => segment.matches(profileOf(profile)));
    // Assert
    expect(verdicts).toEqual([false, true]);
    expect(harness.unevaluable).toEqual(['odd']);
  });

  it('includes the other segments in force', async () => {
    // Arrange
    const segment = await segmentHarness(0, [BUYERS, vip]).segment('vip');
    // Act
    const verdicts = [{ orderCount: 1, totalSpent: 150000 }, { orderCount: 0, totalSpent: 150000 }, { orderCount: 3, totalSpent: 90000 }].map((profile) => segment.matches(profileOf(profile)));
    // Assert
    expect(verdicts).toEqual([true, false, false]);
  });

  it('evaluates as of the time given, in the workspace time zone', async () => {
    // Arrange  (NOW is 10:00 on 03-02 in Seoul; 03-01 00:30 Seoul is one local day before, 02-28 23:30 two)
    const segment = await segmentHarness(0, [recent]).segment('recent');
    // Act
    const verdicts = ['2026-02-28T15:30:00.000Z', '2026-02-28T14:30:00.000Z'].map((lastOrderAt) => segment.matches(profileOf({ lastOrderAt })));
    // Assert
    expect(verdicts).toEqual([true, false]);
  });
});

describe('explainMembership', () => {
  it('gives the verdict and which sub-conditions held, included segments too', async () => {
    // Arrange
    const harness = segmentHarness(0, [BUYERS, vip]);
    harness.put({ customerId: 'kim', orderCount: 2, totalSpent: 90000 });
    // Act
    const explained = await explainMembership('shop', await harness.segment('vip'), 'kim', { profiles: harness.profiles });
    // Assert
    expect(explained).toMatchObject({ segmentId: 'vip', customerId: 'kim', inSegment: false, explanation: { holds: false } });
    expect(renderExplanation(explained!.explanation)).toEqual([
      '✗ all of',
      '  ✓ in_segment("buyers")',
      '    ✓ profile.orderCount >= 1',
      '      profile.orderCount = 2',
      '  ✗ profile.totalSpent >= 100000',
      '    profile.totalSpent = 90000',
    ]);
  });

  it('knows no customer who has no profile', async () => {
    // Arrange
    const harness = segmentHarness(0);
    // Act
    const explained = await explainMembership('shop', await harness.segment(), 'ghost', { profiles: harness.profiles });
    // Assert
    expect(explained).toBeUndefined();
  });
});

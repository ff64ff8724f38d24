import { describe, expect, it } from 'vitest';
import { explainLogic, renderExplanation } from '../../../lib/rules/explain-logic.js';
import { profileFromFields } from '../../../lib/rules/test-rule.js';

const NOW = '2026-03-02T10:00:00+09:00';
const vip = { or: [{ '>=': [{ var: 'profile.totalSpent' }, 1_000_000] }, { '>=': [{ var: 'profile.orderCount' }, 10] }] };
const segments = (id: string) => (id === 'vip' ? vip : undefined);
const data = (profile: Record<string, unknown>) => ({ profile: profileFromFields(profile), now: NOW, timeZone: 'Asia/Seoul' });

describe('explainLogic', () => {
  it('shows which conditions held and the values they compared', () => {
    // Arrange
    const logic = { and: [{ '==': [{ var: 'profile.isMember' }, true] }, { '<=': [28, { days_since: { var: 'profile.lastOrderAt' } }, 32] }, { in: ['cosmetics', { var: 'profile.lastOrderCategories' }] }] };

    // Act
    const lines = renderExplanation(explainLogic(logic, data({ isMember: true, lastOrderAt: '2026-01-31T14:00:00+09:00', lastOrderCategories: ['food'] })));

    // Assert
    expect(lines).toEqual([
      '✗ all of',
      '  ✓ profile.isMember == true',
      '    profile.isMember = true',
      '  ✓ 28 <= days_since(profile.lastOrderAt) <= 32',
      '    days_since(profile.lastOrderAt) = 30',
      '      profile.lastOrderAt = "2026-01-31T05:00:00.000Z"',
      '  ✗ "cosmetics" in profile.lastOrderCategories',
      '    profile.lastOrderCategories = ["food"]',
    ]);
  });

  it('explains an included segment inside the rule, and marks what evaluation never reached', () => {
    // Arrange
    const logic = { or: [{ in_segment: 'vip' }, { has_tag: 'vip' }] };

    // Act
    const explanation = explainLogic(logic, data({ orderCount: 12, totalSpent: 300_000 }), { segments });

    // Assert
    expect(explanation.holds).toBe(true);
    expect(explanation.children.map((child) => [child.text, child.holds, child.decided])).toEqual([
      ['in_segment("vip")', true, true],
      ['has_tag("vip")', false, false],
    ]);
    expect(explanation.children[0]?.children[0]?.children.map((child) => [child.text, child.holds])).toEqual([
      ['profile.totalSpent >= 1000000', false],
      ['profile.orderCount >= 10', true],
    ]);
  });

  it('reports an error where a condition throws, and goes on', () => {
    // Act
    const explanation = explainLogic({ '<': [{ days_since: { var: 'profile.signupAt' } }, 7] }, { profile: {}, now: NOW, timeZone: 'Mars/Olympus' });

    // Assert
    expect(explanation.error).toMatch(/not an IANA time zone/);
    expect(explanation.holds).toBe(false);
  });
});

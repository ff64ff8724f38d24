import { describe, expect, it, vi } from 'vitest';
import { compileLogic } from '../../../lib/rules/json-logic.js';

const segments: Record<string, unknown> = {
  vip: { '>=': [{ var: 'profile.totalSpent' }, 1_000_000] },
  reachable: { has_consent: ['kakao', 'ad'] },
  'vip-reachable': { and: [{ in_segment: 'vip' }, { in_segment: 'reachable' }] },
  spender: { var: 'profile.totalSpent' },
};
const resolve = (id: string): unknown => segments[id];
const granted = { kakao: { ad: { state: 'granted' } } };

describe('in_segment', () => {
  it.each([
    [{ totalSpent: 2_000_000, consent: granted }, true],
    [{ totalSpent: 2_000_000 }, false],
    [{ totalSpent: 10, consent: granted }, false],
  ])('evaluates nested segments on the same data: %j', (profile, expected) => {
    // Arrange
    const evaluate = compileLogic({ in_segment: 'vip-reachable' }, { segments: resolve });

    // Act
    const result = evaluate({ profile });

    // Assert
    expect(result).toBe(expected);
  });

  it('returns the truthiness of the segment, not its value', () => {
    // Arrange
    const evaluate = compileLogic({ in_segment: 'spender' }, { segments: resolve });

    // Act
    const result = evaluate({ profile: { totalSpent: 500 } });

    // Assert
    expect(result).toBe(true);
  });

  it('resolves each segment once per compilation', () => {
    // Arrange
    const lookup = vi.fn(resolve);

    // Act
    compileLogic({ or: [{ in_segment: 'vip' }, { '!': { in_segment: 'vip' } }, { in_segment: 'vip-reachable' }] }, { segments: lookup });

    // Assert
    expect(lookup.mock.calls.map(([id]) => id)).toEqual(['vip', 'vip-reachable', 'reachable']);
  });
});

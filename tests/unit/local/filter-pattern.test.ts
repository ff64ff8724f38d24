import { describe, expect, it } from 'vitest';
import { matchesAny } from '../../../infra/local/filter-pattern.js';
import { FUNCTIONS } from '../../../infra/resources.js';

const record = (eventName: string, sk: string, newImage: Record<string, unknown> = {}) => ({ eventName, dynamodb: { Keys: { pk: { S: 'W#demo#C#1' }, sk: { S: sk } }, NewImage: { sk: { S: sk }, ...newImage } } });

describe('the evaluate stream filter', () => {
  const filters = FUNCTIONS.evaluate.stream.filters;

  it('passes inserted event items', () => {
    // Arrange + Act + Assert
    expect(matchesAny(filters, record('INSERT', 'E#2026-03-01T00:00:00.000Z#abc'))).toBe(true);
  });

  it('drops profile writes, modifications and removals', () => {
    // Arrange + Act + Assert
    expect(matchesAny(filters, record('MODIFY', 'PROFILE'))).toBe(false);
    expect(matchesAny(filters, record('INSERT', 'PROFILE'))).toBe(false);
    expect(matchesAny(filters, record('REMOVE', 'E#2026-03-01T00:00:00.000Z#abc'))).toBe(false);
  });

  it('passes a change of an event item that asks for its replay, and no other change', () => {
    // Arrange
    const sk = 'E#2026-03-01T00:00:00.000Z#abc';
    // Act + Assert
    expect(matchesAny(filters, record('MODIFY', sk, { replayRequestedAt: { S: '2026-03-02T00:00:00.000Z' } }))).toBe(true);
    expect(matchesAny(filters, record('MODIFY', sk))).toBe(false);
    expect(matchesAny(filters, record('MODIFY', 'ASIDE#evaluate#E#x', { replayRequestedAt: { S: '2026-03-02T00:00:00.000Z' } }))).toBe(false);
  });
});

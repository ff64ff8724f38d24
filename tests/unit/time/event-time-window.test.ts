import { describe, expect, it } from 'vitest';
import { EventTimeSchema, ReceiptWindow } from '../../../lib/time/event-time-window.js';
import { ValidationError } from '../../../lib/validation/field-issues.js';

const RECEIVED = '2026-12-02T12:00:00.000Z';

const issuesOf = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('EventTimeSchema', () => {
  it.each([
    ['0000-01-01T00:00:00+09:00', 'is before 1970-01-01T00:00:00.000Z'],
    ['1969-12-31T23:59:59Z', 'is before 1970-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59-09:00', 'is after 9999-12-31T23:59:59.999Z (UTC)'],
  ])('refuses %s, which no event can have', (value, problem) => {
    // Arrange + Act
    const parsed = EventTimeSchema.safeParse(value);
    // Assert
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(`${value} ${problem}`);
  });

  it.each([
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ['2026-03-01T10:00:00+09:00', '2026-03-01T01:00:00.000Z'],
  ])('keeps %s as the canonical %s', (value, canonical) => {
    // Arrange + Act + Assert
    expect(EventTimeSchema.parse(value)).toBe(canonical);
  });
});

describe('ReceiptWindow', () => {
  const window = new ReceiptWindow(RECEIVED);

  it('keeps a time up to the receipt as it is', () => {
    // Arrange + Act + Assert
    expect(window.time('timestamp', '2026-12-02T11:59:59.000Z')).toBe('2026-12-02T11:59:59.000Z');
    expect(window.time('timestamp', '1970-01-01T00:00:00.000Z')).toBe('1970-01-01T00:00:00.000Z');
  });

  it('takes a time less than 5 minutes ahead (clock skew) as the receipt', () => {
    // Arrange + Act + Assert
    expect(window.time('timestamp', '2026-12-02T12:04:59.000Z')).toBe(RECEIVED);
    expect(window.time('timestamp', '2026-12-02T12:05:00.000Z')).toBe(RECEIVED);
  });

  it('refuses a time further ahead, naming the field and how far ahead it is', () => {
    // Arrange + Act
    const soon = issuesOf(() => window.time('updated_at', '2026-12-02T12:05:30.000Z'));
    const far = issuesOf(() => window.time('traits.smsMarketingConsent.consent_updated_at', '2099-01-01T00:00:00.000Z'));
    // Assert
    expect(soon).toEqual([
      {
        path: 'updated_at',
        message:
          "2026-12-02T12:05:30.000Z is 5 minutes 30 seconds after Retain received the event (2026-12-02T12:00:00.000Z); at most 5 minutes ahead is accepted (clock skew): send when the event happened, or check the sender's clock",
      },
    ]);
    expect(far[0]).toMatchObject({ path: 'traits.smsMarketingConsent.consent_updated_at', message: expect.stringContaining('is 72 years after Retain received the event') });
  });

  it('refuses a derived time before 1970, saying how it was derived', () => {
    // Arrange + Act
    const issues = issuesOf(() => window.time('timestamp', -1, 'corrected by sentAt'));
    // Assert
    expect(issues).toEqual([{ path: 'timestamp', message: expect.stringMatching(/^1969-12-31T23:59:59\.999Z \(corrected by sentAt\) is before 1970-01-01T00:00:00\.000Z/) }]);
  });

  it('checks every present time of a record, under a prefix', () => {
    // Arrange + Act
    const kept = window.times({ order_date: '2026-12-01T00:00:00.000Z', cancel_date: null }, 'resource');
    const issues = issuesOf(() => window.times({ order_date: '2026-12-01T00:00:00.000Z', cancel_date: '2027-01-01T00:00:00.000Z' }, 'resource'));
    // Assert
    expect(kept).toEqual({ order_date: '2026-12-01T00:00:00.000Z' });
    expect(issues[0]?.path).toBe('resource.cancel_date');
  });

  it('uses a fallback time only when it is a valid time inside the window', () => {
    // Arrange + Act + Assert
    expect(window.lenient('2026-12-02T20:59:00+09:00')).toBe('2026-12-02T11:59:00.000Z');
    expect(window.lenient('2026-12-02T21:03:00+09:00')).toBe(RECEIVED);
    expect(window.lenient('2099-01-01T00:00:00Z')).toBeUndefined();
    expect(window.lenient('0000-01-01T00:00:00+09:00')).toBeUndefined();
    expect(window.lenient('yesterday')).toBeUndefined();
    expect(window.lenient(undefined)).toBeUndefined();
  });
});

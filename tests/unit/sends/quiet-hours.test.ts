import { describe, expect, it } from 'vitest';
import { earliestAllowed, quietWindowsFor, quietZonesFor } from '../../../lib/sends/quiet-hours.js';
import { sendSettings, kst } from '../../support/sends.js';

const { quietHours } = sendSettings();
const SEOUL = 'Asia/Seoul';
const at = (local: string) => new Date(kst(local));

describe('quiet hours', () => {
  it.each([
    ['22:30', '2026-03-03 08:00'],
    ['21:00', '2026-03-03 08:00'],
    ['03:00', '2026-03-02 08:00'],
  ])('moves an ad without night consent at %s to %s', (time, expected) => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'sms', purpose: 'ad', nightConsent: false }, quietHours);
    // Act
    const allowed = earliestAllowed(at(`2026-03-02 ${time}`), { windows, zones: [SEOUL] });
    // Assert
    expect(allowed.toISOString()).toBe(kst(expected));
  });

  it.each(['20:59', '08:00'])('leaves an ad at %s alone', (time) => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'sms', purpose: 'ad', nightConsent: false }, quietHours);
    // Act
    const allowed = earliestAllowed(at(`2026-03-02 ${time}`), { windows, zones: [SEOUL] });
    // Assert
    expect(allowed.toISOString()).toBe(kst(`2026-03-02 ${time}`));
  });

  it('lets an ad with night consent go out at 22:30', () => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'sms', purpose: 'ad', nightConsent: true }, quietHours);
    // Act
    const allowed = earliestAllowed(at('2026-03-02 22:30'), { windows, zones: [SEOUL] });
    // Assert
    expect(allowed.toISOString()).toBe(kst('2026-03-02 22:30'));
  });

  it('holds a Brand Message at 20:55 until 08:00 even with night consent', () => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'brand_message', purpose: 'ad', nightConsent: true }, quietHours);
    // Act
    const allowed = earliestAllowed(at('2026-03-02 20:55'), { windows, zones: [SEOUL] });
    // Assert
    expect(allowed.toISOString()).toBe(kst('2026-03-03 08:00'));
  });

  it('keeps no quiet hours for information messages', () => {
    // Arrange + Act
    const windows = quietWindowsFor({ channel: 'alimtalk', purpose: 'info', nightConsent: false }, quietHours);
    // Assert
    expect(windows).toEqual([]);
  });

  it('uses the workspace time zone, not the server one', () => {
    // Arrange: 22:30 in New York is 12:30 the next day in Seoul
    const windows = quietWindowsFor({ channel: 'sms', purpose: 'ad', nightConsent: false }, quietHours);
    const instant = new Date('2026-03-03T03:30:00.000Z');
    // Act
    const allowed = earliestAllowed(instant, { windows, zones: ['America/New_York'] });
    // Assert
    expect(allowed.toISOString()).toBe('2026-03-03T13:00:00.000Z'); // 08:00 EST
  });

  describe('in the recipient\'s zone', () => {
    const korean = { kind: 'phone' as const, e164: '+821012345678', national: '01012345678' };

    it('judges a Korean mobile number in Asia/Seoul whatever the workspace zone', () => {
      // Arrange + Act + Assert
      expect(quietZonesFor(korean, 'Europe/London')).toEqual(['Asia/Seoul']);
    });

    it.each([
      ['an e-mail address', { kind: 'email' as const, email: 'kim@example.com' }],
      ['a foreign number', { kind: 'phone' as const, e164: '+447911123456' }],
      ['a webhook customer', { kind: 'customer' as const, customerId: 'c-1', traits: {} }],
    ])('judges %s, whose zone Retain cannot know, in both the workspace zone and Asia/Seoul', (_what, recipient) => {
      // Arrange + Act + Assert
      expect(quietZonesFor(recipient, 'Europe/London')).toEqual(['Europe/London', 'Asia/Seoul']);
      expect(quietZonesFor(recipient, 'Asia/Seoul')).toEqual(['Asia/Seoul']);
    });

    it('holds an ad until it is outside the window in every zone', () => {
      // Arrange: 08:30 in Seoul is 23:30 in London the evening before (GMT, March)
      const windows = quietWindowsFor({ channel: 'email', purpose: 'ad', nightConsent: false }, quietHours);
      // Act
      const allowed = earliestAllowed(at('2026-03-03 08:30'), { windows, zones: ['Europe/London', 'Asia/Seoul'] });
      // Assert: 08:00 in London, 17:00 in Seoul
      expect(allowed.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    });
  });
});

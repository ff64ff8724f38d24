import { describe, expect, it } from 'vitest';
import { earliestAllowed, quietWindowsFor } from '../../../lib/sends/quiet-hours.js';
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
    const allowed = earliestAllowed(at(`2026-03-02 ${time}`), windows, SEOUL);
    // Assert
    expect(allowed.toISOString()).toBe(kst(expected));
  });

  it.each(['20:59', '08:00'])('leaves an ad at %s alone', (time) => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'sms', purpose: 'ad', nightConsent: false }, quietHours);
    // Act
    const allowed = earliestAllowed(at(`2026-03-02 ${time}`), windows, SEOUL);
    // Assert
    expect(allowed.toISOString()).toBe(kst(`2026-03-02 ${time}`));
  });

  it('lets an ad with night consent go out at 22:30', () => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'sms', purpose: 'ad', nightConsent: true }, quietHours);
    // Act
    const allowed = earliestAllowed(at('2026-03-02 22:30'), windows, SEOUL);
    // Assert
    expect(allowed.toISOString()).toBe(kst('2026-03-02 22:30'));
  });

  it('holds a Brand Message at 20:55 until 08:00 even with night consent', () => {
    // Arrange
    const windows = quietWindowsFor({ channel: 'brand_message', purpose: 'ad', nightConsent: true }, quietHours);
    // Act
    const allowed = earliestAllowed(at('2026-03-02 20:55'), windows, SEOUL);
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
    const allowed = earliestAllowed(instant, windows, 'America/New_York');
    // Assert
    expect(allowed.toISOString()).toBe('2026-03-03T13:00:00.000Z'); // 08:00 EST
  });
});

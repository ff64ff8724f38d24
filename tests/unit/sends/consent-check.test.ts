import { describe, expect, it } from 'vitest';
import { checkConsent, hasNightConsent } from '../../../lib/sends/consent-check.js';
import { granted, profile } from '../../support/sends.js';

const NOW = new Date('2026-03-02T01:00:00.000Z');

describe('consent', () => {
  it('lets an ad through with fresh ad consent for its channel', () => {
    // Arrange
    const customer = profile({ consent: granted('sms', ['ad'], '2025-03-01T00:00:00.000Z') });
    // Act
    const verdict = checkConsent(customer, 'sms', 'ad', NOW, 730);
    // Assert
    expect(verdict).toEqual({ allowed: true });
  });

  it('blocks an ad on a channel the customer consented to for another channel only', () => {
    // Arrange
    const customer = profile({ consent: granted('email', ['ad']) });
    // Act
    const verdict = checkConsent(customer, 'sms', 'ad', NOW, 730);
    // Assert
    expect(verdict).toEqual({ allowed: false, reason: 'no ad consent for sms', reconfirm: false });
  });

  it('blocks an ad after the customer withdrew consent', () => {
    // Arrange
    const customer = profile({ consent: { sms: { ad: { state: 'denied', at: '2026-02-01T00:00:00.000Z', source: 'test' } } } });
    // Act
    const verdict = checkConsent(customer, 'sms', 'ad', NOW, 730);
    // Assert
    expect(verdict).toMatchObject({ allowed: false, reason: 'no ad consent for sms (refused 2026-02-01)' });
  });

  it('blocks an ad on consent older than two years and asks for re-confirmation', () => {
    // Arrange
    const customer = profile({ consent: granted('sms', ['ad'], '2024-03-01T00:00:00.000Z') });
    // Act
    const verdict = checkConsent(customer, 'sms', 'ad', NOW, 730);
    // Assert
    expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining('needs re-confirmation'), reconfirm: true });
  });

  it('lets an information message through without any consent record', () => {
    // Arrange
    const customer = profile({ consent: {} });
    // Act
    const verdict = checkConsent(customer, 'alimtalk', 'info', NOW, 730);
    // Assert
    expect(verdict).toEqual({ allowed: true });
  });

  it('blocks an information message the customer refused on that channel', () => {
    // Arrange
    const customer = profile({ consent: { alimtalk: { info: { state: 'denied', at: '2026-01-01T00:00:00.000Z', source: 'test' } } } });
    // Act
    const verdict = checkConsent(customer, 'alimtalk', 'info', NOW, 730);
    // Assert
    expect(verdict).toMatchObject({ allowed: false, reconfirm: false });
  });

  it('does not count stale night consent', () => {
    // Arrange
    const customer = profile({ consent: granted('sms', ['ad', 'night'], '2023-01-01T00:00:00.000Z') });
    // Act
    const night = hasNightConsent(customer, 'sms', NOW, 730);
    // Assert
    expect(night).toBe(false);
  });
});

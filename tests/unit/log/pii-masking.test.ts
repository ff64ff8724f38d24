import { describe, expect, it } from 'vitest';
import { maskPii, maskPiiText } from '../../../lib/log/pii-masking.js';

describe('PII masking for logs', () => {
  it('hides values under personal keys', () => {
    // Arrange
    const entry = { customerId: 'c-1', traits: { name: '김민지', email: 'minji@example.kr', phone_number: '010-1234-5678', grade: 'vip' } };
    // Act
    const logged = JSON.parse(JSON.stringify(entry, maskPii));
    // Assert
    expect(logged).toEqual({ customerId: 'c-1', traits: { name: '***', email: '***', phone_number: '***', grade: 'vip' } });
  });

  it('masks e-mail addresses and phone numbers inside free text, but not order ids or times', () => {
    // Arrange
    const text = 'send to minji@example.kr / +82 10-1234-5678 / 01012345678 for order 820982911946154508 at 2026-03-01T10:00:00Z';
    // Act
    const masked = maskPiiText(text);
    // Assert
    expect(masked).toBe('send to ***@example.kr / *** / *** for order 820982911946154508 at 2026-03-01T10:00:00Z');
  });
});

import { describe, expect, it } from 'vitest';
import { normalisePhone, recipientFor } from '../../../lib/sends/recipient.js';
import { profile } from '../../support/sends.js';

describe('phone numbers', () => {
  it.each([
    ['010-1234-5678', '+821012345678', '01012345678'],
    ['01012345678', '+821012345678', '01012345678'],
    ['+82 10-1234-5678', '+821012345678', '01012345678'],
    ['+82 010 1234 5678', '+821012345678', '01012345678'],
    ['82-10-1234-5678', '+821012345678', '01012345678'],
    ['011-123-4567', '+82111234567', '0111234567'],
  ])('reads the Korean mobile %s as %s', (raw, e164, national) => {
    // Arrange + Act + Assert
    expect(normalisePhone(raw)).toEqual({ e164, national });
  });

  it('keeps a foreign number written with +', () => {
    // Arrange + Act + Assert
    expect(normalisePhone('+1 (415) 555-0100')).toEqual({ e164: '+14155550100' });
  });

  it.each(['02-123-4567', 'call me', '12345'])('finds no mobile in %s', (raw) => {
    // Arrange + Act + Assert
    expect(normalisePhone(raw)).toBeUndefined();
  });
});

describe('recipients', () => {
  it('addresses an SMS to the normalised phone trait', () => {
    // Arrange + Act + Assert
    expect(recipientFor('sms', profile())).toEqual({ recipient: { kind: 'phone', e164: '+821012345678', national: '01012345678' } });
  });

  it('says why there is no e-mail recipient', () => {
    // Arrange + Act + Assert
    expect(recipientFor('email', profile({ traits: { name: '김' } }))).toEqual({ missing: 'no valid e-mail address in traits.email' });
  });

  it('hands a webhook the customer id and traits', () => {
    // Arrange + Act + Assert
    expect(recipientFor('webhook', profile())).toMatchObject({ recipient: { kind: 'customer', customerId: 'c-1', traits: { name: '김민지' } } });
  });
});

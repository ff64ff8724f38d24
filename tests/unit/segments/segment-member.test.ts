import { describe, expect, it } from 'vitest';
import { csvRows } from '../../../lib/segments/members-csv.js';
import { segmentMember } from '../../../lib/segments/segment-member.js';
import { profileOf } from '../../support/rule-fixtures.js';

describe('segmentMember on traits of any JSON shape', () => {
  it.each([
    ['text', '김민수', '김민수'],
    ['a number', 1234, '1234'],
    ['a boolean', true, 'true'],
    ['empty text', '', null],
    ['null', null, null],
    ['an object String() cannot convert', { toString: 1 }, null],
    ['an object', { first: '민수', last: '김' }, null],
    ['a list', ['kim@example.kr', 'lee@example.kr'], null],
    ['a list holding an unconvertible object', [{ toString: 1 }], null],
  ])('shows %s as %j', (_, value, shown) => {
    // Arrange
    const profile = profileOf({ customerId: 'kim', traits: { name: value, email: value, phone: value } });
    // Act
    const member = segmentMember(profile);
    // Assert
    expect([member.name, member.email, member.phone]).toEqual([shown, shown, shown]);
  });

  it('writes a CSV row for a customer whose traits are hostile, every cell text', () => {
    // Arrange
    const profile = profileOf({ customerId: 'kim', traits: { name: { toString: 1, valueOf: 1 }, email: '=cmd|" /C calc"!A0', phone: 'x'.repeat(20_000) } });
    // Act
    const row = csvRows([segmentMember(profile)]);
    // Assert
    expect(row).toBe(`kim,,"'=cmd|"" /C calc""!A0",${'x'.repeat(20_000)},0,0,,\r\n`);
  });
});

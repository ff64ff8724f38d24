import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import { ruleOf } from '../../support/rule-fixtures.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

const AT = '2026-03-01T10:00:00+09:00';
const everyone = ruleOf({ id: 'everyone', kind: 'segment', condition: true });
// `==` converts: json-logic-js throws on {"toString": 1} here.
const namedKim = ruleOf({ id: 'named-kim', kind: 'segment', condition: { '==': [{ var: 'profile.traits.name' }, '김민수'] } });

/** One customer per JSON shape a trait can take, and one ordinary customer. */
// (Each within the trait bound: 1 KB as JSON; a longer one is refused at the edge.)
const NAMES: Record<string, unknown> = {
  'odd-tostring': { toString: 1 },
  'odd-object': { first: '민수', last: '김' },
  'odd-list': ['김', { toString: 1 }],
  'odd-number': 1234,
  'odd-long': '가'.repeat(300),
  'odd-formula': '=HYPERLINK("http://evil")',
  kim: '김민수',
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ rules: new StaticRuleRepository([everyone, namedKim]) });
  const batch = Object.entries(NAMES).map(([userId, name]) => ({ type: 'identify', messageId: `${userId}-id`, userId, timestamp: AT, traits: { name, email: { toString: 1 } } }));
  expect((await app.postEvents({ batch })).status).toBe(200);
  await app.drain();
}, 120_000);
afterAll(() => app?.stop());

describe('segment list and export with traits of any JSON shape', () => {
  it('lists every customer, each trait rendered as text or left out', async () => {
    // Act
    const response = await app.request('/v1/segments/everyone/customers?limit=100');
    // Assert
    expect(response.status).toBe(200);
    const names = Object.fromEntries((await bodyOf(response)).customers.map((customer: any) => [customer.customerId, [customer.name, customer.email]]));
    expect(names).toEqual({
      'odd-tostring': [null, null],
      'odd-object': [null, null],
      'odd-list': [null, null],
      'odd-number': ['1234', null],
      'odd-long': ['가'.repeat(300), null],
      'odd-formula': ['=HYPERLINK("http://evil")', null],
      kim: ['김민수', null],
    });
  });

  it('exports every customer as CSV, formulas kept as text', async () => {
    // Act
    const response = await app.request('/v1/segments/everyone/export');
    // Assert
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\r\n');
    expect(lines).toHaveLength(Object.keys(NAMES).length + 2);
    expect(lines).toContain(`odd-formula,"'=HYPERLINK(""http://evil"")",,,0,0,,`);
    expect(lines).toContain('odd-tostring,,,,0,0,,');
  });

  it('leaves a customer on whom the condition throws out of the segment, and counts the others', async () => {
    // Act
    const count = await bodyOf(await app.request('/v1/segments/named-kim/count'));
    const list = await bodyOf(await app.request('/v1/segments/named-kim/customers'));
    const explained = await app.request('/v1/segments/named-kim/customers/odd-tostring');
    // Assert
    expect(count).toMatchObject({ count: 1, cursor: null });
    expect(list.customers.map((customer: any) => customer.customerId)).toEqual(['kim']);
    expect(explained.status).toBe(200);
    expect(await bodyOf(explained)).toMatchObject({ inSegment: false, explanation: { error: expect.stringContaining('Cannot convert object to primitive value') } });
  });
});

import { describe, expect, it } from 'vitest';
import { TABLE } from '../../../infra/resources.js';
import { customerRef, visitorRef } from '../../../lib/profiles/profile-ref.js';
import { compileRule } from '../../../lib/rules/compile-rule.js';
import { ownCycleDays } from '../../../lib/schedules/purchase-cycle.js';
import { ANCHOR_INDEXES, anchorIndexAttributes } from '../../../lib/store/anchor-indexes.js';
import { TIMER_DUE_INDEX } from '../../../lib/store/dynamo-timer-store.js';
import { profileIndexAttributes } from '../../../lib/store/profile-index-attributes.js';
import { PROFILE_LIST_INDEX, PROFILE_LIST_KEYS } from '../../../lib/store/profile-list-index.js';
import { infoSend, profileOf, ruleOf } from '../../support/rule-fixtures.js';

const customer = customerRef('shop', 'kim');

describe('anchor index attributes', () => {
  it('put a customer’s dates, as instants, under a sharded partition per workspace and date', () => {
    // Arrange
    const view = profileOf({ signupAt: '2026-01-01T00:00:00.000Z', firstOrderAt: '2026-01-02T00:00:00.000Z' });
    // Act
    const attributes = anchorIndexAttributes(customer, view);
    // Assert
    expect(attributes['anchorSignupAt']).toBe('2026-01-01T00:00:00.000Z');
    expect(attributes['anchorSignupPk']).toMatch(/^W#shop#signupAt#[0-7]$/);
    expect(attributes['anchorFirstOrderPk']).toMatch(/^W#shop#firstOrderAt#[0-7]$/);
  });

  it('remove the attributes of dates a profile does not have', () => {
    // Act
    const attributes = anchorIndexAttributes(customer, profileOf({}));
    // Assert
    expect(Object.values(attributes).every((value) => value === undefined)).toBe(true);
    expect(Object.keys(attributes)).toHaveLength(10);
  });

  it('keep anonymous visitors out of every index', () => {
    // Act
    const attributes = anchorIndexAttributes(visitorRef('shop', 'anon-1'), profileOf({ lastVisitAt: '2026-01-01T00:00:00.000Z' }));
    // Assert
    expect(attributes['anchorLastVisitPk']).toBeUndefined();
  });

  it('index the purchase cycle at the last order plus the customer’s own interval, as compileRule reads it', () => {
    // Arrange
    const view = profileOf({ orderCount: 3, avgOrderIntervalDays: 20.6, lastOrderAt: '2026-03-01T03:00:00.000Z' });
    const cycle = compileRule(ruleOf({ id: 'cycle', kind: 'scheduled', anchor: 'lastOrderAt', days: { fromProfile: 'avgOrderIntervalDays', default: 30 }, at: '10:00', actions: [infoSend()] }));
    // Act
    const attributes = anchorIndexAttributes(customer, view);
    // Assert
    expect(cycle.dueDays(view)).toEqual([ownCycleDays(view)]);
    expect(attributes['cycleDueAt']).toBe('2026-03-22T03:00:00.000Z');
  });

  it('leave the purchase cycle out with fewer than two orders', () => {
    expect(anchorIndexAttributes(customer, profileOf({ orderCount: 1, lastOrderAt: '2026-03-01T03:00:00.000Z' }))['cycleDuePk']).toBeUndefined();
  });

  it('are what every profile write carries', () => {
    const view = profileOf({ signupAt: '2026-01-01T00:00:00.000Z' });
    expect(profileIndexAttributes(customer, view)).toMatchObject(anchorIndexAttributes(customer, view));
  });
});

describe('profile-list index attributes', () => {
  it('list a customer under a sharded partition of the workspace, by customer id', () => {
    // Act
    const attributes = profileIndexAttributes(customer, profileOf({}));
    // Assert
    expect(attributes[PROFILE_LIST_KEYS.partition]).toMatch(/^W#shop#PL#([0-9]|1[0-5])$/);
    expect(attributes[PROFILE_LIST_KEYS.sort]).toBe('kim');
  });

  it('keep anonymous visitors off the list', () => {
    // Act
    const attributes = profileIndexAttributes(visitorRef('shop', 'anon-1'), profileOf({}));
    // Assert
    expect([attributes[PROFILE_LIST_KEYS.partition], attributes[PROFILE_LIST_KEYS.sort]]).toEqual([undefined, undefined]);
  });
});

const PROFILE_LIST = { name: PROFILE_LIST_INDEX, partitionKey: PROFILE_LIST_KEYS.partition, sortKey: PROFILE_LIST_KEYS.sort };

describe('the indexes the adapters query', () => {
  it.each([...Object.values(ANCHOR_INDEXES), TIMER_DUE_INDEX, PROFILE_LIST])('$name is defined in resources.ts with the same keys', (index) => {
    expect(TABLE.indexes.find((defined) => defined.name === index.name)).toMatchObject({
      partitionKey: { name: index.partitionKey, type: 'S' },
      sortKey: { name: index.sortKey, type: 'S' },
    });
  });
});

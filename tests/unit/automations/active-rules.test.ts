import { describe, expect, it } from 'vitest';
import { ActiveRules } from '../../../lib/automations/active-rules.js';
import type { RuleRepository } from '../../../lib/rules/rule-repository.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { ManualClock } from '../../../lib/time/clock.js';
import { infoSend, ruleOf } from '../../support/rule-fixtures.js';

class CountingRepository implements RuleRepository {
  calls = 0;
  constructor(public rules: Rule[]) {}
  async activeRules(): Promise<Rule[]> {
    this.calls += 1;
    return this.rules;
  }
}

const welcome = ruleOf({ id: 'welcome', kind: 'trigger', on: ['signed_up'], actions: [infoSend()] });
const cart = ruleOf({ id: 'cart', kind: 'trigger', on: ['cart_updated', 'checkout_started'], cancelOn: ['order_placed'], wait: { hours: 24 }, actions: [infoSend()] });
const feedback = ruleOf({ id: 'feedback', kind: 'scheduled', anchor: 'firstOrderAt', days: [30], at: '10:00', actions: [infoSend()] });

describe('ActiveRules', () => {
  it('indexes trigger rules by the event types that start and cancel them', async () => {
    // Arrange
    const rules = new ActiveRules(new CountingRepository([welcome, cart, feedback]), new ManualClock('2026-03-02T00:00:00Z'));
    // Act
    const set = await rules.forWorkspace('shop');
    // Assert
    expect(set.startingOn('checkout_started').map((entry) => entry.rule.id)).toEqual(['cart']);
    expect(set.cancelledBy('order_placed').map((entry) => entry.rule.id)).toEqual(['cart']);
    expect(set.startingOn('page_viewed')).toEqual([]);
    expect(set.scheduled().map((entry) => entry.rule.id)).toEqual(['feedback']);
  });

  it('asks the repository again only after the TTL', async () => {
    // Arrange
    const repository = new CountingRepository([welcome]);
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const rules = new ActiveRules(repository, clock, { ttlMs: 60_000 });
    // Act
    await rules.forWorkspace('shop');
    clock.advance(59_000);
    await rules.forWorkspace('shop');
    clock.advance(2_000);
    await rules.forWorkspace('shop');
    // Assert
    expect(repository.calls).toBe(2);
  });

  it('reads the rules again at once after a push in this process invalidated them', async () => {
    // Arrange
    const repository = new CountingRepository([welcome]);
    const rules = new ActiveRules(repository, new ManualClock('2026-03-02T00:00:00Z'), { ttlMs: 60_000 });
    await rules.forWorkspace('shop');
    repository.rules = [welcome, cart];
    // Act
    rules.invalidate('shop');
    const set = await rules.forWorkspace('shop');
    // Assert
    expect(repository.calls).toBe(2);
    expect(set.trigger('cart')?.rule.id).toBe('cart');
  });

  it('compiles a rule version once, and a new version again', async () => {
    // Arrange
    const repository = new CountingRepository([welcome]);
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const rules = new ActiveRules(repository, clock, { ttlMs: 0 });
    const first = (await rules.forWorkspace('shop')).trigger('welcome');
    // Act
    const same = (await rules.forWorkspace('shop')).trigger('welcome');
    repository.rules = [{ ...welcome, version: 2 }];
    const next = (await rules.forWorkspace('shop')).trigger('welcome');
    // Assert
    expect(same).toBe(first);
    expect(next).not.toBe(first);
    expect(next?.rule.version).toBe(2);
  });

  it('leaves out a rule that does not compile, reports it, and keeps the others', async () => {
    // Arrange
    const broken = ruleOf({ id: 'broken', kind: 'trigger', on: ['signed_up'], audience: { has_tags: ['vip'] }, actions: [infoSend()] });
    const reported: string[] = [];
    const rules = new ActiveRules(new CountingRepository([broken, welcome]), new ManualClock('2026-03-02T00:00:00Z'), { onInvalidRule: (_ws, rule) => reported.push(rule.id) });
    // Act
    const set = await rules.forWorkspace('shop');
    // Assert
    expect(set.startingOn('signed_up').map((entry) => entry.rule.id)).toEqual(['welcome']);
    expect(reported).toEqual(['broken']);
  });
});

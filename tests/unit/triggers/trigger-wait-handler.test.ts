import { describe, expect, it } from 'vitest';
import { ActiveRules } from '../../../lib/automations/active-rules.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { ManualClock } from '../../../lib/time/clock.js';
import type { Timer } from '../../../lib/timers/timer-store.js';
import { TriggerWaitHandler } from '../../../lib/triggers/trigger-wait-handler.js';
import { canonical } from '../../support/canonical-events.js';
import { RecordingSendGate } from '../../support/recording-send-gate.js';
import { InMemoryProfileReader, infoSend, profileOf, RecordingActivity, RecordingTags, ruleOf, seoulSettings } from '../../support/rule-fixtures.js';

const cartAbandonment = ruleOf({
  id: 'cart-abandonment', kind: 'trigger', on: ['cart_updated'], cancelOn: ['order_placed'], wait: { hours: 24 },
  occurrence: { var: 'event.cart.token' }, audience: { '>': [{ var: 'profile.cart.value' }, 0] }, actions: [infoSend('장바구니를 잊지 마세요')],
});
const NOW = new Date('2026-03-03T00:01:00Z');
const cartEvent = canonical('2026-03-02T00:00:00Z', { type: 'cart_updated', cart: { mode: 'add', token: 'c1', items: [] } }, { workspace: 'shop', customerId: 'kim' });
const wait: Timer = {
  workspace: 'shop', customerId: 'kim', key: 'cart-abandonment#c1', dueAt: '2026-03-03T00:00:00.000Z', kind: 'trigger-wait', startedAt: '2026-03-02T00:00:00.000Z',
  payload: { ruleId: 'cart-abandonment', ruleVersion: 1, occurrence: 'c1', event: cartEvent },
};
const withCart = profileOf({ cart: { token: 'c1', currency: 'KRW', items: [], value: 15000, updatedAt: '2026-03-02T00:00:00.000Z' } });

const handlerWith = (rules: Rule[], profiles: InMemoryProfileReader) => {
  const deps = { rules: new ActiveRules(new StaticRuleRepository(rules), new ManualClock(NOW)), profiles, settings: seoulSettings, gate: new RecordingSendGate(), tags: new RecordingTags(), activity: new RecordingActivity() };
  return { handler: new TriggerWaitHandler(deps), ...deps };
};

describe('TriggerWaitHandler', () => {
  it('acts when the audience still matches the current profile, as matched at the due time', async () => {
    // Arrange
    const profiles = new InMemoryProfileReader();
    profiles.put(withCart);
    const { handler, gate } = handlerWith([cartAbandonment], profiles);
    // Act
    await handler.handle(wait, NOW);
    // Assert
    expect(gate.requests.map(({ request }) => [request.rule.id, request.occurrence, request.matchedAt, request.event?.eventId])).toEqual([
      ['cart-abandonment', 'c1', '2026-03-03T00:00:00.000Z', cartEvent.eventId],
    ]);
  });

  it('lets the wait lapse when the audience no longer matches (the cart was emptied)', async () => {
    // Arrange
    const profiles = new InMemoryProfileReader();
    profiles.put(profileOf({ cart: null }));
    const { handler, gate, activity } = handlerWith([cartAbandonment], profiles);
    // Act
    await handler.handle(wait, NOW);
    // Assert
    expect(gate.requests).toEqual([]);
    expect(activity.kinds()).toEqual(['lapsed']);
  });

  it('ends quietly when the rule is no longer active', async () => {
    // Arrange
    const profiles = new InMemoryProfileReader();
    profiles.put(withCart);
    const { handler, gate } = handlerWith([], profiles);
    // Act
    await handler.handle(wait, NOW);
    // Assert
    expect(gate.requests).toEqual([]);
  });

  it('ends quietly when the customer was erased meanwhile', async () => {
    // Arrange
    const { handler, gate } = handlerWith([cartAbandonment], new InMemoryProfileReader());
    // Act
    await handler.handle(wait, NOW);
    // Assert
    expect(gate.requests).toEqual([]);
  });

  it('acts with the version of the rule now in force', async () => {
    // Arrange
    const profiles = new InMemoryProfileReader();
    profiles.put(withCart);
    const { handler, gate } = handlerWith([{ ...cartAbandonment, version: 2 }], profiles);
    // Act
    await handler.handle(wait, NOW);
    // Assert
    expect(gate.requests[0]?.request.rule.version).toBe(2);
  });
});

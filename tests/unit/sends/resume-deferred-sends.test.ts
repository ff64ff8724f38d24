import { describe, expect, it, vi } from 'vitest';
import { requestSend } from '../../../lib/sends/request-send.js';
import { resumeDeferredSends, SendDeferredTimerHandler } from '../../../lib/sends/resume-deferred-sends.js';
import type { ProfileView } from '../../../lib/profiles/profile-view.js';
import { RecordingActivity } from '../../support/rule-fixtures.js';
import { granted, kst, profile, sendHarness, sendRequest } from '../../support/sends.js';

const nightSetup = async (customer = profile()) => {
  const harness = sendHarness({ now: kst('2026-03-02 22:30') });
  let current: ProfileView | undefined = customer;
  const deps = { ...harness.deps, currentProfile: async () => current };
  return { ...harness, deps, setProfile: (view: ProfileView | undefined) => (current = view) };
};

describe('resuming deferred sends', () => {
  it('sends the 22:30 ad at 08:00 when its timer fires, and reports it as the rule\'s activity', async () => {
    // Arrange
    const { deps, clock, queue, timers } = await nightSetup();
    await requestSend(sendRequest(), deps);
    const [timer] = timers.of('c-1');
    clock.set(kst('2026-03-03 08:00'));
    const activity = new RecordingActivity();
    // Act
    await new SendDeferredTimerHandler({ ...deps, activity }).handle(timer!, clock.now());
    // Assert
    expect(queue.sent).toHaveLength(1);
    expect(queue.sent[0]!.message.content.text).toMatch(/^\(광고\) 데모샵\n/);
    expect(activity.entries).toEqual([{ workspace: 'ws-test', ruleId: sendRequest().rule.id, customerId: 'c-1', kind: 'send:sent', at: new Date(kst('2026-03-03 08:00')).toISOString() }]);
  });

  it('sends the highest-priority message first and the others in later windows', async () => {
    // Arrange: three ads deferred overnight; the budget allows one a day
    const { deps, clock, queue } = await nightSetup();
    for (const [id, priority] of [['low', 10], ['high', 90], ['mid', 50]] as const) await requestSend(sendRequest({ rule: { id, version: 1, priority } }), deps);
    // Act
    clock.set(kst('2026-03-03 08:00'));
    await resumeDeferredSends('ws-test', 'c-1', deps);
    clock.set(kst('2026-03-04 08:00'));
    await resumeDeferredSends('ws-test', 'c-1', deps);
    clock.set(kst('2026-03-05 08:00'));
    await resumeDeferredSends('ws-test', 'c-1', deps);
    // Assert
    expect(queue.sent.map((sent) => [sent.message.rule.id, sent.message.notBefore])).toEqual([
      ['high', kst('2026-03-03 08:00')],
      ['mid', kst('2026-03-04 08:00')],
      ['low', kst('2026-03-05 08:00')],
    ]);
  });

  it('defers the lower-priority messages with the budget as the reason and a new timer', async () => {
    // Arrange
    const { deps, clock, timers } = await nightSetup();
    for (const [id, priority] of [['low', 10], ['high', 90]] as const) await requestSend(sendRequest({ rule: { id, version: 1, priority } }), deps);
    clock.set(kst('2026-03-03 08:00'));
    // Act
    const decisions = await resumeDeferredSends('ws-test', 'c-1', deps);
    // Assert
    expect(decisions.map((decision) => decision.outcome)).toEqual(['sent', 'deferred-budget']);
    expect(timers.of('c-1', 'send-deferred').map((timer) => timer.dueAt)).toContain(kst('2026-03-04 08:00'));
  });

  it('blocks a deferred ad whose consent was withdrawn overnight', async () => {
    // Arrange
    const { deps, clock, queue, setProfile } = await nightSetup();
    await requestSend(sendRequest(), deps);
    setProfile(profile({ consent: { sms: { ad: { state: 'denied', at: kst('2026-03-02 23:00'), source: 'test' } } } }));
    clock.set(kst('2026-03-03 08:00'));
    // Act
    const [decision] = await resumeDeferredSends('ws-test', 'c-1', deps);
    // Assert
    expect(decision?.outcome).toBe('blocked-no-consent');
    expect(queue.sent).toEqual([]);
  });

  it('leaves sends alone that are not due yet', async () => {
    // Arrange
    const { deps, clock, queue } = await nightSetup(profile({ consent: granted('sms', ['ad']) }));
    await requestSend(sendRequest(), deps);
    clock.set(kst('2026-03-03 07:59'));
    // Act
    const decisions = await resumeDeferredSends('ws-test', 'c-1', deps);
    // Assert
    expect(decisions).toEqual([]);
    expect(queue.sent).toEqual([]);
  });

  it('does nothing for a customer who was erased', async () => {
    // Arrange
    const { deps, clock, queue, setProfile } = await nightSetup();
    await requestSend(sendRequest(), deps);
    setProfile(undefined);
    clock.set(kst('2026-03-03 08:00'));
    // Act
    await resumeDeferredSends('ws-test', 'c-1', deps);
    // Assert
    expect(queue.sent).toEqual([]);
  });
});

describe('a send whose writer died between the ledger and the queue', () => {
  it('is enqueued once its lease runs out, by the timer that the redelivered request left', async () => {
    // Arrange: the first attempt writes the entry and never gets the message onto the queue (its process is killed)
    const { deps, clock, queue, timers, store } = await nightSetup();
    clock.set(kst('2026-03-02 10:00'));
    const killed = { ...deps, queue: { send: () => new Promise<void>(() => undefined) } };
    void requestSend(sendRequest(), killed);
    await vi.waitFor(async () => expect((await store.listForCustomer('ws-test', 'c-1'))[0]?.state).toBe('enqueuing'));
    // Act: the redelivery comes back within the lease, and the timer it leaves fires after it
    const redelivered = await requestSend(sendRequest(), deps);
    const [timer] = timers.of('c-1', 'send-deferred');
    clock.set(timer!.dueAt);
    await new SendDeferredTimerHandler({ ...deps, activity: new RecordingActivity() }).handle(timer!, clock.now());
    // Assert
    expect(redelivered.outcome).toBe('duplicate');
    expect(queue.sent).toHaveLength(1);
    expect((await store.listForCustomer('ws-test', 'c-1'))[0]).toMatchObject({ state: 'queued' });
  });
});

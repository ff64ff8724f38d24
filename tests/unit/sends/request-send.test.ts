import { describe, expect, it } from 'vitest';
import { RECONFIRM_CONSENT_TAG } from '../../../lib/sends/consent-check.js';
import { requestSend } from '../../../lib/sends/request-send.js';
import { waitKeyPrefix } from '../../../lib/triggers/trigger-wait.js';
import { adAction, customerInArm, granted, kst, profile, sendHarness, sendRequest, sendSettings } from '../../support/sends.js';

describe('the send gate', () => {
  it('sends an ad with consent in the day, labelled as the law wants', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 10:00') });
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'sent', arm: 'default' });
    expect(queue.sent).toHaveLength(1);
    expect(queue.sent[0]!.message.content.text).toBe('(광고) 데모샵\n김민지님, 봄 세일이 시작됐어요.\n\n문의 02-123-4567\n무료수신거부 080-123-4567');
  });

  it('records the send as queued before anything else can happen to it', async () => {
    // Arrange
    const { deps, store } = sendHarness({ now: kst('2026-03-02 10:00') });
    // Act
    await requestSend(sendRequest(), deps);
    // Assert
    const [record] = await store.listForCustomer('ws-test', 'c-1');
    expect(record).toMatchObject({ state: 'queued', outcome: 'sent', history: [{ state: 'enqueuing', outcome: 'sent' }, { state: 'queued' }] });
  });

  it('defers an ad at 22:30 without night consent to 08:00 with a timer, and queues nothing', async () => {
    // Arrange
    const { deps, queue, timers } = sendHarness({ now: kst('2026-03-02 22:30') });
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'deferred-quiet-hours', notBefore: kst('2026-03-03 08:00') });
    expect(queue.sent).toEqual([]);
    expect(timers.of('c-1')).toEqual([expect.objectContaining({ kind: 'send-deferred', dueAt: kst('2026-03-03 08:00') })]);
  });

  it('keys its deferral timer apart from every rule\'s waits: cancelling the waits of a rule named "send" leaves it', async () => {
    // Arrange
    const { deps, timers } = sendHarness({ now: kst('2026-03-02 22:30') });
    await requestSend(sendRequest(), deps);
    // Act
    const cancelled = await timers.cancelStartedUpTo('ws-test', 'c-1', waitKeyPrefix('send'), kst('2026-03-02 22:30'));
    // Assert
    expect(cancelled).toBe(0);
    expect(timers.of('c-1')).toEqual([expect.objectContaining({ kind: 'send-deferred' })]);
  });

  it('judges the night of a +82 recipient in Seoul, though the workspace is in London', async () => {
    // Arrange: 22:58 KST is 13:58 in London
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 22:58'), settings: sendSettings({ timeZone: 'Europe/London' }) });
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'deferred-quiet-hours', notBefore: kst('2026-03-03 08:00'), reason: 'quiet hours 21:00–08:00 (no night consent): until 2026-03-03 08:00 (Asia/Seoul)' });
    expect(queue.sent).toEqual([]);
  });

  it('holds an e-mail ad of a London workspace out of the night in London and in Seoul', async () => {
    // Arrange: 13:00 in London is 22:00 in Seoul; Seoul's 08:00 is 23:00 in London
    const { deps } = sendHarness({ now: '2026-03-02T13:00:00.000Z', settings: sendSettings({ timeZone: 'Europe/London' }) });
    // Act
    const decision = await requestSend(sendRequest({ action: adAction({ channel: 'email' }) }), deps);
    // Assert: 08:00 the next day in London (17:00 in Seoul), outside both nights
    expect(decision).toMatchObject({ outcome: 'deferred-quiet-hours', notBefore: '2026-03-03T08:00:00.000Z', reason: expect.stringContaining('until 2026-03-03 08:00 (Europe/London)') });
  });

  it('sends an ad at 22:30 to a customer with night consent', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 22:30') });
    const customer = profile({ consent: granted('sms', ['ad', 'night']) });
    // Act
    await requestSend(sendRequest({ profile: customer }), deps);
    // Assert
    expect(queue.sent).toHaveLength(1);
  });

  it('puts an ad at 07:50 on the queue with a delay up to 08:00', async () => {
    // Arrange
    const { deps, queue, timers } = sendHarness({ now: kst('2026-03-03 07:50') });
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'sent', notBefore: kst('2026-03-03 08:00') });
    expect(queue.sent[0]).toMatchObject({ delaySeconds: 600, message: { notBefore: kst('2026-03-03 08:00') } });
    expect(timers.of('c-1')).toEqual([]);
  });

  it('sends an information AlimTalk at 23:00: no quiet hours and no budget for it', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 23:00') });
    const action = adAction({ channel: 'alimtalk', purpose: 'info', message: { text: '주문하신 상품이 출발했어요.', templateCode: 'SHIPPED_01' } });
    // Act
    const decision = await requestSend(sendRequest({ action }), deps);
    // Assert
    expect(decision.outcome).toBe('sent');
    expect(queue.sent[0]!.message.content).toEqual({ text: '주문하신 상품이 출발했어요.', templateCode: 'SHIPPED_01' });
  });

  it('defers an ad over the daily budget to the next morning', async () => {
    // Arrange
    const { deps, timers } = sendHarness({ now: kst('2026-03-02 10:00') });
    await requestSend(sendRequest({ rule: { id: 'welcome', version: 1, priority: 50 } }), deps);
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'deferred-budget', notBefore: kst('2026-03-03 08:00'), reason: expect.stringContaining('sms fatigue budget (1/day, 3/7 days) used up') });
    expect(timers.of('c-1')).toHaveLength(1);
  });

  it('answers a repeated request with duplicate and queues one message', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 10:00') });
    await requestSend(sendRequest(), deps);
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision.outcome).toBe('duplicate');
    expect(queue.sent).toHaveLength(1);
  });

  it('notes a repeated request on the entry, for the customer\'s ledger', async () => {
    // Arrange
    const { deps, store, clock } = sendHarness({ now: kst('2026-03-02 10:00') });
    await requestSend(sendRequest(), deps);
    clock.set(kst('2026-03-02 10:05'));
    // Act
    await requestSend(sendRequest(), deps);
    // Assert
    expect((await store.listForCustomer('ws-test', 'c-1'))[0]?.duplicates).toEqual({ count: 1, lastAt: kst('2026-03-02 10:05') });
  });

  it('queues one message for requests that race each other', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 10:00') });
    // Act
    const decisions = await Promise.all([requestSend(sendRequest(), deps), requestSend(sendRequest(), deps), requestSend(sendRequest(), deps)]);
    // Assert
    expect(decisions.map((decision) => decision.outcome).sort()).toEqual(['duplicate', 'duplicate', 'sent']);
    expect(queue.sent).toHaveLength(1);
  });

  it('enqueues on the retry when the queue refused the first attempt', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 10:00') });
    queue.failNext = 1;
    await expect(requestSend(sendRequest(), deps)).rejects.toThrow(/sends queue refused/);
    // Act
    const retry = await requestSend(sendRequest(), deps);
    // Assert
    expect(retry.outcome).toBe('sent');
    expect(queue.sent).toHaveLength(1);
  });

  it('sends separate messages for separate occurrences', async () => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 10:00'), settings: sendSettings({ fatigue: { sms: { perDay: 5, perWeek: 10 } } }) });
    // Act
    await requestSend(sendRequest({ occurrence: 'cart-1' }), deps);
    await requestSend(sendRequest({ occurrence: 'cart-2' }), deps);
    // Assert
    expect(queue.sent).toHaveLength(2);
  });

  it('records a holdout customer and sends nothing', async () => {
    // Arrange
    const { deps, queue, store } = sendHarness({ now: kst('2026-03-02 10:00') });
    const action = adAction({ holdout: 0.5 });
    const customerId = customerInArm('spring-sale', action, 'holdout');
    // Act
    const decision = await requestSend(sendRequest({ action, customerId, profile: profile({ customerId }) }), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'holdout', arm: 'holdout' });
    expect(queue.sent).toEqual([]);
    expect((await store.listForCustomer('ws-test', customerId))[0]).toMatchObject({ state: 'holdout', touchedAt: kst('2026-03-02 10:00') });
  });

  it.each([
    ['no ad consent', { profile: profile({ consent: {} }) }, 'blocked-no-consent', 'no ad consent for sms'],
    ['a dormant customer', { profile: profile({ tags: ['dormant'] }) }, 'blocked-dormant', 'the customer is dormant (휴면): no ads'],
    ['no phone number', { profile: profile({ traits: { name: '김' } }) }, 'blocked-no-recipient', 'no phone number in traits.phone for sms'],
    ['a send past its expiry', { matchedAt: kst('2026-02-20 10:00'), action: adAction({ expiresAfter: { days: 7 } }) }, 'expired', 'expired at 2026-02-27 10:00 (Asia/Seoul)'],
  ] as const)('blocks %s with the reason recorded', async (_case, overrides, outcome, reason) => {
    // Arrange
    const { deps, queue, store } = sendHarness({ now: kst('2026-03-02 10:00') });
    // Act
    const decision = await requestSend(sendRequest(overrides), deps);
    // Assert
    expect(decision).toMatchObject({ outcome, reason });
    expect(queue.sent).toEqual([]);
    expect(store.count('spring-sale', outcome)).toBe(1);
  });

  it('blocks ads while the workspace names no sender', async () => {
    // Arrange
    const { deps } = sendHarness({ now: kst('2026-03-02 10:00'), settings: sendSettings({ sender: undefined }) });
    // Act
    const decision = await requestSend(sendRequest(), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'blocked-misconfigured', reason: expect.stringContaining('no sender') });
  });

  it.each([
    ['an AlimTalk without the template code Kakao approved', { channel: 'alimtalk', purpose: 'info', message: { text: '주문하신 상품이 출발했어요.' } }, 'template code'],
    ['an information message that carries ad content', { channel: 'sms', purpose: 'info', message: { text: '(광고) 봄 세일 시작!' } }, 'must not carry ad content'],
  ])('blocks %s', async (_name, fields, reason) => {
    // Arrange
    const { deps, queue } = sendHarness({ now: kst('2026-03-02 10:00') });
    // Act
    const decision = await requestSend(sendRequest({ action: adAction(fields) }), deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'blocked-misconfigured', reason: expect.stringContaining(reason) });
    expect(queue.sent).toEqual([]);
  });

  it('flags a customer with stale ad consent for the re-confirmation notice', async () => {
    // Arrange
    const { deps, tagged } = sendHarness({ now: kst('2026-03-02 10:00') });
    const customer = profile({ consent: granted('sms', ['ad'], '2023-12-01T00:00:00.000Z') });
    // Act
    const decision = await requestSend(sendRequest({ profile: customer }), deps);
    // Assert
    expect(decision.outcome).toBe('blocked-no-consent');
    expect(tagged).toEqual([{ customerId: 'c-1', add: [RECONFIRM_CONSENT_TAG] }]);
  });

  it('drops a night ad whose 08:00 comes after it expires', async () => {
    // Arrange
    const { deps, timers } = sendHarness({ now: kst('2026-03-02 22:30') });
    const request = sendRequest({ matchedAt: kst('2026-03-02 22:00'), action: adAction({ expiresAfter: { hours: 4 } }) });
    // Act
    const decision = await requestSend(request, deps);
    // Assert
    expect(decision).toMatchObject({ outcome: 'expired', reason: expect.stringContaining('after it expires') });
    expect(timers.of('c-1')).toEqual([]);
  });
});

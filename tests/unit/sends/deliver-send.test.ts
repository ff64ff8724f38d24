import { describe, expect, it } from 'vitest';
import { DeliveryError, type ChannelAdapter } from '../../../lib/sends/channel-adapter.js';
import { deliverSend, RetryLaterError, type DeliverDeps } from '../../../lib/sends/deliver-send.js';
import { requestSend } from '../../../lib/sends/request-send.js';
import type { SendMessage } from '../../../lib/sends/send-message.js';
import { InMemoryDeadLetterQueue, RecordingRetries } from '../../support/in-memory-dead-letters.js';
import { adAction, kst, sendHarness, sendRequest } from '../../support/sends.js';

/** A channel that fails as told, then delivers. */
class ScriptedChannel implements ChannelAdapter {
  readonly name = 'scripted';
  readonly delivered: SendMessage[] = [];
  constructor(private readonly failures: DeliveryError[] = []) {}
  async deliver(message: SendMessage): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.delivered.push(message);
  }
}

const setup = async (failures: DeliveryError[] = [], request = sendRequest()) => {
  const harness = sendHarness({ now: kst('2026-03-02 10:00') });
  await requestSend(request, harness.deps);
  const channel = new ScriptedChannel(failures);
  const deadLetters = new InMemoryDeadLetterQueue();
  const retries = new RecordingRetries();
  const deps: DeliverDeps = { store: harness.store, channelFor: async () => channel, retries, deadLetters, clock: harness.clock, maxAttempts: 3, onError: () => undefined };
  const body = JSON.stringify(harness.queue.sent[0]!.message);
  const record = async () => (await harness.store.listForCustomer('ws-test', 'c-1'))[0];
  return { ...harness, channel, deadLetters, retries, deps, body, record };
};

const flaky = () => new DeliveryError('webhook bridge answered 503', true);

describe('delivery', () => {
  it('delivers a queued message and records it', async () => {
    // Arrange
    const { deps, body, channel, record } = await setup();
    // Act
    const result = await deliverSend({ body, attempt: 1, handle: 'h' }, deps);
    // Assert
    expect(result).toBe('delivered');
    expect(channel.delivered).toHaveLength(1);
    expect(await record()).toMatchObject({ state: 'delivered', deliveredAt: kst('2026-03-02 10:00'), touchedAt: kst('2026-03-02 10:00') });
  });

  it('delivers a message it is handed twice only once', async () => {
    // Arrange
    const { deps, body, channel } = await setup();
    await deliverSend({ body, attempt: 1, handle: 'h' }, deps);
    // Act
    const again = await deliverSend({ body, attempt: 1, handle: 'h2' }, deps);
    // Assert
    expect(again).toBe('skipped');
    expect(channel.delivered).toHaveLength(1);
  });

  it('skips a message whose ledger entry is gone: the customer was erased after it was queued', async () => {
    // Arrange
    const { deps, body, channel, store } = await setup();
    store.records.clear();
    // Act
    const result = await deliverSend({ body, attempt: 1, handle: 'h' }, deps);
    // Assert
    expect(result).toBe('skipped');
    expect(channel.delivered).toEqual([]);
  });

  it('asks for a retry with backoff when the provider fails', async () => {
    // Arrange
    const { deps, body, retries, record } = await setup([flaky()]);
    // Act
    const attempt = deliverSend({ body, attempt: 2, handle: 'h' }, deps);
    // Assert
    await expect(attempt).rejects.toThrow(RetryLaterError);
    expect(retries.delays).toEqual([60]);
    expect(await record()).toMatchObject({ state: 'queued', attempts: 1, lastError: 'webhook bridge answered 503' });
  });

  it('dead-letters the message with its reason on the last attempt', async () => {
    // Arrange
    const { deps, body, deadLetters, record } = await setup([flaky()]);
    // Act
    const result = await deliverSend({ body, attempt: 3, handle: 'h' }, deps);
    // Assert
    expect(result).toBe('dead-lettered');
    expect(deadLetters.letters).toEqual([expect.objectContaining({ body, note: expect.objectContaining({ reason: 'gave up after 3 attempts: webhook bridge answered 503', attempts: 3 }) })]);
    expect(await record()).toMatchObject({ state: 'failed' });
  });

  it('dead-letters at once what no retry can fix', async () => {
    // Arrange
    const { deps, body, deadLetters } = await setup([new DeliveryError('webhook bridge answered 400', false)]);
    // Act
    const result = await deliverSend({ body, attempt: 1, handle: 'h' }, deps);
    // Assert
    expect(result).toBe('dead-lettered');
    expect(deadLetters.letters[0]?.note?.reason).toBe('webhook bridge answered 400');
  });

  it('delivers a redriven message that had failed', async () => {
    // Arrange
    const { deps, body, record, store } = await setup([new DeliveryError('down', false)]);
    await deliverSend({ body, attempt: 1, handle: 'h' }, deps);
    // Act
    const result = await deliverSend({ body, attempt: 1, handle: 'h2' }, deps);
    // Assert
    expect(result).toBe('delivered');
    expect(await record()).toMatchObject({ state: 'delivered' });
    expect([store.count('spring-sale', 'failed'), store.count('spring-sale', 'delivered')]).toEqual([0, 1]);
  });

  it('drops a message past its expiry with the reason', async () => {
    // Arrange
    const { deps, body, channel, clock, record } = await setup([], sendRequest({ action: adAction({ expiresAfter: { hours: 1 } }), matchedAt: kst('2026-03-02 10:00') }));
    clock.set(kst('2026-03-02 11:30'));
    // Act
    const result = await deliverSend({ body, attempt: 1, handle: 'h' }, deps);
    // Assert
    expect(result).toBe('expired');
    expect(channel.delivered).toEqual([]);
    expect(await record()).toMatchObject({ state: 'expired', outcome: 'expired' });
  });

  it('dead-letters a body that is no send message', async () => {
    // Arrange
    const { deps, deadLetters } = await setup();
    // Act
    const result = await deliverSend({ body: '{"version":2}', attempt: 1, handle: 'h' }, deps);
    // Assert
    expect(result).toBe('dead-lettered');
    expect(deadLetters.letters[0]?.note?.reason).toMatch(/^not a send message of version 1/);
  });
});

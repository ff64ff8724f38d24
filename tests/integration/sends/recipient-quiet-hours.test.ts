import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/time/clock.js';
import { advanceTo, createCustomer, fire, ledgerOf, sendAppForFile, sendRule } from '../../support/send-app.js';
import { kst, SENDER } from '../../support/sends.js';
import { bodyOf } from '../../support/test-app.js';

// A shop that moved its workspace zone to London, sending SMS ads to Korean mobiles.
const clock = new ManualClock(kst('2026-03-02 12:00'));
const stack = sendAppForFile([sendRule('spring-sale')], clock, { timeZone: 'Europe/London' });

describe('quiet hours of a workspace in Europe/London', () => {
  it('keep an SMS ad to a +82 mobile without night consent out of the Korean night: 22:58 KST waits for 08:00 KST', async () => {
    // Arrange: 22:58 KST is 13:58 in London
    clock.set(kst('2026-03-02 22:58'));
    await createCustomer(stack.app, 'seoul-1');
    // Act
    await fire(stack.app, 'seoul-1', 'spring-sale');
    await stack.app.drain();
    const atNight = { hooks: stack.endpoint.to('seoul-1').length, ledger: await ledgerOf(stack.app, 'seoul-1') };
    await advanceTo(stack.app, clock, kst('2026-03-03 08:00'));
    // Assert
    expect(atNight).toEqual({
      hooks: 0,
      ledger: [expect.objectContaining({ state: 'pending', outcome: 'deferred-quiet-hours', notBefore: kst('2026-03-03 08:00'), reason: 'quiet hours 21:00–08:00 (no night consent): until 2026-03-03 08:00 (Asia/Seoul)' })],
    });
    expect(stack.endpoint.to('seoul-1').map((hook) => hook.json.createdAt)).toEqual([kst('2026-03-03 08:00')]);
  });

  it('cannot be made laxer than the law: PUT /v1/settings refuses it with a 400 naming the field', async () => {
    // Act
    const response = await stack.app.request('/v1/settings', { method: 'PUT', json: { sender: SENDER, timeZone: 'Europe/London', quietHours: { ad: { start: '23:00', end: '06:00' } } } });
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'quietHours.ad', message: expect.stringContaining('must cover 21:00–08:00') }]);
  });
});

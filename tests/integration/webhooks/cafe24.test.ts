import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { cafe24Fixture, postCafe24 } from '../../support/webhooks.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('Cafe24 webhooks', () => {
  it('turns a signup (90032) into a member with SMS and e-mail ad consent', async () => {
    // Arrange + Act
    const response = await postCafe24(app, cafe24Fixture('90032_OnNewMemberRegistered.json'));
    // Assert
    expect(response.status).toBe(200);
    expect(await app.customer('gdhong')).toMatchObject({
      isMember: true,
      signupAt: '2020-07-17T06:26:00.000Z',
      traits: { name: 'Jake Park', nickName: 'vjakiev', email: 'gdhong@cafe24corp.com', phone: '010-2468-2468', group: '1', dormant: false },
      consent: { sms: { ad: { state: 'granted', source: 'cafe24' } }, email: { ad: { state: 'granted', source: 'cafe24' } } },
    });
  });

  it('counts an order received (90023) and paid (90025) once, with its string amount', async () => {
    // Arrange + Act
    await postCafe24(app, cafe24Fixture('90023_OnOrderReceived.json'));
    await postCafe24(app, cafe24Fixture('90025_OnOrderPaymentStatusChanged.json'));
    await postCafe24(app, cafe24Fixture('90026_OnOrderCancellationStatusChanged.json')); // another order, never reported placed
    // Assert
    expect(await app.customer('gdhong')).toMatchObject({ orderCount: 1, totalSpent: 24680, currency: 'KRW', firstOrderAt: '2020-07-17T06:28:14.000Z' });
  });

  it('takes a cancelled order (90026) out of the totals', async () => {
    // Arrange
    const placed = cafe24Fixture('90023_OnOrderReceived.json').replace('"order_id": "20200717-0029236"', '"order_id": "20200718-0000099"');
    const cancelled = cafe24Fixture('90026_OnOrderCancellationStatusChanged.json').replace('"order_id": "20200716-0000023"', '"order_id": "20200718-0000099"');
    // Act
    await postCafe24(app, placed);
    const before = await app.customer('gdhong');
    await postCafe24(app, cancelled);
    // Assert
    expect(before).toMatchObject({ orderCount: 2 });
    expect(await app.customer('gdhong')).toMatchObject({ orderCount: 1, totalSpent: 24680 });
  });

  it('turns a login (90143) into a visit and a cart add (90084) into a cart line', async () => {
    // Arrange + Act
    await postCafe24(app, cafe24Fixture('90143_OnMemberLogin.json'));
    await postCafe24(app, cafe24Fixture('90084_OnProductAddedToCart.json'));
    // Assert
    expect(await app.customer('sampleid')).toMatchObject({
      isMember: true,
      visitCount: 1,
      traits: { dormant: false },
      cart: { items: [{ productId: '781', variantId: 'P0000BEB000A', quantity: 1, price: 0 }] },
    });
  });

  it('treats the same payload twice as one delivery', async () => {
    // Arrange
    const login = cafe24Fixture('90143_OnMemberLogin.json').replace('"sampleid"', '"repeat-member"');
    // Act
    const first = await postCafe24(app, login);
    const again = await postCafe24(app, login);
    // Assert
    expect(await bodyOf(first)).toMatchObject({ stored: 1 });
    expect(await bodyOf(again)).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it('marks each member of a dormancy list (90145) dormant', async () => {
    // Arrange + Act
    await postCafe24(app, cafe24Fixture('90145_OnMemberBecameDormant.json'));
    // Assert
    for (const member of ['sampleid1', 'sampleid2', 'sampleid3']) expect((await app.customer(member))?.['traits']).toEqual({ dormant: true });
  });

  it('erases each member of a withdrawal list (90147)', async () => {
    // Arrange
    await postCafe24(app, cafe24Fixture('90145_OnMemberBecameDormant.json').replace('sampleid1, sampleid2, sampleid3', 'leaving1, leaving2'));
    // Act
    const response = await postCafe24(app, cafe24Fixture('90147_OnMemberWithdrawal.json').replace('sampleid1, sampleid2, sampleid3', 'leaving1, leaving2'));
    await app.drain();
    // Assert
    expect(await bodyOf(response)).toMatchObject({ erasures: 2 });
    expect(await app.customer('leaving1')).toBeUndefined();
    expect(await app.customer('leaving2')).toBeUndefined();
  });

  it('refuses a wrong or missing key with 403 and stores nothing', async () => {
    // Arrange
    const signup = cafe24Fixture('90032_OnNewMemberRegistered.json').replace('"gdhong"', '"intruder"');
    // Act
    const wrong = await postCafe24(app, signup, 'guess');
    const missing = await postCafe24(app, signup, null);
    // Assert
    expect([wrong.status, missing.status]).toEqual([403, 403]);
    expect(await app.customer('intruder')).toBeUndefined();
  });

  it('answers 400 for a guest order or a wrong shape, naming the field', async () => {
    // Arrange
    const guest = cafe24Fixture('90023_OnOrderReceived.json').replace('"member_id": "gdhong"', '"member_id": ""');
    // Act
    const guestResponse = await postCafe24(app, guest);
    const shapeResponse = await postCafe24(app, '{"event_no": 90032, "resource": {"name": "no id"}}');
    // Assert
    expect(guestResponse.status).toBe(400);
    expect((await bodyOf(guestResponse)).issues).toEqual([{ path: 'resource.member_id', message: 'required: a member id — guest orders cannot be attributed to a customer' }]);
    expect(shapeResponse.status).toBe(400);
    expect((await bodyOf(shapeResponse)).issues).toEqual([{ path: 'resource.member_id', message: 'required: the member id (resource.member_id)' }]);
  });
});

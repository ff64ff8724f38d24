import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';
import { postShopify } from '../../support/webhooks.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const MINUTE = 60_000;
/** A time relative to the real clock the test app runs on. */
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

const identifyGranting = (userId: string, times: Record<string, string>) =>
  app.postEvents({ type: 'identify', messageId: `grant-${userId}`, userId, traits: { consent: { sms: { ad: true } } }, ...times });
const consentDenied = (userId: string, times: Record<string, string> = {}) =>
  app.postEvents({ type: 'track', messageId: `deny-${userId}`, userId, event: 'Consent Changed', properties: { channel: 'sms', purpose: 'ad', state: 'denied' }, ...times });

const shopifyCustomer = (id: number, state: string, at: string) =>
  JSON.stringify({
    id,
    email: `c${id}@example.kr`,
    created_at: '2026-01-05T10:00:00+09:00',
    updated_at: at,
    sms_marketing_consent: { state, opt_in_level: 'single_opt_in', consent_updated_at: at, consent_collected_from: 'SHOPIFY' },
    email_marketing_consent: { state, opt_in_level: 'single_opt_in', consent_updated_at: at },
  });

describe('a withdrawal wins over any grant not received after it (local stack)', () => {
  it('Segment: refuses an identify dated 2099, and the later Consent Changed withdraws', async () => {
    // Arrange
    const grant = await identifyGranting('seg-2099', { timestamp: '2099-01-01T00:00:00Z' });
    // Act
    const withdrawal = await consentDenied('seg-2099');
    // Assert
    expect(grant.status).toBe(400);
    expect((await bodyOf(grant)).issues).toEqual([{ path: 'timestamp', message: expect.stringContaining('2099-01-01T00:00:00.000Z is 72 years after Retain received the event') }]);
    expect(withdrawal.status).toBe(200);
    expect((await app.customer('seg-2099'))?.['consent']).toEqual({ sms: { ad: expect.objectContaining({ state: 'denied', source: 'segment' }) } });
  });

  it('Segment: a grant dated 4 minutes ahead (clock skew) loses to a withdrawal received after it', async () => {
    // Arrange
    const grant = await identifyGranting('seg-skew', { timestamp: fromNow(4 * MINUTE) });
    // Act
    await consentDenied('seg-skew', { timestamp: fromNow(MINUTE) });
    // Assert
    expect(grant.status).toBe(200);
    expect((await app.customer('seg-skew'))?.['consent']['sms']['ad']['state']).toBe('denied');
  });

  it('Segment: a phone whose clock says 2099 is corrected by sentAt, and a later withdrawal withdraws', async () => {
    // Arrange
    const before = Date.now();
    const grant = await identifyGranting('seg-phone', { timestamp: '2099-01-01T00:00:00Z', sentAt: '2099-01-01T00:00:02Z' });
    const after = Date.now();
    const granted = await app.customer('seg-phone');
    // Act
    await consentDenied('seg-phone');
    // Assert
    expect(grant.status).toBe(200);
    // Sent 2 s after it happened, by the phone's clock: 2 s before the receipt, by Retain's.
    expect(Date.parse(granted?.['lastEventAt'])).toBeGreaterThanOrEqual(before - 2000);
    expect(Date.parse(granted?.['lastEventAt'])).toBeLessThanOrEqual(after - 2000);
    expect(granted?.['consent']['sms']['ad']['state']).toBe('granted');
    expect((await app.customer('seg-phone'))?.['consent']['sms']['ad']['state']).toBe('denied');
  });

  it('Shopify: refuses a customer subscribed in 2099, and the later unsubscribe withdraws', async () => {
    // Arrange
    const grant = await postShopify(app, 'customers/update', shopifyCustomer(900000101, 'subscribed', '2099-01-01T00:00:00Z'));
    // Act
    const withdrawal = await postShopify(app, 'customers/update', shopifyCustomer(900000101, 'unsubscribed', fromNow(0)));
    // Assert
    expect(grant.status).toBe(400);
    expect((await bodyOf(grant)).issues).toEqual([{ path: 'updated_at', message: expect.stringContaining('is 72 years after Retain received the event') }]);
    expect(await bodyOf(withdrawal)).toMatchObject({ stored: 1 });
    expect((await app.customer('900000101'))?.['consent']).toEqual({
      sms: { ad: expect.objectContaining({ state: 'denied', source: 'shopify' }) },
      email: { ad: expect.objectContaining({ state: 'denied', source: 'shopify' }) },
    });
  });

  it('Shopify: refuses consent_updated_at in 2099 on a current update, naming it', async () => {
    // Arrange
    const body = JSON.parse(shopifyCustomer(900000102, 'subscribed', fromNow(0)));
    body.sms_marketing_consent.consent_updated_at = '2099-01-01T00:00:00Z';
    // Act
    const response = await postShopify(app, 'customers/update', JSON.stringify(body));
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'sms_marketing_consent.consent_updated_at', message: expect.stringContaining('is 72 years after') }]);
    expect(await app.customer('900000102')).toBeUndefined();
  });

  it('Shopify: a subscription dated 4 minutes ahead loses to an unsubscribe received after it', async () => {
    // Arrange
    const grant = await postShopify(app, 'customers/update', shopifyCustomer(900000103, 'subscribed', fromNow(4 * MINUTE)));
    // Act
    await postShopify(app, 'customers/update', shopifyCustomer(900000103, 'unsubscribed', fromNow(MINUTE)));
    // Assert
    expect(await bodyOf(grant)).toMatchObject({ stored: 1 });
    const consent = (await app.customer('900000103'))?.['consent'];
    expect([consent['sms']['ad']['state'], consent['email']['ad']['state']]).toEqual(['denied', 'denied']);
  });

  it('Segment: a Consent Changed delivered late, dated before a grant that arrived first, still withdraws', async () => {
    // Arrange
    await identifyGranting('seg-late', { timestamp: fromNow(-MINUTE) });
    // Act
    await consentDenied('seg-late', { timestamp: fromNow(-60 * MINUTE) });
    // Assert
    expect((await app.customer('seg-late'))?.['consent']['sms']['ad']['state']).toBe('denied');
  });

  it('Shopify: an unsubscribe delivered late, dated before a subscription that arrived first, still withdraws', async () => {
    // Arrange
    await postShopify(app, 'customers/update', shopifyCustomer(900000105, 'subscribed', fromNow(-MINUTE)));
    // Act  (Shopify retried this one for an hour)
    await postShopify(app, 'customers/update', shopifyCustomer(900000105, 'unsubscribed', fromNow(-60 * MINUTE)));
    // Assert
    expect((await app.customer('900000105'))?.['consent']['email']['ad']['state']).toBe('denied');
  });

  it('a grant given after the withdrawal was received undoes it', async () => {
    // Arrange
    await postShopify(app, 'customers/update', shopifyCustomer(900000104, 'unsubscribed', fromNow(-2 * MINUTE)));
    // Act
    await postShopify(app, 'customers/update', shopifyCustomer(900000104, 'subscribed', fromNow(0)));
    // Assert
    expect((await app.customer('900000104'))?.['consent']['sms']['ad']['state']).toBe('granted');
  });
});

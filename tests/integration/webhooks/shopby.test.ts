import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { postShopby } from '../../support/webhooks.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const member = (eventType: string, memberNo: number | string) => ({ mallNo: 12345, memberNo, memberId: 'hong', memberName: '홍길동', email: 'hong@example.kr', providerType: 'KAKAO', eventType });

describe('shopby webhooks', () => {
  it('turns MEMBER_INFO_CHANGED into a profile update keyed by memberNo', async () => {
    // Arrange + Act
    const response = await postShopby(app, member('MEMBER_INFO_CHANGED', 100234));
    // Assert
    expect(response.status).toBe(200);
    expect(await app.customer('100234')).toMatchObject({ traits: { memberId: 'hong', name: '홍길동', email: 'hong@example.kr', providerType: 'KAKAO' } });
  });

  it('erases the member on MEMBER_WITHDRAW', async () => {
    // Arrange
    await postShopby(app, member('MEMBER_INFO_CHANGED', 100235));
    // Act
    await postShopby(app, member('MEMBER_WITHDRAW', 100235));
    await app.drain();
    // Assert
    expect(await app.customer('100235')).toBeUndefined();
  });

  it('refuses a wrong key with 403', async () => {
    // Arrange + Act
    const response = await postShopby(app, member('MEMBER_INFO_CHANGED', 100236), 'guess');
    // Assert
    expect(response.status).toBe(403);
    expect(await app.customer('100236')).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const page = (userId: string, messageId: string) => ({ type: 'page', messageId, userId, timestamp: '2026-03-01T10:00:00+09:00', properties: { path: '/' } });

describe('profile tags', () => {
  it('are added and removed, and survive later events', async () => {
    // Arrange
    await app.postEvents(page('tag-1', 't1'));
    // Act
    await app.runtime.tags.changeTags(app.workspace, 'tag-1', { add: ['vip', 'cycle-sent'], remove: [] });
    await app.runtime.tags.changeTags(app.workspace, 'tag-1', { add: [], remove: ['cycle-sent'] });
    await app.postEvents(page('tag-1', 't2'));
    // Assert
    expect((await app.customer('tag-1'))?.['tags']).toEqual(['vip']);
  });

  it('leave an unknown customer alone', async () => {
    // Arrange + Act
    const outcome = await app.runtime.tags.changeTags(app.workspace, 'nobody', { add: ['vip'], remove: [] });
    // Assert
    expect(outcome).toBe('no-profile');
    expect(await app.customer('nobody')).toBeUndefined();
  });
});

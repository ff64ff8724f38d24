import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCompleted, pageView, TONER } from '../../../infra/local/simulate/segment-messages.js';
import { localDayRange } from '../../../lib/time/zoned-time.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const onDay = (anchor: Parameters<TestApp['runtime']['anchors']['find']>[1], day: string) => {
  const { from, to } = localDayRange(day, 'Asia/Seoul');
  return app.runtime.anchors.find(app.workspace, anchor, from, to);
};

describe('the date-anchor indexes', () => {
  it('find a customer on the local day of their first order', async () => {
    // Arrange: 23:30 on 03-01 in Seoul is still 03-01 there (14:30 UTC).
    await app.postEvents(orderCompleted('anchor-1', '2026-03-01T14:30:00.000Z', 'o-1', [TONER]));
    // Act + Assert
    expect(await onDay('firstOrderAt', '2026-03-01')).toContain('anchor-1');
    expect(await onDay('firstOrderAt', '2026-03-02')).not.toContain('anchor-1');
  });

  it('move a customer to the day of their latest order', async () => {
    // Arrange
    await app.postEvents(orderCompleted('anchor-2', '2026-03-05T03:00:00.000Z', 'o-1', [TONER]));
    // Act
    await app.postEvents(orderCompleted('anchor-2', '2026-03-15T03:00:00.000Z', 'o-2', [TONER]));
    // Assert
    expect(await onDay('lastOrderAt', '2026-03-05')).not.toContain('anchor-2');
    expect(await onDay('lastOrderAt', '2026-03-15')).toContain('anchor-2');
    expect(await onDay('cycleDueAt', '2026-03-25')).toContain('anchor-2');
  });

  it('leave anonymous visitors out', async () => {
    // Act
    await app.postEvents({ type: 'page', messageId: 'anon-page', anonymousId: 'anon-9', timestamp: '2026-03-07T03:00:00.000Z', properties: { path: '/' } });
    await app.postEvents(pageView('anchor-3', '2026-03-07T03:00:00.000Z', '/'));
    // Assert
    expect((await onDay('lastVisitAt', '2026-03-07')).sort()).toEqual(['anchor-3']);
  });
});

import { describe, expect, it } from 'vitest';
import { listSegment } from '../../../lib/segments/list-segment.js';
import { allPages, profileBudget, segmentHarness } from './segment-harness.js';

const buyerIds = (count: number) => Array.from({ length: Math.ceil(count / 3) }, (_, index) => `c-${String(index * 3).padStart(4, '0')}`);

describe('listSegment', () => {
  it('pages through every member once, a full page at a time', async () => {
    // Arrange
    const harness = segmentHarness(1000);
    const segment = await harness.segment();
    // Act
    const pages = await allPages((cursor) => listSegment('shop', segment, { cursor, limit: 50 }, harness.deps()));
    // Assert
    const ids = pages.flatMap((page) => page.customers.map((customer) => customer.customerId));
    expect(ids.sort()).toEqual(buyerIds(1000));
    expect(pages.slice(0, -1).map((page) => page.customers.length)).toEqual(Array.from({ length: pages.length - 1 }, () => 50));
  });

  it('answers with fewer than the limit when the budget runs out, and goes on from there', async () => {
    // Arrange
    const harness = segmentHarness(1000);
    const segment = await harness.segment();
    // Act
    const pages = await allPages((cursor) => listSegment('shop', segment, { cursor, limit: 1000 }, harness.deps(profileBudget(150))));
    // Assert
    expect(pages[0]!.customers.length).toBeLessThan(334);
    expect(pages.flatMap((page) => page.customers.map((customer) => customer.customerId)).sort()).toEqual(buyerIds(1000));
  });

  it('shows each member by id with name, e-mail, phone, orders and tags, sorted by customer id', async () => {
    // Arrange
    const harness = segmentHarness(0);
    harness.put({ customerId: 'lee', orderCount: 1, totalSpent: 30000, lastOrderAt: '2026-02-01T01:00:00.000Z', traits: { name: '이영희' }, tags: ['vip'] });
    harness.put({ customerId: 'kim', orderCount: 2, totalSpent: 50000, traits: { name: '김민수', email: 'kim@example.kr', phone: '010-1234-5678' } });
    // Act
    const page = await listSegment('shop', await harness.segment(), { limit: 10 }, harness.deps());
    // Assert
    expect(page).toEqual({
      segmentId: 'buyers',
      customers: [
        { customerId: 'kim', name: '김민수', email: 'kim@example.kr', phone: '010-1234-5678', orderCount: 2, totalSpent: 50000, lastOrderAt: null, tags: [] },
        { customerId: 'lee', name: '이영희', email: null, phone: null, orderCount: 1, totalSpent: 30000, lastOrderAt: '2026-02-01T01:00:00.000Z', tags: ['vip'] },
      ],
      cursor: null,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { exportSegment } from '../../../lib/segments/export-segment.js';
import { csvRows } from '../../../lib/segments/members-csv.js';
import type { SegmentMember } from '../../../lib/segments/segment-member.js';
import { allPages, profileBudget, segmentHarness } from './segment-harness.js';

const member = (overrides: Partial<SegmentMember>): SegmentMember => ({
  customerId: 'kim', name: null, email: null, phone: null, orderCount: 1, totalSpent: 0, lastOrderAt: null, tags: [], ...overrides,
});

describe('exportSegment', () => {
  it('starts the file with a byte order mark and the header line, one CRLF line per member', async () => {
    // Arrange
    const harness = segmentHarness(0);
    harness.put({ customerId: 'kim', orderCount: 2, totalSpent: 50000, lastOrderAt: '2026-02-01T01:00:00.000Z', traits: { name: '김민수', email: 'kim@example.kr', phone: '010-1234-5678' }, tags: ['new', 'vip'] });
    // Act
    const { csv, cursor } = await exportSegment('shop', await harness.segment(), undefined, harness.deps());
    // Assert
    expect(csv).toBe('\uFEFFcustomerId,name,email,phone,orderCount,totalSpent,lastOrderAt,tags\r\nkim,김민수,kim@example.kr,010-1234-5678,2,50000,2026-02-01T01:00:00.000Z,new;vip\r\n');
    expect(cursor).toBeNull();
  });

  it('gives pages that, put one after the other, are one file with every member once', async () => {
    // Arrange
    const harness = segmentHarness(1000);
    const segment = await harness.segment();
    // Act
    const pages = await allPages((cursor) => exportSegment('shop', segment, cursor, harness.deps(profileBudget(200))));
    // Assert
    const lines = pages.map((page) => page.csv).join('').split('\r\n');
    expect(pages.length).toBeGreaterThan(1);
    expect(lines[0]).toBe('\uFEFFcustomerId,name,email,phone,orderCount,totalSpent,lastOrderAt,tags');
    expect(lines.slice(1, -1)).toHaveLength(334);
    expect(new Set(lines.slice(1, -1).map((line) => line.split(',')[0])).size).toBe(334);
    expect(lines.at(-1)).toBe('');
  });
});

describe('csvRows', () => {
  it('quotes fields with commas, quotes and line breaks as RFC 4180 does', () => {
    // Act
    const csv = csvRows([member({ name: 'Kim, "Minsu"', email: 'a\nb' })]);
    // Assert
    expect(csv).toBe('kim,"Kim, ""Minsu""","a\nb",,1,0,,\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    // Act
    const csv = csvRows([member({ name: '=HYPERLINK("http://evil")', phone: '+82 10-1234-5678', tags: ['@vip'] })]);
    // Assert
    expect(csv).toBe(`kim,"'=HYPERLINK(""http://evil"")",,'+82 10-1234-5678,1,0,,'@vip\r\n`);
  });
});

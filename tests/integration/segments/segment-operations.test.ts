import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSegmentsCommands } from '../../../cli/commands/segments.js';
import { orderCompleted, pageView, TONER } from '../../../infra/local/simulate/segment-messages.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import { countSegment } from '../../../lib/segments/count-segment.js';
import { loadSegment } from '../../../lib/segments/load-segment.js';
import { infoSend, ruleOf } from '../../support/rule-fixtures.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

const AT = '2026-03-01T10:00:00+09:00';
const everyone = ruleOf({ id: 'everyone', kind: 'segment', condition: true });
const buyers = ruleOf({ id: 'buyers', kind: 'segment', condition: { '>=': [{ var: 'profile.orderCount' }, 1] } });
const bigSpenders = ruleOf({ id: 'big-spenders', kind: 'segment', condition: { and: [{ in_segment: 'buyers' }, { '>=': [{ var: 'profile.totalSpent' }, 30000] }] } });
const welcome = ruleOf({ id: 'welcome', kind: 'trigger', on: ['signed_up'], actions: [infoSend()] });

/** 24 customers seg-01…seg-24; every third (seg-03, seg-06, …) ordered, seg-06 and seg-12 twice. */
const CUSTOMERS = Array.from({ length: 24 }, (_, index) => `seg-${String(index + 1).padStart(2, '0')}`);
const BUYERS = CUSTOMERS.filter((_, index) => (index + 1) % 3 === 0);
const BIG_SPENDERS = ['seg-06', 'seg-12'];
/** Profiles read per request: small, so every walk over these customers needs its cursor. */
const SCAN_LIMIT = 5;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ rules: new StaticRuleRepository([everyone, buyers, bigSpenders, welcome]), segmentScanLimit: SCAN_LIMIT });
  const messages = CUSTOMERS.flatMap((userId, index) => [
    { type: 'identify', messageId: `${userId}-id`, userId, timestamp: AT, traits: { name: `고객 ${index + 1}, "VIP"`, email: `${userId}@example.kr`, phone: '010-1234-5678' } },
    ...(BUYERS.includes(userId) ? [orderCompleted(userId, AT, `${userId}-o1`, [TONER])] : []),
    ...(BIG_SPENDERS.includes(userId) ? [orderCompleted(userId, '2026-03-02T10:00:00+09:00', `${userId}-o2`, [TONER])] : []),
  ]);
  // A visitor, and a customer who withdraws: neither is in any segment.
  messages.push({ type: 'page', messageId: 'visitor-1', anonymousId: 'browser-1', timestamp: AT, properties: { path: '/' } } as never);
  messages.push(pageView('seg-gone', AT, '/'), { type: 'track', messageId: 'seg-gone-bye', userId: 'seg-gone', timestamp: '2026-03-02T10:00:00+09:00', event: 'Account Deleted', properties: {} });
  expect((await app.postEvents({ batch: messages })).status).toBe(200);
  await app.drain();
}, 120_000);
afterAll(() => app?.stop());

/** Follows an operation's cursors (JSON answers) until there is none. */
const allPages = async (path: (cursor: string | undefined) => string, init: (cursor: string | undefined) => RequestInit & { json?: unknown } = () => ({})) => {
  const pages: any[] = [];
  let cursor: string | undefined;
  do {
    const response = await app.request(path(cursor), init(cursor));
    expect(response.status).toBe(200);
    const page = await bodyOf(response);
    pages.push(page);
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
};
const withCursor = (path: string, cursor: string | undefined, separator = '?') => (cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);

describe('GET /v1/segments/{id}/count', () => {
  it('counts customers, not visitors nor erased customers, to the same total from its cursors as in one pass', async () => {
    // Arrange
    const segment = await loadSegment(app.workspace, 'everyone', { rules: app.runtime.rules, settings: app.runtime.settings, now: new Date() });
    const onePass = await countSegment(app.workspace, segment, undefined, { customers: app.runtime.customers, profiles: app.runtime.profileReader, budget: () => true });
    // Act
    const pages = await allPages((cursor) => withCursor('/v1/segments/everyone/count', cursor));
    // Assert
    expect(await app.customer('seg-gone')).toBeUndefined();
    expect(onePass).toEqual({ segmentId: 'everyone', count: CUSTOMERS.length, scanned: CUSTOMERS.length, cursor: null });
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toEqual(onePass);
  });

  it('counts a segment that includes another one', async () => {
    // Act
    const pages = await allPages((cursor) => withCursor('/v1/segments/big-spenders/count', cursor));
    // Assert
    expect(pages.at(-1)).toMatchObject({ count: BIG_SPENDERS.length, cursor: null });
  });

  it('answers 404 for a segment not in force, and for a rule that is not a segment, naming it', async () => {
    // Act
    const answers = await Promise.all(['nope', 'welcome'].map(async (id) => {
      const response = await app.request(`/v1/segments/${id}/count`);
      return [response.status, await bodyOf(response)];
    }));
    // Assert
    expect(answers).toEqual([
      [404, { error: 'segment_not_found', message: `No segment "nope" is in force in workspace "${app.workspace}": push rules/nope.json (kind "segment") first.` }],
      [404, { error: 'segment_not_found', message: '"welcome" is a trigger rule, not a segment: segment operations need a rule of kind "segment".' }],
    ]);
  });

  it('answers 400 naming the cursor for one it did not give out', async () => {
    // Act
    const response = await app.request('/v1/segments/everyone/count?cursor=bogus');
    // Assert
    expect(response.status).toBe(400);
    expect(await bodyOf(response)).toMatchObject({ error: 'invalid_request', issues: [{ path: 'cursor', message: expect.stringContaining('is not a cursor this API gave out') }] });
  });
});

describe('GET /v1/segments/{id}/customers', () => {
  it('lists every member once, page by page', async () => {
    // Act
    const pages = await allPages((cursor) => withCursor('/v1/segments/buyers/customers?limit=3', cursor, '&'));
    // Assert
    const customers = pages.flatMap((page) => page.customers);
    expect(customers.map((customer: { customerId: string }) => customer.customerId).sort()).toEqual(BUYERS);
    expect(pages.every((page) => page.customers.length <= 3)).toBe(true);
    expect(customers.find((customer: { customerId: string }) => customer.customerId === 'seg-06')).toEqual({
      customerId: 'seg-06', name: '고객 6, "VIP"', email: 'seg-06@example.kr', phone: '010-1234-5678', orderCount: 2, totalSpent: 30000, lastOrderAt: '2026-03-02T01:00:00.000Z', tags: [],
    });
  });

  it.each(['0', '1001', 'ten'])('answers 400 naming the limit for limit=%s', async (limit) => {
    // Act
    const response = await app.request(`/v1/segments/buyers/customers?limit=${limit}`);
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'limit', message: expect.stringMatching(/^must be (a whole number from 1 to 1000|at most 1000: follow the cursor for more)$/) }]);
  });
});

describe('GET /v1/segments/{id}/customers/{customerId}', () => {
  it('explains why a customer is not in a segment: which sub-conditions held', async () => {
    // Act
    const response = await app.request('/v1/segments/big-spenders/customers/seg-03');
    // Assert
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body).toMatchObject({ segmentId: 'big-spenders', customerId: 'seg-03', inSegment: false });
    expect(body.explanation.children.map((child: { text: string; holds: boolean }) => [child.text, child.holds])).toEqual([
      ['in_segment("buyers")', true],
      ['profile.totalSpent >= 30000', false],
    ]);
  });

  it('answers 404 for a customer it does not know, and for one erased', async () => {
    // Act
    const statuses = await Promise.all(['nobody', 'seg-gone', 'browser-1'].map(async (id) => (await app.request(`/v1/segments/everyone/customers/${id}`)).status));
    // Assert
    expect(statuses).toEqual([404, 404, 404]);
  });
});

describe('GET /v1/segments/{id}/export', () => {
  it('gives CSV pages (cursor in a header, back in the query) that together are one file', async () => {
    // Act
    const pages: Array<{ status: number; type: string | null; csv: string }> = [];
    let cursor: string | undefined;
    do {
      const response = await app.request(withCursor('/v1/segments/buyers/export', cursor));
      pages.push({ status: response.status, type: response.headers.get('content-type'), csv: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) });
      cursor = response.headers.get('x-retain-cursor') ?? undefined;
    } while (cursor !== undefined);
    // Assert
    const lines = pages.map((page) => page.csv).join('').split('\r\n');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((page) => page.status === 200 && page.type === 'text/csv; charset=utf-8')).toBe(true);
    expect(lines[0]).toBe('\uFEFFcustomerId,name,email,phone,orderCount,totalSpent,lastOrderAt,tags');
    expect(lines.slice(1, -1).sort()).toEqual(BUYERS.map((id) => expect.stringMatching(new RegExp(`^${id},"고객 \\d+, ""VIP""",${id}@example\\.kr,010-1234-5678,[12],(15000|30000),`))));
  });

  it('takes the cursor in a header too', async () => {
    // Arrange
    const first = await app.request('/v1/segments/buyers/export');
    const cursor = first.headers.get('x-retain-cursor')!;
    // Act
    const [byHeader, byQuery] = await Promise.all([
      app.request('/v1/segments/buyers/export', { headers: { 'x-retain-cursor': cursor } }),
      app.request(withCursor('/v1/segments/buyers/export', cursor)),
    ]);
    // Assert
    expect(await byHeader.text()).toBe(await byQuery.text());
  });
});

describe('POST /v1/segments/{id}/tag', () => {
  it('tags everyone in the segment and no one else, following its cursor; a repeat changes nothing', async () => {
    // Act
    const tag = () => allPages(() => '/v1/segments/big-spenders/tag', (cursor) => ({ method: 'POST', json: { add: ['vip'], ...(cursor ? { cursor } : {}) } }));
    const first = await tag();
    const second = await tag();
    // Assert
    expect(first.length).toBeGreaterThan(1);
    expect(first.at(-1)).toEqual({ segmentId: 'big-spenders', add: ['vip'], remove: [], tagged: BIG_SPENDERS.length, scanned: CUSTOMERS.length, cursor: null });
    expect(second.at(-1)).toMatchObject({ tagged: BIG_SPENDERS.length, cursor: null });
    const tagged = await Promise.all(CUSTOMERS.map(async (id) => ((await app.customer(id))?.['tags'] as string[]).includes('vip')));
    expect(CUSTOMERS.filter((_, index) => tagged[index])).toEqual(BIG_SPENDERS);
  });

  it('answers 400 naming the field of a body it cannot use', async () => {
    // Act
    const response = await app.request('/v1/segments/buyers/tag', { method: 'POST', json: { add: ['vip'], remove: ['vip'] } });
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'remove[0]', message: '"vip" is also in add: a tag is either added or removed' }]);
  });
});

describe('retain segments, against the local stack', () => {
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const program = new Command().exitOverride();
    registerSegmentsCommands(program, { fetch, out: (text) => out.push(text), env: {} });
    await program.parseAsync(['segments', ...args, '--url', app.url, '--api-key', app.apiKey], { from: 'user' });
    return out.join('');
  };

  it('counts to the end of the cursors', async () => {
    // Act
    const output = await cli('count', 'everyone');
    // Assert
    expect(output).toBe(`${CUSTOMERS.length} customer(s) in everyone (${CUSTOMERS.length} looked at)\n`);
  });

  it('exports the whole segment to one file that starts with a byte order mark', async () => {
    // Arrange
    const file = join(await mkdtemp(join(tmpdir(), 'retain-segments-')), 'buyers.csv');
    // Act
    await cli('export', 'buyers', '--out', file);
    // Assert
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(BUYERS.length + 1);
  });
});

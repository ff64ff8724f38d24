import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSegmentsCommands } from '../../../cli/commands/segments.js';
import { fakeApi, ok, runCommand } from '../../support/fake-api.js';

const csv = (text: string, cursor?: string) => () => new Response(new TextEncoder().encode(text), { headers: { 'content-type': 'text/csv; charset=utf-8', ...(cursor ? { 'x-retain-cursor': cursor } : {}) } });
const member = (customerId: string) => ({ customerId, name: '김민수', email: null, phone: null, orderCount: 1, totalSpent: 15000, lastOrderAt: null, tags: ['vip', 'new'] });

/** Runs `retain segments …` with the fake API; returns what it printed. */
const run = (api: ReturnType<typeof fakeApi>, ...args: string[]) => runCommand(registerSegmentsCommands, api, ['segments', ...args]);

describe('retain segments count', () => {
  it('follows the cursors and prints the whole count', async () => {
    // Arrange
    const api = fakeApi({ 'GET /v1/segments/buyers/count': [ok({ segmentId: 'buyers', count: 3, scanned: 100, cursor: 'c1' }), ok({ segmentId: 'buyers', count: 5, scanned: 180, cursor: null })] });
    // Act
    const output = await run(api, 'count', 'buyers');
    // Assert
    expect(output).toBe('5 customer(s) in buyers (180 looked at)\n');
    expect(api.calls.map((call) => call.path)).toEqual(['/v1/segments/buyers/count', '/v1/segments/buyers/count?cursor=c1']);
  });

  it("fails with the API's message", async () => {
    // Arrange
    const api = fakeApi({ 'GET /v1/segments/nope/count': [() => Response.json({ error: 'segment_not_found', message: 'No segment "nope" is in force.' }, { status: 404 })] });
    // Act
    const running = run(api, 'count', 'nope');
    // Assert
    await expect(running).rejects.toThrow('GET /v1/segments/nope/count: 404 No segment "nope" is in force.');
  });
});

describe('retain segments list', () => {
  it('asks for no more than --limit, across pages, and says when there are more', async () => {
    // Arrange
    const api = fakeApi({
      'GET /v1/segments/buyers/customers': [ok({ segmentId: 'buyers', customers: [member('a'), member('b')], cursor: 'c1' }), ok({ segmentId: 'buyers', customers: [member('c')], cursor: 'c2' })],
    });
    // Act
    const output = await run(api, 'list', 'buyers', '--limit', '3');
    // Assert
    expect(api.calls.map((call) => call.path)).toEqual(['/v1/segments/buyers/customers?limit=3', '/v1/segments/buyers/customers?limit=1&cursor=c1']);
    expect(output).toBe(
      'customerId\tname\temail\tphone\torderCount\ttotalSpent\tlastOrderAt\ttags\n' +
        ['a', 'b', 'c'].map((id) => `${id}\t김민수\t\t\t1\t15000\t\tvip;new\n`).join('') +
        '# 3 shown; more with --limit or --all\n',
    );
  });

  it('with --all, follows the cursors to the end, a thousand at a time', async () => {
    // Arrange
    const api = fakeApi({
      'GET /v1/segments/buyers/customers': [ok({ segmentId: 'buyers', customers: [member('a')], cursor: 'c1' }), ok({ segmentId: 'buyers', customers: [member('b')], cursor: null })],
    });
    // Act
    const output = await run(api, 'list', 'buyers', '--all');
    // Assert
    expect(api.calls.map((call) => call.path)).toEqual(['/v1/segments/buyers/customers?limit=1000', '/v1/segments/buyers/customers?limit=1000&cursor=c1']);
    expect(output.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('refuses a --limit that is not a whole number', async () => {
    // Act
    const running = run(fakeApi({}), 'list', 'buyers', '--limit', '0');
    // Assert
    await expect(running).rejects.toThrow(/--limit <n>' argument '0' is invalid\. must be a whole number of at least 1/);
  });
});

describe('retain segments export', () => {
  it('writes every page to the file, byte order mark included', async () => {
    // Arrange
    const out = join(await mkdtemp(join(tmpdir(), 'retain-export-')), 'buyers.csv');
    const api = fakeApi({ 'GET /v1/segments/buyers/export': [csv('\uFEFFcustomerId,name\r\na,김민수\r\n', 'c1'), csv('b,이영희\r\n')] });
    // Act
    const output = await run(api, 'export', 'buyers', '--out', out);
    // Assert
    expect(output).toBe('');
    expect(api.calls.map((call) => call.path)).toEqual(['/v1/segments/buyers/export', '/v1/segments/buyers/export?cursor=c1']);
    expect(await readFile(out)).toEqual(Buffer.from('\uFEFFcustomerId,name\r\na,김민수\r\nb,이영희\r\n', 'utf8'));
  });

  it('prints to standard output without --out', async () => {
    // Arrange
    const api = fakeApi({ 'GET /v1/segments/buyers/export': [csv('\uFEFFcustomerId\r\na\r\n')] });
    // Act
    const output = await run(api, 'export', 'buyers');
    // Assert
    expect(output).toBe('\uFEFFcustomerId\r\na\r\n');
  });
});

describe('retain segments tag', () => {
  it('sends the tags with each cursor until the segment is done', async () => {
    // Arrange
    const report = { segmentId: 'vip', add: ['vip', 'gold'], remove: ['old'], scanned: 50 };
    const api = fakeApi({ 'POST /v1/segments/vip/tag': [ok({ ...report, tagged: 4, cursor: 'c1' }), ok({ ...report, tagged: 7, cursor: null })] });
    // Act
    const output = await run(api, 'tag', 'vip', '--add', 'vip, gold', '--remove', 'old');
    // Assert
    expect(api.calls.map((call) => call.body)).toEqual([
      { add: ['vip', 'gold'], remove: ['old'] },
      { add: ['vip', 'gold'], remove: ['old'], cursor: 'c1' },
    ]);
    expect(output).toBe('tagged 7 customer(s) of vip (+vip +gold -old; 50 looked at)\n');
  });

  it("shows the API's field problems", async () => {
    // Arrange
    const api = fakeApi({ 'POST /v1/segments/vip/tag': [() => Response.json({ error: 'invalid_request', message: 'The request is not valid.', issues: [{ path: 'add', message: 'needs a tag to add or remove' }] }, { status: 400 })] });
    // Act
    const running = run(api, 'tag', 'vip');
    // Assert
    await expect(running).rejects.toThrow('POST /v1/segments/vip/tag: 400 The request is not valid.\n  add: needs a tag to add or remove');
  });
});

describe('retain segments explain', () => {
  it('prints the verdict and the conditions', async () => {
    // Arrange
    const explanation = { path: '', text: 'profile.orderCount >= 1', value: false, holds: false, condition: true, children: [{ path: '>=[0]', text: 'profile.orderCount', value: 0, holds: false, condition: false, children: [] }] };
    const api = fakeApi({ 'GET /v1/segments/buyers/customers/kim%201': [ok({ segmentId: 'buyers', customerId: 'kim 1', inSegment: false, explanation })] });
    // Act
    const output = await run(api, 'explain', 'buyers', 'kim 1');
    // Assert
    expect(output).toBe('kim 1 is not in buyers\n  ✗ profile.orderCount >= 1\n    profile.orderCount = 0\n');
  });
});

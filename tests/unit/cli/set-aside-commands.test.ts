import { describe, expect, it } from 'vitest';
import { registerSetAsideCommands } from '../../../cli/commands/set-aside.js';
import { fakeApi, ok, runCommand } from '../../support/fake-api.js';

const entry = (id: string, failures: unknown[] = [{ reason: 'RangeError: Invalid time value' }]) => ({
  id,
  consumer: 'evaluate',
  workspace: 'demo',
  customerId: 'kim-1',
  recordId: `ev-${id}`,
  recordType: 'signed_up',
  occurredAt: '2026-03-02T01:00:00.000Z',
  failures,
  firstSetAsideAt: '2026-03-02T01:00:01.000Z',
  setAsideAt: '2026-03-02T01:00:01.000Z',
  times: 1,
  replayRequestedAt: null,
});

/** Runs `retain set-aside …` with the fake API; returns what it printed. */
const run = (api: ReturnType<typeof fakeApi>, ...args: string[]) => runCommand(registerSetAsideCommands, api, ['set-aside', ...args]);

describe('retain set-aside list', () => {
  it('prints each entry with its id and reasons, following the cursors', async () => {
    // Arrange
    const api = fakeApi({
      'GET /v1/set-aside': [ok({ entries: [entry('a')], cursor: 'c1' }), ok({ entries: [entry('b', [{ ruleId: 'vip', ruleVersion: 2, reason: 'rule "vip" v2: audience cannot be evaluated' }])], cursor: null })],
    });
    // Act
    const output = await run(api, 'list');
    // Assert
    expect(output).toBe(
      'a  evaluate  kim-1  signed_up  2026-03-02T01:00:00.000Z  1×  2026-03-02T01:00:01.000Z\n    RangeError: Invalid time value\n' +
        'b  evaluate  kim-1  signed_up  2026-03-02T01:00:00.000Z  1×  2026-03-02T01:00:01.000Z\n    vip v2: rule "vip" v2: audience cannot be evaluated\n',
    );
    expect(api.calls.map((call) => call.path)).toEqual(['/v1/set-aside?limit=100', '/v1/set-aside?limit=99&cursor=c1']);
  });
});

describe('retain set-aside replay', () => {
  it('replays the named entries and names those not found', async () => {
    // Arrange
    const api = fakeApi({ 'POST /v1/set-aside/replay': [ok({ replayed: ['a'], missing: ['zz'] })] });
    // Act
    const output = await run(api, 'replay', 'a', 'zz');
    // Assert
    expect(output).toBe("replayed 1 record(s); not found (gone, or not this workspace's): zz\n");
    expect(api.calls).toEqual([{ method: 'POST', path: '/v1/set-aside/replay', body: { ids: ['a', 'zz'] } }]);
  });

  it('with --all, replays every listed entry', async () => {
    // Arrange
    const api = fakeApi({ 'GET /v1/set-aside': [ok({ entries: [entry('a'), entry('b')], cursor: null })], 'POST /v1/set-aside/replay': [ok({ replayed: ['a', 'b'], missing: [] })] });
    // Act
    const output = await run(api, 'replay', '--all');
    // Assert
    expect(output).toBe('replayed 2 record(s)\n');
    expect(api.calls[1]).toEqual({ method: 'POST', path: '/v1/set-aside/replay', body: { ids: ['a', 'b'] } });
  });

  it('refuses ids together with --all', async () => {
    // Act
    const running = run(fakeApi({}), 'replay', 'a', '--all');
    // Assert
    await expect(running).rejects.toThrow('name the entries to replay, or --all (not both)');
  });
});

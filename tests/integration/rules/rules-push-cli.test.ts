import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRulesCommands } from '../../../cli/commands/rules.js';
import { ruleFolder, runCli } from '../../support/rule-folder.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const push = (cwd: string, ...files: string[]) => runCli(registerRulesCommands, cwd, ['rules', 'push', '--url', app.url, '--api-key', app.apiKey, ...files]);

describe('retain rules push', () => {
  it('pushes segments before the rules that include them, and a repeated push changes nothing', async () => {
    // Arrange: vip-tagging sorts before vip, and needs it.
    const folder = ruleFolder('vip', 'vip-tagging');
    // Act
    const first = await push(folder.cwd);
    const again = await push(folder.cwd);
    // Assert
    expect(first).toMatchObject({ exitCode: 0, out: 'rules/vip.json: created v1\nrules/vip-tagging.json: created v1\n' });
    expect(again).toMatchObject({ exitCode: 0, out: 'rules/vip.json: unchanged (v1)\nrules/vip-tagging.json: unchanged (v1)\n' });
  });

  it('pushes a raised version as a new one, and keeps the history', async () => {
    // Arrange
    const folder = ruleFolder('dormant');
    await push(folder.cwd);
    const rule = folder.read('rules/dormant.json');
    folder.write('rules/dormant.json', { ...rule, version: 2, description: '휴면 (바뀜)' });
    // Act
    const { out, exitCode } = await push(folder.cwd, 'rules/dormant.json');
    // Assert
    expect({ out, exitCode }).toEqual({ out: 'rules/dormant.json: created v2 (was v1)\n', exitCode: 0 });
    expect((await bodyOf(await app.request('/v1/rules/dormant/versions'))).versions.map((stored: { rule: { version: number } }) => stored.rule.version)).toEqual([2, 1]);
  });

  it('reports a changed rule whose version was not raised as a conflict, and exits 1', async () => {
    // Arrange
    const folder = ruleFolder('win-back', 'winback-not-sent');
    await push(folder.cwd);
    const rule = folder.read('rules/win-back.json');
    folder.write('rules/win-back.json', { ...rule, priority: rule.priority + 1 });
    // Act
    const { out, err, exitCode } = await push(folder.cwd, 'rules/win-back.json');
    // Assert
    expect(exitCode).toBe(1);
    expect(out).toMatch(/^rules\/win-back\.json: conflict\n {2}rules\/win-back\.json: version: 1 is not above the pushed version 1 \(.*\), which says something else — set "version": 2\n$/);
    expect(err).toBe('1 rule of 1 not pushed\n');
  });

  it('pushes nothing when a file is invalid', async () => {
    // Arrange
    const folder = ruleFolder('members-never-ordered', 'welcome-coupon');
    folder.write('rules/members-never-ordered.json', { ...folder.read('rules/members-never-ordered.json'), condition: { has_tags: 'x' } });
    // Act
    const { err, exitCode } = await push(folder.cwd);
    const stored = await app.request('/v1/rules/welcome-coupon');
    // Assert
    expect({ err, exitCode }).toEqual({ err: '1 error in 2 rule files — nothing pushed\n', exitCode: 1 });
    expect(stored.status).toBe(404);
  });
});

import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRules } from '../../../infra/local/seed-rules.js';
import { isRuleFileName } from '../../../lib/rules/rule-files.js';
import { ruleFolder } from '../../support/rule-folder.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

let sequence = 0;
/** Seeds a workspace of its own per test from the rules/ in `cwd`. */
const seed = (cwd: string, workspace = `seed-${(sequence += 1)}`) =>
  seedRules(workspace, { cwd, push: (input) => app.runtime.pushRule(input), store: app.runtime.ruleStore, pushedAt: '2026-03-02T01:00:00.000Z' });

describe('seeding a workspace with the rule library (npm start)', () => {
  it('pushes every rule of the library, and a second start finds them unchanged', async () => {
    // Arrange
    const library = readdirSync('rules').filter(isRuleFileName).length;
    // Act
    const first = await seed('.', 'seed-library');
    const second = await seed('.', 'seed-library');
    // Assert
    expect(first).toEqual({ inForce: library, created: library, keptNewer: [] });
    expect(second).toEqual({ inForce: library, created: 0, keptNewer: [] });
  });

  it('stops at an invalid library file with its validation message on one line', async () => {
    // Arrange
    const folder = ruleFolder('vip', 'dormant');
    folder.write('rules/vip.json', { ...folder.read('rules/vip.json'), condition: { and: [true, { has_tags: 'vip' }] } });
    // Act + Assert
    await expect(seed(folder.cwd)).rejects.toThrow(/^rules\/vip\.json: condition\.and\[1\]: unknown operator "has_tags" — did you mean "has_tag"\?$/);
  });

  it('stops at a changed rule whose version was not raised', async () => {
    // Arrange
    const folder = ruleFolder('dormant');
    const workspace = 'seed-changed';
    await seed(folder.cwd, workspace);
    folder.write('rules/dormant.json', { ...folder.read('rules/dormant.json'), priority: 99 });
    // Act + Assert
    await expect(seed(folder.cwd, workspace)).rejects.toThrow(/^rules\/dormant\.json: version: 1 is not above the pushed version 1 .* — set "version": 2$/);
  });

  it('keeps a newer version pushed since, and says so', async () => {
    // Arrange
    const folder = ruleFolder('dormant');
    const workspace = 'seed-newer';
    await seed(folder.cwd, workspace);
    await app.runtime.pushRule({ workspace, ruleId: 'dormant', body: { ...folder.read('rules/dormant.json'), version: 3, priority: 99 }, pushedAt: '2026-03-03T01:00:00.000Z' });
    // Act
    const seeded = await seed(folder.cwd, workspace);
    // Assert
    expect(seeded).toEqual({ inForce: 1, created: 0, keptNewer: ['dormant v3'] });
  });
});

import { describe, expect, it } from 'vitest';
import { pushRule, type PushRuleInput } from '../../../lib/rules/push-rule.js';
import { formatRuleIssue } from '../../../lib/rules/rule-issue.js';
import { RuleSchema, type Rule } from '../../../lib/rules/rule-schema.js';
import { RULE_ACTION_CHECKS } from '../../../lib/sends/message-template-check.js';
import { InMemoryRuleStore } from '../../support/in-memory-rule-store.js';

const WS = 'shop';
const AT = '2026-03-02T01:00:00.000Z';
const send = (text: string) => ({ type: 'send', channel: 'sms', purpose: 'info', message: { text } });
const welcome = (fields: Record<string, unknown> = {}) => ({
  $schema: './rule.schema.json', id: 'welcome', version: 1, description: '가입 환영', kind: 'trigger', on: ['signed_up'], actions: [send('가입을 환영합니다')], ...fields,
});
const push = (store: InMemoryRuleStore, body: Record<string, unknown>, input: Partial<PushRuleInput> = {}) =>
  pushRule({ workspace: WS, ruleId: String(body['id']), body, pushedAt: AT, ...input }, { store, actionChecks: RULE_ACTION_CHECKS });

describe('pushRule', () => {
  it('stores a new rule as its active version, without the $schema line', async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    // Act
    const outcome = await push(store, welcome());
    // Assert
    expect(outcome).toMatchObject({ status: 'created', rule: { id: 'welcome', version: 1 }, issues: [] });
    expect(outcome).not.toHaveProperty('previousVersion');
    expect(await store.activeRule(WS, 'welcome')).toEqual({ rule: expect.not.objectContaining({ $schema: expect.anything() }), pushedAt: AT });
  });

  it('makes a higher version active, keeps the older one and names it', async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    await push(store, welcome());
    // Act
    const outcome = await push(store, welcome({ version: 2, priority: 80 }), { pushedAt: '2026-03-03T01:00:00.000Z' });
    // Assert
    expect(outcome).toMatchObject({ status: 'created', previousVersion: 1, rule: { version: 2, priority: 80 } });
    expect((await store.versions(WS, 'welcome')).map((stored) => stored.rule.version)).toEqual([2, 1]);
  });

  it('answers unchanged to a repeated push, whatever its version number and $schema', async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    await push(store, welcome());
    const { $schema: _schema, ...withoutSchema } = welcome({ version: 7 });
    // Act
    const again = await push(store, welcome());
    const renumbered = await push(store, withoutSchema);
    // Assert
    expect([again.status, renumbered.status]).toEqual(['unchanged', 'unchanged']);
    expect(await store.versions(WS, 'welcome')).toHaveLength(1);
  });

  it('refuses an invalid rule with the located messages of `rules validate`, and stores nothing', async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    // Act
    const outcome = await push(store, welcome({ audience: { and: [true, { has_tags: 'vip' }] } }));
    // Assert
    expect(outcome.status).toBe('invalid');
    expect(outcome.issues.map(formatRuleIssue)).toEqual(['rules/welcome.json: audience.and[1]: unknown operator "has_tags" — did you mean "has_tag"?']);
    expect(await store.activeRule(WS, 'welcome')).toBeUndefined();
  });

  it('refuses a body that is another rule than the one pushed', async () => {
    // Act
    const outcome = await push(new InMemoryRuleStore(), welcome(), { ruleId: 'goodbye' });
    // Assert
    expect(outcome.issues.map(formatRuleIssue)).toEqual(['rules/goodbye.json: id: "welcome" is not the rule pushed here ("goodbye") — set "id": "goodbye" or push it as welcome']);
  });

  it('refuses a template variable that may be missing and has no default — at push time', async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    // Act
    const outcome = await push(store, welcome({ actions: [send('{{ profile.traits.name }}님, 환영합니다')] }));
    // Assert
    expect(outcome.status).toBe('invalid');
    expect(outcome.issues.map(formatRuleIssue)).toEqual([
      'rules/welcome.json: actions[0].message.text: {{ profile.traits.name }} may be missing for some customers: add a fallback, e.g. {{ profile.traits.name | default: "…" }}',
    ]);
  });

  it("checks references against the workspace's other active rules", async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    const vipWelcome = welcome({ audience: { in_segment: 'vip' } });
    // Act
    const before = await push(store, vipWelcome);
    await push(store, { id: 'vip', version: 1, description: 'VIP', kind: 'segment', condition: { '>=': [{ var: 'profile.totalSpent' }, 1_000_000] } });
    const after = await push(store, vipWelcome);
    // Assert
    expect(before.issues.map(formatRuleIssue)).toEqual(['rules/welcome.json: audience.in_segment: segment "vip" is not defined — add rules/vip.json (kind "segment") or fix the id']);
    expect(after.status).toBe('created');
  });

  it('is a conflict when a different rule comes with a version that is not above the active one', async () => {
    // Arrange
    const store = new InMemoryRuleStore();
    await push(store, welcome({ version: 3 }));
    // Act
    const outcome = await push(store, welcome({ version: 3, priority: 90 }));
    // Assert
    expect(outcome).toMatchObject({ status: 'conflict', activeVersion: 3 });
    expect(outcome.issues.map(formatRuleIssue)).toEqual([`rules/welcome.json: version: 3 is not above the pushed version 3 (${AT}), which says something else — set "version": 4`]);
    expect((await store.activeRule(WS, 'welcome'))?.rule.priority).toBe(50);
  });

  describe('racing another push of the same version', () => {
    /** A store in which `other` lands between the push's read and its write. */
    class RacedStore extends InMemoryRuleStore {
      constructor(private readonly other: Rule) {
        super();
      }
      override async save(workspace: string, rule: Rule, pushedAt: string): Promise<'saved' | 'conflict'> {
        await super.save(workspace, this.other, pushedAt);
        return super.save(workspace, rule, pushedAt);
      }
    }
    const rule = (fields: Record<string, unknown> = {}) => RuleSchema.parse(welcome(fields));

    it('is unchanged when the other push stored the same rule', async () => {
      // Act
      const outcome = await push(new RacedStore(rule()), welcome());
      // Assert
      expect(outcome.status).toBe('unchanged');
    });

    it('is a conflict when the other push stored something else', async () => {
      // Act
      const outcome = await push(new RacedStore(rule({ priority: 90 })), welcome());
      // Assert
      expect(outcome).toMatchObject({ status: 'conflict', activeVersion: 1 });
    });
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RuleStore } from '../../lib/rules/rule-store.js';
import { ruleOf } from './rule-fixtures.js';

const segment = (id: string, version: number, condition: unknown = true) => ruleOf({ id, version, kind: 'segment', condition });

/**
 * What every RuleStore does, run against the DynamoDB adapter (integration) and the
 * in-memory fake (unit), so that the fake the use-case tests rely on behaves like the real one.
 */
export const describeRuleStoreContract = (name: string, store: () => RuleStore): void => {
  describe(`${name} (the RuleStore contract)`, () => {
    /** A workspace of its own per test. */
    const workspace = () => `ws-${randomUUID().slice(0, 8)}`;

    it('makes a saved version the active one, and keeps every version, newest first', async () => {
      // Arrange
      const ws = workspace();
      // Act
      await store().save(ws, segment('vip', 1), '2026-03-01T00:00:00.000Z');
      await store().save(ws, segment('vip', 3, false), '2026-03-02T00:00:00.000Z');
      // Assert
      expect(await store().activeRule(ws, 'vip')).toEqual({ rule: segment('vip', 3, false), pushedAt: '2026-03-02T00:00:00.000Z' });
      expect((await store().versions(ws, 'vip')).map((stored) => stored.rule.version)).toEqual([3, 1]);
    });

    it('refuses a version that is not above the active one, and changes nothing', async () => {
      // Arrange
      const ws = workspace();
      await store().save(ws, segment('vip', 2), '2026-03-01T00:00:00.000Z');
      // Act
      const same = await store().save(ws, segment('vip', 2, false), '2026-03-02T00:00:00.000Z');
      const lower = await store().save(ws, segment('vip', 1, false), '2026-03-02T00:00:00.000Z');
      // Assert
      expect([same, lower]).toEqual(['conflict', 'conflict']);
      expect(await store().activeRule(ws, 'vip')).toEqual({ rule: segment('vip', 2), pushedAt: '2026-03-01T00:00:00.000Z' });
      expect(await store().versions(ws, 'vip')).toHaveLength(1);
    });

    it("lists the active version of each of the workspace's rules, and only that workspace's", async () => {
      // Arrange
      const [ws, other] = [workspace(), workspace()];
      await store().save(ws, segment('vip', 1), '2026-03-01T00:00:00.000Z');
      await store().save(ws, segment('vip', 2), '2026-03-02T00:00:00.000Z');
      await store().save(ws, ruleOf({ id: 'dormant', kind: 'segment', condition: true, enabled: false }), '2026-03-01T00:00:00.000Z');
      await store().save(other, segment('other', 1), '2026-03-01T00:00:00.000Z');
      // Act
      const active = await store().activeRules(ws);
      // Assert
      expect(active.map((stored) => `${stored.rule.id}@${stored.rule.version}`).sort()).toEqual(['dormant@1', 'vip@2']);
    });

    it('knows nothing of a rule never pushed', async () => {
      // Act + Assert
      expect(await store().activeRule(workspace(), 'nothing')).toBeUndefined();
      expect(await store().versions(workspace(), 'nothing')).toEqual([]);
    });

    it('lets exactly one of two concurrent pushes of the same version win', async () => {
      // Arrange
      const ws = workspace();
      await store().save(ws, segment('vip', 1), '2026-03-01T00:00:00.000Z');
      // Act
      const outcomes = await Promise.all([
        store().save(ws, segment('vip', 2, 'first'), '2026-03-02T00:00:00.000Z'),
        store().save(ws, segment('vip', 2, 'second'), '2026-03-02T00:00:00.000Z'),
      ]);
      // Assert
      expect([...outcomes].sort()).toEqual(['conflict', 'saved']);
      const winner = outcomes[0] === 'saved' ? 'first' : 'second';
      expect((await store().activeRule(ws, 'vip'))?.rule).toMatchObject({ version: 2, condition: winner });
      expect((await store().versions(ws, 'vip')).map((stored) => stored.rule.version)).toEqual([2, 1]);
    });
  });
};

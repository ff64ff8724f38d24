import type { Rule } from '../../lib/rules/rule-schema.js';
import type { RuleStore, StoredRule } from '../../lib/rules/rule-store.js';

/** Rule versions in memory, with the DynamoDB store's conditions: a new version above the active one, or nothing. */
export class InMemoryRuleStore implements RuleStore {
  /** Versions by workspace and rule id, oldest first. */
  private readonly rules = new Map<string, Map<string, StoredRule[]>>();

  async activeRules(workspace: string): Promise<StoredRule[]> {
    return [...(this.rules.get(workspace)?.values() ?? [])].map((versions) => structuredClone(latest(versions)!));
  }

  async activeRule(workspace: string, ruleId: string): Promise<StoredRule | undefined> {
    const active = latest(this.rules.get(workspace)?.get(ruleId) ?? []);
    return active && structuredClone(active);
  }

  async versions(workspace: string, ruleId: string): Promise<StoredRule[]> {
    return structuredClone([...(this.rules.get(workspace)?.get(ruleId) ?? [])].reverse());
  }

  async save(workspace: string, rule: Rule, pushedAt: string): Promise<'saved' | 'conflict'> {
    const byId = this.rules.get(workspace) ?? new Map<string, StoredRule[]>();
    const versions = byId.get(rule.id) ?? [];
    if (versions.some((stored) => stored.rule.version >= rule.version)) return 'conflict';
    byId.set(rule.id, [...versions, structuredClone({ rule, pushedAt })]);
    this.rules.set(workspace, byId);
    return 'saved';
  }
}

const latest = (versions: readonly StoredRule[]): StoredRule | undefined => versions[versions.length - 1];

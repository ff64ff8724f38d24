import type { Rule } from './rule-schema.js';
import type { RuleStore } from './rule-store.js';

/** Where the rules in force come from (the table's active versions in production). */
export interface RuleRepository {
  /** The enabled, active version of every rule of the workspace. */
  activeRules(workspace: string): Promise<Rule[]>;
}

/** The rules pushed to the store (the table, deployed and locally): the active version of each. */
export class StoredRuleRepository implements RuleRepository {
  constructor(private readonly store: RuleStore) {}

  async activeRules(workspace: string): Promise<Rule[]> {
    return (await this.store.activeRules(workspace)).map((stored) => stored.rule).filter((rule) => rule.enabled);
  }
}

/** Rules held in memory: tests that bring their own rules. */
export class StaticRuleRepository implements RuleRepository {
  constructor(private readonly rules: readonly Rule[]) {}

  async activeRules(): Promise<Rule[]> {
    return this.rules.filter((rule) => rule.enabled);
  }
}

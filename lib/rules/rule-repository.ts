import type { Rule } from './rule-schema.js';

/** Where the rules in force come from (the table's active versions in production). */
export interface RuleRepository {
  /** The enabled, active version of every rule of the workspace. */
  activeRules(workspace: string): Promise<Rule[]>;
}

/** Rules held in memory: tests, and the local harness before rules are pushed. */
export class StaticRuleRepository implements RuleRepository {
  constructor(private readonly rules: readonly Rule[]) {}

  async activeRules(): Promise<Rule[]> {
    return this.rules.filter((rule) => rule.enabled);
  }
}

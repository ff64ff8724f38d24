import type { Rule } from './rule-schema.js';

/** A pushed version of a rule. */
export interface StoredRule {
  readonly rule: Rule;
  readonly pushedAt: string;
}

/**
 * The port rule versions are kept through: every pushed version, immutable, and one active
 * version per rule (the latest). `save` must refuse a version that is not higher than the
 * active one, atomically, so that two pushes of the same version cannot both win.
 */
export interface RuleStore {
  /** The active version of every rule of the workspace, disabled ones included. */
  activeRules(workspace: string): Promise<StoredRule[]>;
  activeRule(workspace: string, ruleId: string): Promise<StoredRule | undefined>;
  /** Every pushed version, newest first. */
  versions(workspace: string, ruleId: string): Promise<StoredRule[]>;
  /** Stores `rule` as a new version and makes it active; `conflict` when its version is not above the active one. */
  save(workspace: string, rule: Rule, pushedAt: string): Promise<'saved' | 'conflict'>;
}

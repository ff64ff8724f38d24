import { checkRuleFiles } from '../../lib/rules/check-rule-files.js';
import type { PushOutcome, PushRuleInput } from '../../lib/rules/push-rule.js';
import { formatRuleIssue, type RuleIssue } from '../../lib/rules/rule-issue.js';
import type { RuleStore } from '../../lib/rules/rule-store.js';
import { referencedFirst } from '../../lib/rules/segment-references.js';
import { RULE_ACTION_CHECKS } from '../../lib/sends/message-template-check.js';
import { LocalStackError } from './local-stack-error.js';

export interface SeedRulesOptions {
  /** The folder that holds rules/. */
  cwd: string;
  push: (input: PushRuleInput) => Promise<PushOutcome>;
  store: RuleStore;
  pushedAt: string;
}

export interface SeededRules {
  /** Enabled rules of the workspace after seeding. */
  inForce: number;
  created: number;
  /** Rules of which the table holds a newer version than the library (pushed since): kept. */
  keptNewer: string[];
}

/** The first error, and how many more there are, in one line. */
const oneLine = (issues: readonly RuleIssue[]): string => {
  const errors = issues.filter((issue) => issue.severity === 'error');
  return `${formatRuleIssue(errors[0]!)}${errors.length > 1 ? ` (and ${errors.length - 1} more: npx retain rules validate)` : ''}`;
};

/**
 * Seeds a workspace with the rule library in rules/, the way `rules push` would: validated as
 * a set, then pushed segments first. A rule already stored is unchanged; a newer version in
 * the table (pushed since) is kept. An invalid file, or a changed one whose version was not
 * raised, stops with its message.
 */
export const seedRules = async (workspace: string, options: SeedRulesOptions): Promise<SeededRules> => {
  const library = checkRuleFiles([], { cwd: options.cwd, actionChecks: RULE_ACTION_CHECKS, examples: false });
  if (library.issues.some((issue) => issue.severity === 'error')) throw new LocalStackError(oneLine(library.issues));
  let created = 0;
  const keptNewer: string[] = [];
  for (const { file, rule } of referencedFirst(library.valid, (entry) => entry.rule)) {
    const body = JSON.parse(library.files.find((entry) => entry.file === file)!.text) as unknown;
    const outcome = await options.push({ workspace, ruleId: rule.id, body, pushedAt: options.pushedAt });
    if (outcome.status === 'created') created += 1;
    else if (outcome.status === 'conflict' && outcome.activeVersion > rule.version) keptNewer.push(`${rule.id} v${outcome.activeVersion}`);
    else if (outcome.status !== 'unchanged') throw new LocalStackError(oneLine(outcome.issues));
  }
  const inForce = (await options.store.activeRules(workspace)).filter((stored) => stored.rule.enabled).length;
  return { inForce, created, keptNewer };
};

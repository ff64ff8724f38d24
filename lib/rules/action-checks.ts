import type { RuleIssueDraft } from './rule-issue.js';
import type { Action, Rule } from './rule-schema.js';

/**
 * A check of one action of a rule, beyond its schema: `path` is where the action is in the
 * file (`actions[0]`), for the issues it returns. The validator runs every check in
 * ACTION_CHECKS on every action; the message templates' check plugs in from lib/sends
 * (RULE_ACTION_CHECKS in lib/sends/message-template-check.ts).
 */
export type ActionCheck = (action: Action, path: string, rule: Rule) => RuleIssueDraft[];

/** Variants are told apart by id in results and attribution. */
export const distinctVariantIds: ActionCheck = (action, path) => {
  if (action.type !== 'send' || action.variants === undefined) return [];
  const ids = action.variants.map((variant) => variant.id);
  return ids.flatMap((id, index) => (ids.indexOf(id) === index ? [] : [{ path: `${path}.variants[${index}].id`, message: `"${id}" is already the id of variants[${ids.indexOf(id)}] — variant ids must differ` }]));
};

/** A tag both added and removed by one action ends up added: probably a mistake. */
export const tagsAddedOrRemoved: ActionCheck = (action, path) =>
  action.type !== 'tag'
    ? []
    : action.remove.filter((tag) => action.add.includes(tag)).map((tag) => ({ path: `${path}.remove`, message: `"${tag}" is both added and removed — the tag ends up added`, severity: 'warning' as const }));

export const ACTION_CHECKS: readonly ActionCheck[] = [distinctVariantIds, tagsAddedOrRemoved];

/** Every check on every action of the rule. */
export function actionIssues(rule: Rule, checks: readonly ActionCheck[] = ACTION_CHECKS): RuleIssueDraft[] {
  if (rule.kind === 'segment') return [];
  return rule.actions.flatMap((action, index) => checks.flatMap((check) => check(action, `actions[${index}]`, rule)));
}

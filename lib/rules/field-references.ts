import { CanonicalEventSchema } from '../events/canonical-event.js';
import { closestName } from './closest-name.js';
import { DATA_ROOTS, unknownProfileField } from './data-fields.js';
import { walkLogic } from './logic-walk.js';
import { joinPath, type RuleIssueDraft } from './rule-issue.js';
import { logicFields } from './rule-logic.js';
import type { Rule } from './rule-schema.js';
import { staticVarPath } from './var-paths.js';

/** The top-level fields of the canonical events of these types. */
function eventFieldNames(types: readonly string[]): string[] {
  const options = CanonicalEventSchema.options.filter((option) => types.includes(option.shape.type.value));
  return [...new Set(options.flatMap((option) => Object.keys(option.shape)))];
}

/**
 * Warnings for `var`s that read nothing: a misspelt profile field, an unknown top-level
 * name, or `event` where a rule is evaluated without one (segments, scheduled rules). They
 * are warnings, not errors — the rule still runs, the field just reads as null.
 */
export function fieldIssues(rule: Rule): RuleIssueDraft[] {
  const eventFields = rule.kind === 'trigger' ? eventFieldNames(rule.on) : [];
  return logicFields(rule).flatMap(({ field, logic }) =>
    [...walkLogic(logic)].flatMap((node): RuleIssueDraft[] => {
      if (node.op !== 'var' || node.scoped) return [];
      const path = staticVarPath(node.args[0]);
      if (path?.kind !== 'path') return [];
      const at = joinPath(field, joinPath(node.path, node.listed ? 'var[0]' : 'var'));
      const message = problem(rule, path.segments, eventFields);
      return message === undefined ? [] : [{ path: at, message, severity: 'warning' }];
    }),
  );
}

function problem(rule: Rule, segments: readonly string[], eventFields: readonly string[]): string | undefined {
  const [root = '', first, ...rest] = segments;
  if (!(DATA_ROOTS as readonly string[]).includes(root)) {
    const suggestion = closestName(root, DATA_ROOTS);
    return `unknown field "${segments.join('.')}" — rules read ${suggestion === undefined ? 'profile.…, event.…, now and timeZone' : `"${suggestion}…", did you mean "${[suggestion, first, ...rest].filter((part) => part !== undefined).join('.')}"?`}`;
  }
  if (root === 'profile' && first !== undefined) return unknownProfileField(segments.slice(1));
  if (root !== 'event') return undefined;
  if (rule.kind !== 'trigger') return `${rule.kind === 'segment' ? 'a segment' : 'a scheduled rule'} is evaluated without an event — "${segments.join('.')}" is always null here`;
  if (first === undefined || eventFields.includes(first)) return undefined;
  const suggestion = closestName(first, eventFields);
  const hint = suggestion === undefined ? ` (fields: ${eventFields.join(', ')})` : ` — did you mean "event.${suggestion}"?`;
  return `"${rule.on.join('", "')}" events have no field "${first}"${hint}`;
}

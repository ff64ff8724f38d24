import type { Rule } from './rule-schema.js';

/** The JSON Logic fields of a rule, by field name: what the compiler, validator and explainer read. */
export function logicFields(rule: Rule): Array<{ field: string; logic: unknown }> {
  switch (rule.kind) {
    case 'segment':
      return [{ field: 'condition', logic: rule.condition }];
    case 'trigger':
      return [{ field: 'audience', logic: rule.audience }, ...(rule.occurrence === undefined ? [] : [{ field: 'occurrence', logic: rule.occurrence }])];
    case 'scheduled':
      return [{ field: 'audience', logic: rule.audience }];
  }
}

import { z } from 'zod';
import { profilePaths } from './data-fields.js';
import { LOGIC_OPERATORS } from './json-logic.js';
import { LogicSchema, RuleSchema } from './rule-schema.js';

/** The file every rule names in `"$schema"`, next to the rules in `rules/`. */
export const RULE_SCHEMA_FILE = 'rule.schema.json';
export const RULE_SCHEMA_REF = `./${RULE_SCHEMA_FILE}`;

/**
 * RuleSchema as JSON Schema (the input side: defaults are optional), for editors. Logic is
 * described recursively — a literal, a list, or an object with one known operator — so an
 * editor completes operator names and `var` paths and flags `{"has_tags": …}` as you type;
 * whether the operator gets the right arguments is left to `retain rules validate`.
 */
export function ruleJsonSchema(): Record<string, unknown> {
  const logic = { $ref: '#/$defs/logic' };
  const schema = z.toJSONSchema(RuleSchema, {
    io: 'input',
    override: (context) => {
      if (context.zodSchema !== LogicSchema) return;
      Object.assign(context.jsonSchema, {
        anyOf: [
          { type: ['string', 'number', 'boolean', 'null'] },
          { type: 'array', items: logic },
          {
            type: 'object',
            minProperties: 1,
            maxProperties: 1,
            propertyNames: { enum: LOGIC_OPERATORS },
            properties: { var: { anyOf: [{ type: 'string', examples: ['event.type', 'now', ...profilePaths()] }, logic] } },
            additionalProperties: logic,
          },
          // Several keys: a literal object, as json-logic-js reads it.
          { type: 'object', minProperties: 2 },
        ],
      });
    },
  });
  return { ...schema, title: 'Retain rule', description: 'A rule file of rules/: a segment, a trigger or a scheduled rule. See README.md, "Rules".' };
}

/** The committed text of rules/rule.schema.json. */
export function ruleJsonSchemaText(): string {
  return `${JSON.stringify(ruleJsonSchema(), null, 2)}\n`;
}

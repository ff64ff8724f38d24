import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_SCHEMA_REF, ruleJsonSchemaText } from '../../../lib/rules/rule-json-schema.js';
import { readRuleFiles } from '../../../lib/rules/rule-files.js';

describe('rules/rule.schema.json', () => {
  it('is what RuleSchema exports today (run `npm run rules:schema` after changing the schema)', () => {
    // Arrange
    const committed = readFileSync('rules/rule.schema.json', 'utf8');

    // Act
    const generated = ruleJsonSchemaText();

    // Assert
    expect(committed).toBe(generated);
  });

  it('is named first by every rule file', () => {
    // Arrange
    const files = readRuleFiles(['rules']);

    // Act
    const first = files.map(({ file, text }) => [file, Object.entries(JSON.parse(text) as object)[0]]);

    // Assert
    expect(first).toEqual(files.map(({ file }) => [file, ['$schema', RULE_SCHEMA_REF]]));
  });

  it('offers the operators to editors', () => {
    // Act
    const schema = JSON.parse(ruleJsonSchemaText()) as { $defs: { logic: { anyOf: Array<{ propertyNames?: { enum: string[] } }> } } };

    // Assert
    const operators = schema.$defs.logic.anyOf.flatMap((branch) => branch.propertyNames?.enum ?? []);
    expect(operators).toEqual(expect.arrayContaining(['and', 'var', 'days_since', 'has_tag', 'in_segment', 'visits_within']));
  });
});

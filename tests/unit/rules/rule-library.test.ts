import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRuleIssue } from '../../../lib/rules/rule-issue.js';
import { RuleCasesSchema, runRuleCases } from '../../../lib/rules/rule-cases.js';
import { casesFileOf, readRuleFiles } from '../../../lib/rules/rule-files.js';
import { segmentResolverOf } from '../../../lib/rules/segment-resolver.js';
import { validateRules } from '../../../lib/rules/validate-rules.js';
import { RULE_ACTION_CHECKS } from '../../../lib/sends/message-template-check.js';

const files = readRuleFiles(['rules']);
// The checks of `rules push`, message templates included.
const { issues, valid } = validateRules(files, { expectSchemaRef: true, actionChecks: RULE_ACTION_CHECKS });
const segments = segmentResolverOf(valid.map(({ rule }) => rule));

describe('the rule library in rules/', () => {
  it('validates without errors or warnings', () => {
    // Act + Assert (validated once above)
    expect(issues.map(formatRuleIssue)).toEqual([]);
    expect(valid).toHaveLength(files.length);
  });

  it('has the rules of the issue', () => {
    // Arrange
    const ids = valid.map(({ rule }) => rule.id).sort();

    // Assert
    expect(ids).toEqual(
      [
        'cart-abandonment', 'dormant', 'first-order-feedback', 'members-never-ordered', 'ordered-within-6-months', 'purchase-cycle',
        'vip', 'vip-tagging', 'visited-3-times-in-a-year', 'welcome-coupon', 'win-back', 'winback-not-sent',
        // The triggers issue's named automations: dormancy tagging and its undoing, the 100th visit, ad and page landings.
        'dormancy', 'reactivation', 'visit-100', 'ad-landing',
      ].sort(),
    );
  });

  it.each(valid.map(({ file, rule }) => [file, rule] as const))('%s has examples, and each holds', (file, rule) => {
    // Arrange
    const casesFile = casesFileOf(file);
    expect(existsSync(casesFile), `${casesFile} is missing`).toBe(true);
    const cases = RuleCasesSchema.parse(JSON.parse(readFileSync(casesFile, 'utf8')));

    // Act
    const results = runRuleCases(rule, cases, segments);

    // Assert
    const wrong = results.filter((result) => result.actual !== result.expected).map((result) => `[${result.index}] ${result.description}: expected ${result.expected}, got ${result.actual}`);
    expect(wrong).toEqual([]);
    expect(new Set(results.map((result) => result.expected))).toEqual(new Set([true, false]));
  });
});

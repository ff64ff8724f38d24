import type { Rule } from './rule-schema.js';

/** The part of a rule whose logic was being evaluated. */
export type RuleLogicPart = 'condition' | 'audience' | 'occurrence';

/**
 * A rule's logic threw on one customer's data — json-logic-js 2.0.5 throws there too, e.g.
 * `==` or `<` on a trait `{"toString": 1}`, which JavaScript cannot turn into a primitive.
 * The data decides it, so trying again cannot help: callers treat the rule as not matching
 * that data and record the reason, and every other rule and customer goes on.
 */
export class RuleEvaluationError extends Error {
  override readonly name = 'RuleEvaluationError';
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly part: RuleLogicPart;

  constructor(rule: Pick<Rule, 'id' | 'version'>, part: RuleLogicPart, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      `rule "${rule.id}" v${rule.version}: ${part} cannot be evaluated on this customer's data (${reason}) — ` +
        'a value of an unexpected shape meets an operator that converts it (json-logic-js throws too): compare with "===" or check the field first',
      { cause },
    );
    this.ruleId = rule.id;
    this.ruleVersion = rule.version;
    this.part = part;
  }
}

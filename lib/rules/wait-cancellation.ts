import type { EventType } from '../events/canonical-event.js';
import type { RuleIssueDraft } from './rule-issue.js';
import type { TriggerRule } from './rule-schema.js';

/**
 * Events that end the situation a trigger waits on. A reminder must not go out after the
 * customer did what it reminds them of: a wait started by a cart or a checkout is over when
 * they order; a wait after an order is over when they cancel it. So a trigger that waits
 * after one of these events must list the events that end it in `cancelOn`.
 */
export const SITUATION_ENDED_BY: Readonly<Record<string, readonly EventType[]>> = {
  cart_updated: ['order_placed'],
  checkout_started: ['order_placed'],
  order_placed: ['order_cancelled'],
};

const WHY: Readonly<Record<string, string>> = {
  order_placed: 'the customer bought what was left',
  order_cancelled: 'the order it follows up on is gone',
};

export function waitIssues(rule: TriggerRule): RuleIssueDraft[] {
  const issues: RuleIssueDraft[] = [];
  if (rule.wait === undefined) {
    if (rule.cancelOn.length > 0) issues.push({ path: 'cancelOn', message: 'has no effect without a "wait" — remove it or add a wait', severity: 'warning' });
    return issues;
  }
  for (const type of rule.on) {
    for (const ender of SITUATION_ENDED_BY[type] ?? []) {
      if (!rule.cancelOn.includes(ender)) {
        issues.push({ path: 'cancelOn', message: `a wait after "${type}" must be cancelled by "${ender}" (${WHY[ender] ?? 'it ends the situation'}) — add "${ender}" to cancelOn` });
      }
    }
  }
  for (const type of rule.cancelOn.filter((cancel) => rule.on.includes(cancel))) {
    issues.push({ path: 'cancelOn', message: `"${type}" both starts and cancels the rule — remove it from cancelOn (a new event of the same occurrence already moves the wait)` });
  }
  return issues;
}

import { ACTION_CHECKS, type ActionCheck } from '../rules/action-checks.js';
import { joinPath } from '../rules/rule-issue.js';
import { checkMessageTemplates } from './check-message-templates.js';

/** A send action's templates and its fit for channel and purpose, checked when its rule is validated or pushed (not at 3 a.m., when it would render). */
export const messageTemplateCheck: ActionCheck = (action, path) =>
  action.type !== 'send' ? [] : checkMessageTemplates(action).map((issue) => ({ path: joinPath(path, issue.path), message: issue.message }));

/**
 * Every check a rule's actions get from `rules validate`, `rules push` and `PUT /v1/rules/{id}`:
 * the validator's own and the message templates. Here, not in lib/rules, because the template
 * check belongs to sends, which already build on lib/rules.
 */
export const RULE_ACTION_CHECKS: readonly ActionCheck[] = [...ACTION_CHECKS, messageTemplateCheck];

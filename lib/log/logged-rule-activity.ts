import type { Logger } from '@aws-lambda-powertools/logger';
import type { RuleActivity } from '../automations/rule-activity.js';

/** Rule activity as structured log lines (one per match, wait, cancel, gate decision), for metric filters and audits. */
export const loggedRuleActivity = (logger: Logger): RuleActivity => ({
  record: (entry) => logger.info('rule activity', { ...entry }),
});

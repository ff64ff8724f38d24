import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { containedRules } from '../../lib/automations/contained-rules.js';
import { runScheduledRules } from '../../lib/schedules/run-scheduled-rules.js';
import { ScheduledInvocationSchema, type ScheduledInvocation } from '../../lib/time/scheduled-invocation.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/** A rule re-enabled after months catches up this many days, not months of milestones. */
const MAX_CATCH_UP_DAYS = 7;
/** Start no new day with less than this left; the next run continues where this one stopped. */
const RESERVE_MS = 120_000;

/** Every quarter hour (EventBridge Scheduler): scheduled rules whose local time has come, missed days included. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('run-schedules');
  return middy<ScheduledInvocation, unknown>()
    .use(injectLambdaContext(logger))
    .handler(async (event: ScheduledInvocation, context: Context) => {
      ScheduledInvocationSchema.parse(event);
      await runScheduledRules(runtime.clock.now(), {
        ...runtime.actionDeps(),
        workspaces: runtime.secrets,
        // A customer on whom a rule's audience throws is not matched (and logged); the day goes on for everyone else.
        rules: containedRules(runtime.activeRules, (failure, data) => logger.error('scheduled rule cannot be evaluated on a customer: not matched', { ...failure, customerId: data.profile.customerId })),
        settings: runtime.settings,
        markers: runtime.scheduleMarkers,
        anchors: runtime.anchors,
        profiles: runtime.profileReader,
        maxCatchUpDays: MAX_CATCH_UP_DAYS,
        keepGoing: () => context.getRemainingTimeInMillis() > RESERVE_MS,
        onDay: (report) => logger.info('scheduled day done', { ...report }),
        onSkipped: (report) => logger.warn('missed days beyond the catch-up window were not run', { ...report }),
        onRuleFailed: ({ workspace, ruleId, error }) => logger.error('scheduled rule failed; the next run retries it', { workspace, ruleId, error: error as Error }),
      });
    });
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));

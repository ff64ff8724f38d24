import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { sweepTimers } from '../../lib/timers/sweep-timers.js';
import { ScheduledInvocationSchema, type ScheduledInvocation } from '../../lib/time/scheduled-invocation.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';

/** A claim lasts well past one invocation (60 s), so only a sweep that died gives its timers up. */
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
/** Stop claiming with this much of the invocation left, so a claimed timer is always finished. */
const RESERVE_MS = 15_000;

/** Every minute (EventBridge Scheduler): fires the timers due by now. */
export const createHandler = (runtime: Runtime) => {
  const logger = runtime.logger('sweep-timers');
  return middy<ScheduledInvocation, unknown>()
    .use(injectLambdaContext(logger))
    .handler(async (event: ScheduledInvocation, context: Context) => {
      ScheduledInvocationSchema.parse(event);
      const report = await sweepTimers(runtime.clock.now(), {
        due: runtime.timers,
        handlers: runtime.timerHandlers,
        leaseMs: LEASE_MS,
        maxAttempts: MAX_ATTEMPTS,
        keepGoing: () => context.getRemainingTimeInMillis() > RESERVE_MS,
        onFailed: (timer, error, attempts) => logger.warn('timer failed; it is retried when its claim ends', { workspace: timer.workspace, key: timer.key, kind: timer.kind, attempts, error: error as Error }),
        onAbandoned: (timer, attempts) => logger.error('timer dropped after repeated failures', { workspace: timer.workspace, key: timer.key, kind: timer.kind, attempts }),
      });
      if (report.fired + report.failed + report.abandoned > 0) logger.info('sweep done', { ...report });
      return report;
    });
};

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));

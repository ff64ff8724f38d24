import {
  FUNCTIONS,
  QUEUES,
  SCHEDULES,
  TABLE,
  type FunctionDefinition,
  type QueueDefinition,
  type ScheduleDefinition,
} from './resources.js';

/** The table as `resources.ts` describes it. */
export type TableDefinition = typeof TABLE;

/**
 * Everything the stack deploys, as data. The stack iterates these records and nothing
 * else, so new queues, functions, indexes and schedules are edits to `resources.ts` only.
 * Tests pass variants (a schedule, an index) that the real definitions do not have yet.
 */
export interface RetainDefinitions {
  table: TableDefinition;
  queues: Record<string, QueueDefinition>;
  functions: Record<string, FunctionDefinition>;
  schedules: Record<string, ScheduleDefinition>;
}

export const RETAIN_DEFINITIONS: RetainDefinitions = { table: TABLE, queues: QUEUES, functions: FUNCTIONS, schedules: SCHEDULES };

export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
}

const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/\S*$/;

/**
 * Fails synthesis with a message that names the field when a definition points at
 * something that does not exist; otherwise CDK fails later with an unrelated stack trace.
 */
export const checkDefinitions = (definitions: RetainDefinitions): void => {
  const problems: string[] = [];
  const queueExists = (where: string, key: string) => {
    if (!Object.hasOwn(definitions.queues, key)) problems.push(`${where}: no queue "${key}" in QUEUES — add it there or fix the name`);
  };
  const routes = new Map<string, string>();
  const consumers = new Map<string, string>();
  for (const [key, fn] of Object.entries(definitions.functions)) {
    for (const [index, queue] of (fn.sendsTo ?? []).entries()) queueExists(`FUNCTIONS.${key}.sendsTo[${index}]`, queue);
    for (const field of ['deadLettersTo', 'redrives'] as const) {
      for (const [index, queue] of (fn[field] ?? []).entries()) {
        const where = `FUNCTIONS.${key}.${field}[${index}]`;
        queueExists(where, queue);
        if (Object.hasOwn(definitions.queues, queue) && !definitions.queues[queue]!.deadLetterUrlEnv) problems.push(`${where}: QUEUES.${queue} has no deadLetterUrlEnv to pass its DLQ's URL in — add one`);
      }
    }
    if (fn.stream) queueExists(`FUNCTIONS.${key}.stream.onFailure`, fn.stream.onFailure);
    if (fn.queue) {
      queueExists(`FUNCTIONS.${key}.queue.queue`, fn.queue.queue);
      const other = consumers.get(fn.queue.queue);
      if (other) problems.push(`FUNCTIONS.${key}.queue.queue: "${fn.queue.queue}" is already consumed by FUNCTIONS.${other} — one consumer per queue`);
      consumers.set(fn.queue.queue, key);
    }
    for (const route of fn.routes ?? []) {
      if (!ROUTE_KEY.test(route)) problems.push(`FUNCTIONS.${key}.routes: "${route}" is not a route key like "GET /v1/customers/{customerId}"`);
      const other = routes.get(route);
      if (other) problems.push(`FUNCTIONS.${key}.routes: "${route}" is already routed to FUNCTIONS.${other}`);
      routes.set(route, key);
    }
  }
  for (const [name, schedule] of Object.entries(definitions.schedules)) {
    if (!Object.hasOwn(definitions.functions, schedule.target)) problems.push(`SCHEDULES.${name}.target: no function "${schedule.target}" in FUNCTIONS`);
  }
  if (problems.length > 0) throw new DefinitionError(`infra/resources.ts:\n  ${problems.join('\n  ')}`);
};

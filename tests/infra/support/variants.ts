import { RETAIN_DEFINITIONS, type RetainDefinitions } from '../../../infra/retain-definitions.js';
import type { IndexDefinition, ScheduleDefinition } from '../../../infra/resources.js';

/**
 * Definitions besides those of `resources.ts`, to check the stack handles each kind alone. Each
 * variant is the real definitions plus one thing.
 */
export const DUE_INDEX: IndexDefinition = {
  name: 'due',
  partitionKey: { name: 'duePk', type: 'S' },
  sortKey: { name: 'dueAt', type: 'S' },
};

export const ANCHOR_INDEX: IndexDefinition = {
  name: 'anchor',
  partitionKey: { name: 'anchorPk', type: 'S' },
  sortKey: { name: 'anchorDay', type: 'N' },
  include: ['customerId', 'workspace'],
};

export const withIndexes = (...indexes: IndexDefinition[]): RetainDefinitions => ({
  ...RETAIN_DEFINITIONS,
  table: { ...RETAIN_DEFINITIONS.table, indexes },
});

export const SWEEP_SCHEDULE: ScheduleDefinition = { expression: 'rate(1 minute)', target: 'evaluate', description: 'Due timers, every minute' };

export const withSchedules = (schedules: Record<string, ScheduleDefinition>): RetainDefinitions => ({ ...RETAIN_DEFINITIONS, schedules });

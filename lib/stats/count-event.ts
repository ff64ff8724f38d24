import { localDate } from '../time/local-date.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import type { EventStatsStore } from './event-stats-store.js';

export interface CommittedEvent {
  workspace: string;
  eventId: string;
  type: string;
  occurredAt: string;
}

/**
 * Counts a committed event towards its workspace's daily totals, on the local date of
 * when it happened. Stream redeliveries are counted once.
 */
export const countEvent = async (
  event: CommittedEvent,
  deps: { stats: EventStatsStore; settings: WorkspaceSettingsStore },
): Promise<'counted' | 'already-counted'> => {
  const { timeZone } = await deps.settings.get(event.workspace);
  return deps.stats.countOnce({ workspace: event.workspace, eventId: event.eventId, type: event.type, date: localDate(event.occurredAt, timeZone) });
};

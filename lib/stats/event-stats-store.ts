/** Per-workspace daily event counts by type. */
export interface DailyEventCounts {
  date: string;
  counts: Record<string, number>;
}

export interface CountedEvent {
  workspace: string;
  eventId: string;
  type: string;
  /** Local date in the workspace time zone. */
  date: string;
}

/** The port for event counts: counting the same event twice must change nothing. */
export interface EventStatsStore {
  countOnce(event: CountedEvent): Promise<'counted' | 'already-counted'>;
  daily(workspace: string, fromDate: string, toDate: string): Promise<DailyEventCounts[]>;
}

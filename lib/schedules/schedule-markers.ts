/**
 * The last local day each scheduled rule completed, so a run that comes late (or after a
 * gap) knows which days are still to do.
 */
export interface ScheduleMarkers {
  /** Rule id → last completed local day (YYYY-MM-DD), for the workspace's rules that have run. */
  completedDays(workspace: string): Promise<Map<string, string>>;
  /** Records a completed day; never moves a marker back. */
  complete(workspace: string, ruleId: string, day: string): Promise<void>;
}

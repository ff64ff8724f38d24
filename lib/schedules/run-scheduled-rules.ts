import type { ActiveRules } from '../automations/active-rules.js';
import type { CompiledRule } from '../rules/compile-rule.js';
import type { ScheduledRule } from '../rules/rule-schema.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import { planScheduleDays } from './schedule-days.js';
import type { ScheduleMarkers } from './schedule-markers.js';
import { runScheduledDay, type ScheduledDayDeps } from './run-scheduled-day.js';

export interface ScheduledRunDeps extends ScheduledDayDeps {
  workspaces: { workspaces(): Promise<string[]> };
  rules: Pick<ActiveRules, 'forWorkspace'>;
  settings: WorkspaceSettingsStore;
  markers: ScheduleMarkers;
  maxCatchUpDays: number;
  /** Whether to start another day (false once the invocation's time runs short; the next run continues). */
  keepGoing?: () => boolean;
  onDay?: (report: { workspace: string; ruleId: string; day: string; candidates: number; matched: number }) => void;
  onSkipped?: (report: { workspace: string; ruleId: string; days: string[] }) => void;
  onRuleFailed?: (report: { workspace: string; ruleId: string; error: unknown }) => void;
}

/**
 * One run of the scheduled rules, at any time (the schedule fires every quarter hour):
 * 1. for each workspace and each of its active scheduled rules, the local days whose `at`
 *    time has come since the rule's last completed day (catching up missed runs);
 * 2. each such day run in turn, and recorded as completed once done;
 * 3. a rule that fails is reported and left where it was: the next run tries again,
 *    and the others go on.
 */
export const runScheduledRules = async (now: Date, deps: ScheduledRunDeps): Promise<void> => {
  const keepGoing = deps.keepGoing ?? (() => true);
  for (const workspace of await deps.workspaces.workspaces()) {
    const rules = (await deps.rules.forWorkspace(workspace)).scheduled();
    if (rules.length === 0) continue;
    const { timeZone } = await deps.settings.get(workspace);
    const completed = await deps.markers.completedDays(workspace);
    for (const compiled of rules) {
      if (!keepGoing()) return;
      try {
        await runRule(compiled, { id: workspace, timeZone }, completed.get(compiled.rule.id), now, deps, keepGoing);
      } catch (error) {
        deps.onRuleFailed?.({ workspace, ruleId: compiled.rule.id, error });
      }
    }
  }
};

const runRule = async (
  compiled: CompiledRule,
  workspace: { id: string; timeZone: string },
  lastCompleted: string | undefined,
  now: Date,
  deps: ScheduledRunDeps,
  keepGoing: () => boolean,
) => {
  const rule = compiled.rule as ScheduledRule;
  const plan = planScheduleDays({ now, at: rule.at, timeZone: workspace.timeZone, lastCompleted, maxCatchUpDays: deps.maxCatchUpDays });
  if (plan.startFrom) await deps.markers.complete(workspace.id, rule.id, plan.startFrom);
  if (plan.skipped.length > 0) deps.onSkipped?.({ workspace: workspace.id, ruleId: rule.id, days: plan.skipped });
  for (const day of plan.days) {
    if (!keepGoing()) return;
    const report = await runScheduledDay(compiled, day, workspace, deps);
    await deps.markers.complete(workspace.id, rule.id, day);
    deps.onDay?.({ workspace: workspace.id, ruleId: rule.id, day, ...report });
  }
};

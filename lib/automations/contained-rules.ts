import type { CompiledRule, RuleData } from '../rules/compile-rule.js';
import { RuleEvaluationError } from '../rules/rule-evaluation-error.js';
import type { ActiveRules, WorkspaceRules } from './active-rules.js';

/** A rule whose logic threw on one record's data, as the record's consumer records it. */
export interface ContainedRuleFailure {
  ruleId: string;
  ruleVersion: number;
  reason: string;
}

/**
 * The rules in force, where a rule whose audience or occurrence throws on the data
 * (RuleEvaluationError) does not match it: `contain` hears about it (with the data it threw
 * on), and the other rules and customers go on. Anything else a rule throws still
 * propagates. The stream consumer makes one per record, so each record's failures are its own.
 */
export const containedRules = (rules: Pick<ActiveRules, 'forWorkspace'>, contain: (failure: ContainedRuleFailure, data: RuleData) => void): Pick<ActiveRules, 'forWorkspace'> => {
  const guard = (compiled: CompiledRule): CompiledRule => {
    const failed = (error: unknown, data: RuleData): false => {
      if (!(error instanceof RuleEvaluationError)) throw error;
      contain({ ruleId: error.ruleId, ruleVersion: error.ruleVersion, reason: error.message }, data);
      return false;
    };
    return {
      ...compiled,
      // A trigger acts with its occurrence: one that cannot be evaluated makes the rule not match here.
      matches: (data: RuleData) => {
        try {
          if (!compiled.matches(data)) return false;
          if (compiled.rule.kind === 'trigger' && isEventData(data)) compiled.occurrenceOf(data);
          return true;
        } catch (error) {
          return failed(error, data);
        }
      },
    };
  };
  const guarded = (set: WorkspaceRules): WorkspaceRules => ({
    startingOn: (type) => set.startingOn(type).map(guard),
    cancelledBy: (type) => set.cancelledBy(type),
    trigger: (ruleId) => {
      const compiled = set.trigger(ruleId);
      return compiled && guard(compiled);
    },
    scheduled: () => set.scheduled().map(guard),
    maxEventAgeMs: () => set.maxEventAgeMs(),
  });
  return { forWorkspace: async (workspace) => guarded(await rules.forWorkspace(workspace)) };
};

const isEventData = (data: RuleData): data is RuleData & { event: { eventId: string } } =>
  typeof data.event === 'object' && data.event !== null && typeof (data.event as { eventId?: unknown }).eventId === 'string';

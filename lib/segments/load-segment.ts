import type { ProfileView } from '../profiles/profile-view.js';
import { compileRule, type CompiledRule } from '../rules/compile-rule.js';
import { explainLogic, type Explanation } from '../rules/explain-logic.js';
import { LogicCompileError } from '../rules/logic-errors.js';
import { RuleEvaluationError } from '../rules/rule-evaluation-error.js';
import type { SegmentResolver } from '../rules/json-logic.js';
import type { RuleRepository } from '../rules/rule-repository.js';
import type { SegmentRule } from '../rules/rule-schema.js';
import { segmentResolverOf } from '../rules/segment-resolver.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';

/** A segment rule in force, ready to test profiles against as of one instant. */
export interface Segment {
  readonly id: string;
  readonly version: number;
  matches(profile: ProfileView): boolean;
  /** The verdict with every sub-condition and the value it had (`holds` at the root is `matches`). */
  explain(profile: ProfileView): Explanation;
}

/** No segment rule of that id is in force (or the rule of that id is not a segment). */
export class SegmentNotFoundError extends Error {
  override readonly name = 'SegmentNotFoundError';
}

/** A segment in force that does not compile (a segment it includes is gone, say). */
export class InvalidSegmentError extends Error {
  override readonly name = 'InvalidSegmentError';
}

/**
 * The segment `segmentId` of a workspace, as of `now`:
 * 1. the rules in force, so `in_segment` sees the other segments in force;
 * 2. the segment rule among them — a trigger or scheduled rule of that id is no segment;
 * 3. compiled once for the whole operation, evaluated in the workspace time zone; a customer
 *    on whom the condition throws is not a member (and reported), so one customer's data
 *    never fails a walk over everyone.
 */
export const loadSegment = async (
  workspace: string,
  segmentId: string,
  deps: {
    rules: RuleRepository;
    settings: WorkspaceSettingsStore;
    now: Date;
    /** A customer on whose data the condition throws (json-logic-js throws too): they are not in the segment. */
    onUnevaluable?: (customerId: string, error: RuleEvaluationError) => void;
  },
): Promise<Segment> => {
  const rules = await deps.rules.activeRules(workspace);
  const rule = rules.find((candidate) => candidate.id === segmentId);
  if (rule === undefined) throw new SegmentNotFoundError(`No segment "${segmentId}" is in force in workspace "${workspace}": push rules/${segmentId}.json (kind "segment") first.`);
  if (rule.kind !== 'segment') throw new SegmentNotFoundError(`"${segmentId}" is a ${rule.kind} rule, not a segment: segment operations need a rule of kind "segment".`);
  const segments = segmentResolverOf(rules);
  const compiled = compileSegment(rule, segments);
  const { timeZone } = await deps.settings.get(workspace);
  const now = deps.now.toISOString();
  return {
    id: rule.id,
    version: rule.version,
    matches: (profile) => {
      try {
        return compiled.matches({ profile, now, timeZone });
      } catch (error) {
        if (!(error instanceof RuleEvaluationError)) throw error;
        deps.onUnevaluable?.(profile.customerId, error);
        return false;
      }
    },
    explain: (profile) => explainLogic(rule.condition, { profile, now, timeZone }, { segments }),
  };
};

const compileSegment = (rule: SegmentRule, segments: SegmentResolver): CompiledRule => {
  try {
    return compileRule(rule, { segments });
  } catch (error) {
    if (!(error instanceof LogicCompileError)) throw error;
    throw new InvalidSegmentError(`Segment "${rule.id}" (version ${rule.version}) does not compile: condition${error.path ? `.${error.path}` : ''}: ${error.reason}`, { cause: error });
  }
};

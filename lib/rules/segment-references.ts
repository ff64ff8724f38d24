import { closestName } from './closest-name.js';
import { walkLogic } from './logic-walk.js';
import { joinPath, type RuleIssueDraft } from './rule-issue.js';
import { logicFields } from './rule-logic.js';
import type { Rule } from './rule-schema.js';

/** An `in_segment` with a literal id, and where it is in its rule. */
export interface SegmentReference {
  readonly path: string;
  readonly segmentId: string;
}

export function segmentReferences(rule: Rule): SegmentReference[] {
  return logicFields(rule).flatMap(({ field, logic }) =>
    [...walkLogic(logic)]
      .filter((node) => node.op === 'in_segment' && typeof node.args[0] === 'string')
      .map((node) => ({ path: joinPath(field, joinPath(node.path, 'in_segment')), segmentId: node.args[0] as string })),
  );
}

/**
 * `items` in an order to push them in: every segment before the rules that include it (as
 * far as it is among `items`), so that each push finds what it refers to already in force.
 */
export function referencedFirst<T>(items: readonly T[], ruleOf: (item: T) => Rule): T[] {
  const byId = new Map(items.map((item) => [ruleOf(item).id, item]));
  const ordered: T[] = [];
  const placed = new Set<string>();
  const place = (item: T, trail: ReadonlySet<string>): void => {
    const rule = ruleOf(item);
    // A cycle is an error the validator reports; here it only must not recurse forever.
    if (placed.has(rule.id) || trail.has(rule.id)) return;
    for (const { segmentId } of segmentReferences(rule)) {
      const referenced = byId.get(segmentId);
      if (referenced !== undefined) place(referenced, new Set([...trail, rule.id]));
    }
    placed.add(rule.id);
    ordered.push(item);
  };
  for (const item of items) place(item, new Set());
  return ordered;
}

/**
 * What is wrong with the `in_segment` references of `checked`, given every rule in force
 * (`all`, which includes `checked`): a segment that is not defined, a rule that is not a
 * segment, and segments that include each other — which no evaluation could finish.
 */
export function segmentReferenceIssues(checked: Rule, all: ReadonlyMap<string, Rule>): RuleIssueDraft[] {
  const segmentIds = [...all.values()].filter((rule) => rule.kind === 'segment').map((rule) => rule.id);
  return segmentReferences(checked).flatMap(({ path, segmentId }): RuleIssueDraft[] => {
    const target = all.get(segmentId);
    if (target === undefined) {
      const suggestion = closestName(segmentId, segmentIds);
      const hint = suggestion === undefined ? ` — add rules/${segmentId}.json (kind "segment") or fix the id` : ` — did you mean "${suggestion}"?`;
      return [{ path, message: `segment "${segmentId}" is not defined${hint}` }];
    }
    if (target.kind !== 'segment') return [{ path, message: `"${segmentId}" is a ${target.kind} rule — in_segment takes the id of a segment` }];
    const cycle = cycleThrough(checked.id, segmentId, all);
    if (cycle !== undefined) return [{ path, message: `segments include each other: ${cycle.join(' → ')} — a segment cannot include itself, directly or through others` }];
    return [];
  });
}

/** `[from, to, …, from]` when `to` leads back to `from` through segment references. */
function cycleThrough(from: string, to: string, all: ReadonlyMap<string, Rule>): string[] | undefined {
  const seen = new Set<string>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    if (id === from) return trail;
    if (seen.has(id)) return undefined;
    seen.add(id);
    const rule = all.get(id);
    if (rule?.kind !== 'segment') return undefined;
    for (const reference of segmentReferences(rule)) {
      const found = visit(reference.segmentId, [...trail, reference.segmentId]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(to, [from, to]);
}

import type { SegmentResolver } from './json-logic.js';
import type { Rule } from './rule-schema.js';

/** `in_segment` ids resolved to the conditions of the segment rules among `rules`. */
export function segmentResolverOf(rules: readonly Rule[]): SegmentResolver {
  const conditions = new Map(rules.flatMap((rule) => (rule.kind === 'segment' ? [[rule.id, rule.condition] as const] : [])));
  return (id) => conditions.get(id);
}

import { crmOperators } from './crm-operators.js';
import type { CrmOperatorName } from './crm-operators.js';
import { allInert } from './logic-code.js';
import type { Code, OpHandler } from './logic-code.js';

/**
 * Compiles the CRM operators to calls into the same registry json-logic-js gets, and
 * `in_segment` to a call of the segment's own compiled function.
 */

const usage: Record<CrmOperatorName, { readonly args: string; readonly kind: Code['kind']; readonly throws: boolean }> = {
  // days_since and visits_within read the time zone, and throw TimeZoneError on a bad one.
  days_since: { args: 'date', kind: 'num', throws: true },
  hours_since: { args: 'date', kind: 'num', throws: false },
  has_tag: { args: 'tag', kind: 'bool', throws: false },
  has_consent: { args: 'channel, purpose', kind: 'bool', throws: false },
  visits_within: { args: 'days', kind: 'num', throws: true },
};

function checkArity(site: Parameters<OpHandler>[0], count: number, args: string): void {
  if (site.args.length !== count) {
    const plural = count === 1 ? 'argument' : 'arguments';
    site.fail(`${site.op} takes ${count} ${plural}, got ${site.args.length} — write {"${site.op}": [${args}]}`);
  }
}

const crmOperator =
  (name: CrmOperatorName): OpHandler =>
  (site) => {
    const { args: names, kind, throws } = usage[name];
    checkArity(site, crmOperators[name].length - 1, names);
    const args = site.args.map((_, index) => site.value(index));
    const js = `crm.${name}(data${args.map((code) => `, ${code.js}`).join('')})`;
    const code: Code = { js, kind, inert: !throws && allInert(args) };
    return name === 'visits_within' ? { ...code, visitsDays: args[0] } : code;
  };

/** `in_segment` takes a literal id, so that unknown segments and cycles fail at compile time. */
const inSegment: OpHandler = (site) => {
  checkArity(site, 1, 'segmentId');
  const id = site.args[0];
  if (typeof id !== 'string') return site.fail('in_segment takes a segment id written as a string, not computed');
  const segment = site.segment(id);
  return { js: `${segment.name}(data)`, kind: 'bool', inert: segment.inert };
};

export const crmCompiledOperators: ReadonlyMap<string, OpHandler> = new Map([
  ...(Object.keys(crmOperators) as CrmOperatorName[]).map((name) => [name, crmOperator(name)] as const),
  ['in_segment', inSegment],
]);

/**
 * `visits_within(d) >= n` (and >, <, <= either way round) against a number literal, as
 * `visitsAtLeast(d, k)`, which stops counting at k. Counts are whole numbers, so each
 * comparison is "at least k" or its negation. Undefined when the pattern does not apply.
 */
export function visitsComparison(site: Parameters<OpHandler>[0], operator: string, a: Code, b: Code): string | undefined {
  const [count, limit, flipped] = a.visitsDays !== undefined ? [a, b, false] : [b, a, true];
  const value = limit.literal?.value;
  if (count.visitsDays === undefined || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const normal = flipped ? ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as Record<string, string>)[operator] : operator;
  const atLeast = (k: number, negate: boolean): string =>
    `${negate ? '!' : ''}visitsAtLeast(data, ${count.visitsDays?.js}, ${site.literal(k).js})`;
  switch (normal) {
    case '>=':
      return atLeast(Math.ceil(value), false);
    case '>':
      return atLeast(Math.floor(value) + 1, false);
    case '<':
      return atLeast(Math.ceil(value), true);
    case '<=':
      return atLeast(Math.floor(value) + 1, true);
    default:
      return undefined;
  }
}

import { crmOperators } from './crm-operators.js';
import type { CrmOperatorName } from './crm-operators.js';
import { allInert } from './logic-code.js';
import type { Code, OpHandler, OpSite } from './logic-code.js';

/**
 * Compiles the CRM operators to calls into the same registry json-logic-js gets — with the
 * data fields they read looked up inline — and `in_segment` to a call of the segment's
 * own compiled function.
 */

function checkArity(site: OpSite, args: readonly string[]): void {
  if (site.args.length !== args.length) {
    const plural = args.length === 1 ? 'argument' : 'arguments';
    site.fail(`${site.op} takes ${args.length} ${plural}, got ${site.args.length} — write {"${site.op}": [${args.join(', ')}]}`);
  }
}

function fieldsOf(site: OpSite, name: CrmOperatorName): string[] {
  return crmOperators[name].reads.map((path) => site.lookup(path));
}

const crmOperator =
  (name: CrmOperatorName): OpHandler =>
  (site) => {
    const operator = crmOperators[name];
    checkArity(site, operator.args);
    const args = site.args.map((_, index) => site.value(index));
    const js = `crm.${name}(${[...fieldsOf(site, name), ...args.map((code) => code.js)].join(', ')})`;
    const kind = operator.returns === 'number' ? 'num' : 'bool';
    const code: Code = { js, kind, inert: !operator.readsTimeZone && allInert(args) };
    return name === 'visits_within' ? { ...code, visitsDays: args[0] } : code;
  };

/** `in_segment` takes a literal id, so that unknown segments and cycles fail at compile time. */
const inSegment: OpHandler = (site) => {
  checkArity(site, ['segmentId']);
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
 * `visitsAtLeast(…, k)`, which stops counting at k. Counts are whole numbers, so each
 * comparison is "at least k" or its negation. Undefined when the pattern does not apply.
 */
export function visitsComparison(site: OpSite, operator: string, a: Code, b: Code): string | undefined {
  const [count, limit, flipped] = a.visitsDays !== undefined ? [a, b, false] : [b, a, true];
  const value = limit.literal?.value;
  const days = count.visitsDays;
  if (days === undefined || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const normal = flipped ? ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as Record<string, string>)[operator] : operator;
  const atLeast = (k: number, negate: boolean): string =>
    `${negate ? '!' : ''}visitsAtLeast(${[...fieldsOf(site, 'visits_within'), days.js, site.literal(k).js].join(', ')})`;
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

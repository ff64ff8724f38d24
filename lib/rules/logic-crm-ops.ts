import { crmOperators } from './crm-operators.js';
import type { CrmOperatorName } from './crm-operators.js';
import { FALSE_CODE, allInert } from './logic-code.js';
import type { Code, OpHandler, OpSite } from './logic-code.js';
import { BLOCKED_SEGMENTS } from './logic-runtime.js';
import { visitsCount } from './logic-window-ops.js';

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
    if (name === 'has_consent') {
      const consent = literalConsent(site, args);
      if (consent !== undefined) return consent;
    }
    const js = `crm.${name}(${[...fieldsOf(site, name), ...args.map((code) => code.js)].join(', ')})`;
    const kind = operator.returns === 'number' ? 'num' : 'bool';
    const code: Code = { js, kind, inert: !operator.readsTimeZone && allInert(args) };
    if (name === 'days_since' || name === 'hours_since') return { ...code, since: { op: name, date: args[0] as Code } };
    if (name !== 'visits_within') return code;
    const days = args[0]?.literal?.value;
    return { ...code, ...(typeof days === 'number' ? { js: visitsCount(site, days) } : {}), visitsDays: args[0] };
  };

/**
 * `{"has_consent": ["kakao", "ad"]}` with literal names reads the state inline: the generic
 * call checks every name against the blocked ones at run time, which costs more than the rest
 * of a simple audience.
 */
function literalConsent(site: OpSite, args: readonly Code[]): Code | undefined {
  const [channel, purpose] = args.map((code) => code.literal?.value);
  if (typeof channel !== 'string' || typeof purpose !== 'string') return undefined;
  if (BLOCKED_SEGMENTS.has(channel) || BLOCKED_SEGMENTS.has(purpose)) return FALSE_CODE;
  const state = site.lookup(['profile', 'consent', channel, purpose, 'state']);
  return { js: `(${state} === ${site.literal('granted').js})`, kind: 'bool', inert: true };
}

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

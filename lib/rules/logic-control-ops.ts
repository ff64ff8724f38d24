import { FALSE_CODE, NULL_CODE, UNDEFINED_CODE, allInert, commonKind, plainTruthiness, truthyOf } from './logic-code.js';
import type { Code, OpHandler, OpSite, TestHandler } from './logic-code.js';

/**
 * `and`, `or`, `if`/`?:`, `!`, `!!`: the operators that decide which arguments run. Each
 * has a value form (json-logic-js's result, e.g. `and` returns the deciding operand) and
 * a test form for places that only need truthiness, which compiles to plain `&&`/`||`/`?:`.
 */

function andOr(site: OpSite, operator: '&&' | '||'): Code {
  const count = site.args.length;
  // json-logic-js returns its loop variable, never assigned when there is no operand.
  if (count === 0) return UNDEFINED_CODE;
  const parts = site.args.map((_, index) => site.value(index));
  const last = parts[count - 1] ?? UNDEFINED_CODE;
  const kind = commonKind(parts);
  const inert = allInert(parts);
  if (parts.slice(0, -1).every((part) => plainTruthiness(part.kind))) {
    return { js: count === 1 ? last.js : `(${parts.map((part) => part.js).join(` ${operator} `)})`, kind, inert };
  }
  const temp = site.temp();
  let js = last.js;
  for (let index = count - 2; index >= 0; index--) {
    const part = parts[index] ?? UNDEFINED_CODE;
    const decides = truthyOf({ js: temp, kind: part.kind });
    js = operator === '&&' ? `(${temp} = ${part.js}, ${decides} ? ${js} : ${temp})` : `(${temp} = ${part.js}, ${decides} ? ${temp} : ${js})`;
  }
  return { js, kind, inert };
}

function andOrTest(site: OpSite, operator: '&&' | '||'): Code {
  if (site.args.length === 0) return FALSE_CODE;
  const parts = site.args.map((_, index) => site.test(index));
  return { js: `(${parts.map((part) => part.js).join(` ${operator} `)})`, kind: 'bool', inert: allInert(parts) };
}

/** Pairs of (condition, consequent), then an optional else; no else gives null. */
function ifChain(site: OpSite, branch: (index: number) => Code, otherwise: Code): Code {
  const count = site.args.length;
  const conditions: Code[] = [];
  const consequents: Code[] = [];
  let index = 0;
  for (; index < count - 1; index += 2) {
    conditions.push(site.test(index));
    consequents.push(branch(index + 1));
  }
  const last = index === count - 1 ? branch(index) : otherwise;
  let js = last.js;
  for (let pair = conditions.length - 1; pair >= 0; pair--) {
    js = `(${conditions[pair]?.js} ? ${consequents[pair]?.js} : ${js})`;
  }
  const results = [...consequents, last];
  return { js, kind: commonKind(results), inert: allInert([...conditions, ...results]) };
}

/** `!` and `!!` evaluate all their arguments (as every plain operator does) and use the first. */
function negation(site: OpSite, negate: boolean): Code {
  const first = site.test(0);
  const extras = site.args.slice(1).map((_, index) => site.value(index + 1)).filter((code) => !code.inert);
  const prefix = negate ? '!' : '';
  if (extras.length === 0) return { js: negate ? `!${first.js}` : first.js, kind: 'bool', inert: first.inert };
  const temp = site.temp();
  return { js: `(${temp} = ${first.js}, ${extras.map((code) => code.js).join(', ')}, ${prefix}${temp})`, kind: 'bool', inert: false };
}

const ifValue: OpHandler = (site) => ifChain(site, (index) => site.value(index), NULL_CODE);
const ifTest: TestHandler = (site) => ifChain(site, (index) => site.test(index), FALSE_CODE);
const not: OpHandler = (site) => negation(site, true);
const notNot: OpHandler = (site) => negation(site, false);

export const controlValueOperators: ReadonlyMap<string, OpHandler> = new Map([
  ['and', (site: OpSite) => andOr(site, '&&')],
  ['or', (site: OpSite) => andOr(site, '||')],
  ['if', ifValue],
  ['?:', ifValue],
  ['!', not],
  ['!!', notNot],
]);

export const controlTestOperators: ReadonlyMap<string, TestHandler> = new Map([
  ['and', (site: OpSite) => andOrTest(site, '&&')],
  ['or', (site: OpSite) => andOrTest(site, '||')],
  ['if', ifTest],
  ['?:', ifTest],
  ['!', not],
  ['!!', notNot],
]);

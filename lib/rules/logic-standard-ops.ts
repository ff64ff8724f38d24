import { UNDEFINED_CODE, allInert, bindAll, evaluateArguments, mayBeUndefined, sequence } from './logic-code.js';
import type { Code, OpHandler, OpSite } from './logic-code.js';
import { windowComparison, windowIn } from './logic-window-ops.js';
import { toFloat } from './logic-runtime.js';
import { staticVarPath } from './var-paths.js';

/**
 * The plain operators of json-logic-js 2.0.5: every argument is evaluated, then the
 * operator applies. Most compile to the JavaScript operator json-logic-js itself uses,
 * which is how `==` keeps its loose coercion and `<` its string/number rules exactly.
 */

const comparison =
  (operator: string): OpHandler =>
  (site) => {
    const { args, inert, finish } = evaluateArguments(site, 2);
    const [a, b] = args as [Code, Code];
    const windowed = windowComparison(site, operator, args);
    return { js: finish(windowed ?? `(${a.js} ${operator} ${b.js})`), kind: 'bool', inert };
  };

/** `<` and `<=` with a third argument test "between" — unless it evaluates to undefined. */
const between =
  (operator: '<' | '<='): OpHandler =>
  (site) => {
    if (site.args.length < 3) return comparison(operator)(site);
    const { args, inert, finish } = evaluateArguments(site, 3);
    const windowed = windowComparison(site, operator, args);
    if (windowed !== undefined) return { js: finish(windowed), kind: 'bool', inert };
    const { binds, refs } = bindAll(site, args);
    const [a, b, c] = refs as [Code, Code, Code];
    const both = `${a.js} ${operator} ${b.js} && ${b.js} ${operator} ${c.js}`;
    const js = mayBeUndefined(c) ? `(${c.js} === undefined ? ${a.js} ${operator} ${b.js} : ${both})` : `(${both})`;
    return { js: finish(sequence(binds, js)), kind: 'bool', inert };
  };

const arithmetic =
  (operator: string): OpHandler =>
  (site) => {
    const { args, inert, finish } = evaluateArguments(site, 2);
    const [a, b] = args as [Code, Code];
    return { js: finish(`(${a.js} ${operator} ${b.js})`), kind: 'num', inert };
  };

/** `-`: negation when the second argument is absent (or evaluates to undefined). */
const minus: OpHandler = (site) => {
  const { args, inert, finish } = evaluateArguments(site, 2);
  const [a, b] = args as [Code, Code];
  if (!mayBeUndefined(b)) return { js: finish(`(${a.js} - ${b.js})`), kind: 'num', inert };
  if (b.literal !== undefined) return { js: finish(`(-${a.js})`), kind: 'num', inert };
  const { binds, refs } = bindAll(site, args);
  const [x, y] = refs as [Code, Code];
  return { js: finish(sequence(binds, `(${y.js} === undefined ? -${x.js} : ${x.js} - ${y.js})`)), kind: 'num', inert };
};

/** parseFloat as `+`/`*` apply it, done at compile time for literals. */
function float(site: OpSite, code: Code): string {
  return code.literal !== undefined ? site.literal(toFloat(code.literal.value)).js : `toFloat(${code.js})`;
}

/** `+`: 0 + parseFloat(a) + parseFloat(b)…, the reduce json-logic-js runs. */
const plus: OpHandler = (site) => {
  const { args, inert } = evaluateArguments(site, site.args.length);
  // The running sum is never -0 (it starts at +0), so parseFloat of it is the sum itself.
  const terms = args.map((code) => (code.kind === 'num' && code.literal === undefined ? code.js : float(site, code)));
  return { js: `(0${terms.map((term) => ` + ${term}`).join('')})`, kind: 'num', inert };
};

/** `*`: a reduce without a seed — one argument comes back as is, none throws. */
const times: OpHandler = (site) => {
  const { args, inert } = evaluateArguments(site, site.args.length);
  if (args.length === 1) return args[0] as Code;
  if (args.length === 0) return { js: 'multiplyFew()', kind: 'any', inert: false };
  // Each step parses the running product again, which turns -0 into 0.
  let js = `(${float(site, args[0] as Code)} * ${float(site, args[1] as Code)})`;
  for (const code of args.slice(2)) js = `(toFloat(${js}) * ${float(site, code)})`;
  return { js, kind: 'num', inert };
};

const call =
  (helper: string, kind: Code['kind'], options: { data?: boolean; used?: number; throws?: boolean } = {}): OpHandler =>
  (site) => {
    const { args, inert, finish } = evaluateArguments(site, options.used ?? site.args.length);
    const list = [...(options.data === true ? ['data'] : []), ...args.map((code) => code.js)];
    return { js: finish(`${helper}(${list.join(', ')})`), kind, inert: inert && options.throws !== true };
  };

const mathCall = (name: 'min' | 'max'): OpHandler => call(`Math.${name}`, 'num');

/** `cat` joins with "" — for strings, numbers and booleans that is `+`. */
const concatenate: OpHandler = (site) => {
  const { args, inert } = evaluateArguments(site, site.args.length);
  if (!args.every((code) => code.kind === 'str' || code.kind === 'num' || code.kind === 'bool')) {
    return { js: `cat(${args.map((code) => code.js).join(', ')})`, kind: 'str', inert };
  }
  if (args.length === 1 && args[0]?.kind === 'str') return args[0];
  return { js: `(""${args.map((code) => ` + ${code.js}`).join('')})`, kind: 'str', inert };
};

/** `in` a literal list compiles to `===` tests (indexOf compares strictly too). */
const inList: OpHandler = (site) => {
  const list = site.args[1];
  if (!Array.isArray(list) || !list.every(isPrimitive)) {
    const { args, inert, finish } = evaluateArguments(site, 2);
    const [needle, haystack] = args as [Code, Code];
    // inOp calls `haystack.indexOf`, which throws when data holds an `indexOf` that is no function.
    const safe = haystack.kind === 'str' || haystack.kind === 'arr';
    return { js: finish(`inOp(${needle.js}, ${haystack.js})`), kind: 'bool', inert: inert && safe };
  }
  const { args, inert, finish } = evaluateArguments(site, 1);
  const windowed = windowIn(site, args[0] as Code, list);
  if (windowed !== undefined) return { js: finish(windowed), kind: 'bool', inert };
  const { binds, refs } = bindAll(site, args);
  if (list.length === 0) return { js: finish(sequence(binds, 'false')), kind: 'bool', inert };
  const needle = refs[0] as Code;
  const tests = list.map((item) => `${needle.js} === ${site.literal(item).js}`);
  return { js: finish(sequence(binds, `(${tests.join(' || ')})`)), kind: 'bool', inert };
};

/** `var` with a literal path reads own properties inline; other paths go through getVar. */
const variable: OpHandler = (site) => {
  const path = staticVarPath(site.args[0]);
  if (path === undefined) return call('getVar', 'any', { data: true, used: 2 })(site);
  // The literal path needs no evaluation; the default and any extras are evaluated as usual.
  const rest = site.args.slice(1).map((_, index) => site.value(index + 1));
  const fallback = rest[0] ?? UNDEFINED_CODE;
  const extras = rest.slice(1).filter((code) => !code.inert);
  const inert = allInert(rest);
  const { binds, refs } = bindAll(site, extras.length > 0 || !fallback.inert ? [fallback] : []);
  const fallbackRef = refs[0] ?? fallback;
  const finish = (js: string): string => sequence([...binds, ...extras.map((code) => code.js)], js);
  if (path.kind === 'root') return { js: finish('data'), kind: 'any', inert };
  const hasFallback = site.args.length >= 2;
  const notFound = !hasFallback ? 'null' : mayBeUndefined(fallback) ? `orNull(${fallbackRef.js})` : fallbackRef.js;
  if (path.kind === 'blocked') return { js: finish(notFound), kind: 'any', inert };
  const lookup = site.lookup(path.segments);
  // A found null is returned as null; only "not found" (undefined) takes the default.
  if (!hasFallback) return { js: finish(`(${lookup} ?? null)`), kind: 'any', inert };
  const found = site.temp();
  return { js: finish(`((${found} = ${lookup}) === undefined ? ${notFound} : ${found})`), kind: 'any', inert };
};

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export const standardOperators: ReadonlyMap<string, OpHandler> = new Map([
  ['==', comparison('==')],
  ['===', comparison('===')],
  ['!=', comparison('!=')],
  ['!==', comparison('!==')],
  ['>', comparison('>')],
  ['>=', comparison('>=')],
  ['<', between('<')],
  ['<=', between('<=')],
  ['+', plus],
  ['-', minus],
  ['*', times],
  ['/', arithmetic('/')],
  ['%', arithmetic('%')],
  ['min', mathCall('min')],
  ['max', mathCall('max')],
  ['cat', concatenate],
  ['substr', call('substr', 'str', { used: 3 })],
  ['merge', call('merge', 'arr')],
  ['in', inList],
  ['var', variable],
  ['missing', call('missing', 'arr', { data: true })],
  ['missing_some', call('missingSome', 'arr', { data: true, used: 2, throws: true })],
]);

import { NULL_CODE } from './logic-code.js';
import type { Code, OpHandler, OpSite } from './logic-code.js';

/**
 * `some`, `all`, `none`, `filter`, `map`, `reduce`: argument 1 is evaluated once per
 * element with the element as data (for `reduce`, `{current, accumulator}`). Each
 * occurrence becomes a small function with the element logic inlined in its loop.
 * Like json-logic-js, anything but an array counts as an empty one.
 */

const quantifier =
  (empty: boolean, stopWhen: boolean, stopWith: boolean): OpHandler =>
  (site) => {
    const source = site.value(0);
    const body = site.element(1, 'test');
    const condition = stopWhen ? body.js : `!${body.js}`;
    const name = site.declare(
      (fn) =>
        `function ${fn}(arr) {if (!Array.isArray(arr) || arr.length === 0) return ${empty};` +
        `for (let i = 0; i < arr.length; i++) {const data = arr[i];${body.prelude}if (${condition}) return ${stopWith};}` +
        `return ${!stopWith};}`,
    );
    return { js: `${name}(${source.js})`, kind: 'bool', inert: source.inert && body.inert };
  };

function collect(site: OpSite, mode: 'value' | 'test', step: (js: string) => string): Code {
  const source = site.value(0);
  const body = site.element(1, mode);
  const name = site.declare(
    (fn) =>
      `function ${fn}(arr) {if (!Array.isArray(arr)) return [];const out = [];` +
      `for (let i = 0; i < arr.length; i++) {const data = arr[i];${body.prelude}${step(body.js)}}return out;}`,
  );
  return { js: `${name}(${source.js})`, kind: 'arr', inert: source.inert && body.inert };
}

const reduce: OpHandler = (site) => {
  const source = site.value(0);
  const body = site.element(1, 'value');
  // Evaluated in the outer scope, after the array; absent means null.
  const initial = site.args.length > 2 ? site.value(2) : NULL_CODE;
  const name = site.declare(
    (fn) =>
      `function ${fn}(arr, acc) {if (!Array.isArray(arr)) return acc;` +
      `for (let i = 0; i < arr.length; i++) {const data = {current: arr[i], accumulator: acc};${body.prelude}acc = ${body.js};}` +
      `return acc;}`,
  );
  return { js: `${name}(${source.js}, ${initial.js})`, kind: 'any', inert: source.inert && body.inert && initial.inert };
};

export const scopedOperators: ReadonlyMap<string, OpHandler> = new Map([
  ['some', quantifier(false, true, true)],
  ['all', quantifier(false, false, false)],
  ['none', quantifier(true, true, false)],
  ['filter', (site: OpSite) => collect(site, 'test', (test) => `if (${test}) out.push(data);`)],
  ['map', (site: OpSite) => collect(site, 'value', (value) => `out.push(${value});`)],
  ['reduce', reduce],
]);

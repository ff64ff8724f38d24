import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileLogic } from '../../../lib/rules/json-logic.js';

// Corners of json-logic-js 2.0.5 that random rules rarely reach, each checked against the
// reference itself. `undefined` results and thrown errors are compared too.
const cases: { readonly why: string; readonly rule: unknown; readonly data?: unknown }[] = [
  { why: '* parses each step again, so -0 becomes 0', rule: { '*': [-1, 0, -5] } },
  { why: '* of "-0"', rule: { '*': ['-0', 5] } },
  { why: '* of one argument returns it unparsed', rule: { '*': ['3'] } },
  { why: '* of none throws (reduce without a seed)', rule: { '*': [] } },
  { why: '+ of none is 0', rule: { '+': [] } },
  { why: '+ of "-0" is +0', rule: { '+': ['-0'] } },
  { why: '+ parses strings with parseFloat', rule: { '+': ['3.5kg', ' 2', ''] } },
  { why: '- with an undefined second argument negates', rule: { '-': [2, { and: [] }] } },
  { why: '- of none', rule: { '-': [] } },
  { why: '- uses ToNumber, not parseFloat', rule: { '-': ['', '1'] } },
  { why: '< with an undefined third argument compares two', rule: { '<': [1, 2, { and: [] }] } },
  { why: '<= between with null as the upper bound', rule: { '<=': [1, 1, { var: 'missing' }] } },
  { why: '< of one argument', rule: { '<': [1] } },
  { why: '> ignores a third argument', rule: { '>': [3, 2, 99] } },
  { why: 'and of none is undefined', rule: { and: [] } },
  { why: 'or of none is undefined', rule: { or: [] } },
  { why: 'and returns the deciding operand', rule: { and: [1, [], 3] } },
  { why: 'or returns the first truthy operand', rule: { or: [0, '', [0], 2] } },
  { why: '! of no argument', rule: { '!': [] } },
  { why: '! of an empty array', rule: { '!': [[]] } },
  { why: '!! of "0"', rule: { '!!': ['0'] } },
  { why: 'if of none is null', rule: { if: [] } },
  { why: 'if with an even count has no else', rule: { if: [false, 1, false, 2] } },
  { why: '?: chains like if', rule: { '?:': [false, 1, [], 2, 'else'] } },
  { why: 'var default that evaluates to undefined becomes null', rule: { var: ['x', { and: [] }] } },
  { why: 'var finds a null and returns it, not the default', rule: { var: ['a', 5] }, data: { a: null } },
  { why: 'var below a null returns the default', rule: { var: ['a.b', 5] }, data: { a: null } },
  { why: 'var of "" returns the data', rule: { var: '' }, data: [1, 2] },
  { why: 'var of null returns the data', rule: { var: null }, data: 'text' },
  { why: 'var of a number', rule: { var: 1 }, data: ['a', 'b'] },
  { why: 'var of 1.5 reads "1" then "5"', rule: { var: 1.5 }, data: { 1: { 5: 'x' } } },
  { why: 'var of true', rule: { var: true }, data: { true: 'yes' } },
  { why: 'var into a string', rule: { var: 'name.length' }, data: { name: 'Kim' } },
  { why: 'var into a string index', rule: { var: 'name.0' }, data: { name: 'Kim' } },
  { why: 'var with an empty segment', rule: { var: 'a..b' }, data: { a: { '': { b: 1 } } } },
  { why: 'var with a computed path', rule: { var: { cat: ['a', '.b'] } }, data: { a: { b: 7 } } },
  { why: 'var with an array path', rule: { var: [['a']] }, data: { a: 1 } },
  { why: 'var with no data', rule: { var: 'a' }, data: undefined },
  { why: 'in a string coerces the needle', rule: { in: [null, 'nullable'] } },
  { why: 'in an empty string is false', rule: { in: ['', ''] } },
  { why: 'in a literal list compares strictly', rule: { in: ['1', [1, 2]] } },
  { why: 'in a list with null', rule: { in: [null, ['a', null]] } },
  { why: 'in a number is false', rule: { in: [1, 12] } },
  { why: 'in data that has a non-function indexOf throws', rule: { in: [1, { var: 'x' }] }, data: { x: { indexOf: 3 } } },
  { why: 'an unused argument that throws still throws', rule: { '!': [true, { '+': [{ in: [1, { var: 'x' }] }] }] }, data: { x: { indexOf: 3 } } },
  { why: 'a var default that throws throws even when the path is found', rule: { var: ['y', { in: [1, { var: 'x' }] }] }, data: { x: { indexOf: 3 }, y: 1 } },
  { why: 'a var of the data itself still evaluates its default', rule: { var: ['', { in: [1, { var: 'x' }] }] }, data: { x: { indexOf: 3 } } },
  { why: 'a var default is evaluated once, before the lookup', rule: { var: ['y', { cat: ['a', { var: 'y' }] }] }, data: {} },
  { why: 'extra var arguments are evaluated', rule: { var: ['y', 0, { in: [1, { var: 'x' }] }] }, data: { x: { indexOf: 3 }, y: 1 } },
  { why: 'an unused product that throws still throws', rule: { '==': [1, 1, { '*': [2, { in: [1, { var: 'x' }] }] }] }, data: { x: { indexOf: 3 } } },
  { why: 'cat of null, arrays and booleans', rule: { cat: [null, [1, [2, 3]], true, { and: [] }] } },
  { why: 'cat of numbers', rule: { cat: [1, -0, 2.5] } },
  { why: 'substr with negative start and length', rule: { substr: ['jsonlogic', -5, -2] } },
  { why: 'substr of a number', rule: { substr: [12345, 1, 2] } },
  { why: 'merge flattens one level', rule: { merge: [[1], [[2]], 3, null] } },
  { why: 'min and max of nothing', rule: { merge: [{ min: [] }, { max: [] }] } },
  { why: 'max coerces strings', rule: { max: ['3', 2, true] } },
  { why: '== between an array and a number', rule: { '==': [[1], 1] } },
  { why: '== null and undefined', rule: { '==': [null, { and: [] }] } },
  { why: '=== of one argument', rule: { '===': [{ and: [] }] } },
  { why: 'missing with an array of keys', rule: { missing: [['a', 'b', 'c']] }, data: { a: 1, b: '' } },
  { why: 'missing with a [key, default] pair', rule: { missing: [[['a', 'd']]] }, data: {} },
  { why: 'missing of nothing', rule: { missing: [] }, data: {} },
  { why: 'missing_some reads the length of a string', rule: { missing_some: [1, 'ab'] }, data: {} },
  { why: 'missing_some of null throws', rule: { missing_some: [1, null] }, data: {} },
  { why: 'some of null is false', rule: { some: [null, true] } },
  { why: 'all of an empty array is false', rule: { all: [[], true] } },
  { why: 'none of a non-array is true', rule: { none: ['abc', true] } },
  { why: 'map without logic maps to undefined', rule: { map: [[1, 2]] } },
  { why: 'filter reindexes', rule: { filter: [[1, 0, 2], { var: '' }] } },
  { why: 'reduce without an initial value starts from null', rule: { reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }] } },
  { why: 'reduce of a non-array returns the initial value', rule: { reduce: ['x', { var: 'current' }, 5] } },
  { why: 'reduce can return its scope', rule: { reduce: [[1], { var: '' }, 0] } },
  { why: 'scoped logic sees only the element', rule: { map: [{ var: 'items' }, { var: 'profile' }] }, data: { profile: 1, items: [{ a: 1 }] } },
  { why: 'a non-logic object comes back as is', rule: { if: [true, { a: 1, b: 2 }] } },
  { why: 'an empty object comes back as is', rule: [{}, { '==': [1, 1] }] },
];

function run(evaluate: () => unknown): unknown {
  try {
    return { value: evaluate() };
  } catch {
    return { threw: true };
  }
}

describe('compileLogic on corners of json-logic-js', () => {
  it.each(cases)('$why', ({ rule, data }) => {
    // Arrange
    const evaluate = compileLogic(rule);

    // Act
    const actual = run(() => evaluate(structuredClone(data)));

    // Assert
    expect(actual).toStrictEqual(run(() => jsonLogic.apply(rule as never, structuredClone(data))));
  });

  it('keeps -0 apart from 0', () => {
    // Act
    const product = compileLogic({ '*': [-1, 0] })();

    // Assert
    expect(Object.is(product, jsonLogic.apply({ '*': [-1, 0] }))).toBe(true);
  });
});

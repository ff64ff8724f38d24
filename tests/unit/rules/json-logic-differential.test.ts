import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { registerCrmOperators } from '../../../lib/rules/register-crm-operators.js';
import { compileLogic } from '../../../lib/rules/json-logic.js';
import { data, rule, segments, windowCondition } from './logic-arbitraries.js';

// The reference: json-logic-js with the same CRM operators registered.
registerCrmOperators(jsonLogic, { segments: (id) => segments[id] });

type Outcome = { readonly threw: true } | { readonly threw: false; readonly value: unknown };

function outcome(run: () => unknown): Outcome {
  try {
    return { threw: false, value: run() };
  } catch {
    return { threw: true };
  }
}

/** Deep equality with Object.is at the leaves, so NaN equals NaN and -0 differs from 0. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => same((a as never)[key], (b as never)[key]));
}

function differences(logic: unknown, samples: readonly unknown[]): string[] {
  const evaluate = compileLogic(logic, { segments: (id) => segments[id] });
  return samples.flatMap((sample) => {
    const expected = outcome(() => jsonLogic.apply(logic as never, structuredClone(sample)));
    const actual = outcome(() => evaluate(structuredClone(sample)));
    const agree = expected.threw || actual.threw ? expected.threw === actual.threw : same(expected.value, actual.value);
    return agree ? [] : [`data ${JSON.stringify(sample)}: json-logic-js ${JSON.stringify(expected)}, compiled ${JSON.stringify(actual)}`];
  });
}

describe('compileLogic against json-logic-js on random rules and profiles', () => {
  it.each([20260301, 42, 7])('finds no difference (seed %i)', (seed) => {
    // Arrange
    const property = fc.property(rule, fc.array(data, { minLength: 1, maxLength: 4 }), (logic, samples) => {
      // Act
      const found = differences(logic, samples);

      // Assert
      expect(found, JSON.stringify(logic)).toEqual([]);
    });

    fc.assert(property, { seed, numRuns: 1500 });
  }, 60_000);
});

describe('compiled date windows against json-logic-js', () => {
  it.each([20260301, 11, 2024])('find no difference on dates at window edges (seed %i)', (seed) => {
    // Arrange: many profiles per condition, so each window meets edges, odd texts and zones.
    const property = fc.property(windowCondition, fc.array(data, { minLength: 4, maxLength: 12 }), (logic, samples) => {
      // Act
      const found = differences(logic, samples);

      // Assert
      expect(found, JSON.stringify(logic)).toEqual([]);
    });

    fc.assert(property, { seed, numRuns: 800 });
  }, 60_000);
});

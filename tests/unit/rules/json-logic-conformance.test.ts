import { describe, expect, it } from 'vitest';
import { compileLogic } from '../../../lib/rules/json-logic.js';
import { fixture } from '../../support/fixtures.js';

// The official JsonLogic suite (tests/fixtures/jsonlogic): strings are headings, every
// other entry is [rule, data, expected]. json-logic-js 2.0.5 passes all 277.
const suite = fixture<unknown[]>('jsonlogic/tests.json');
const cases = suite
  .filter((entry): entry is [unknown, unknown, unknown] => Array.isArray(entry))
  .map(([rule, data, expected], index) => ({ index, rule, data, expected, text: JSON.stringify(rule) }));

describe('compileLogic on the official JsonLogic suite', () => {
  it('has all 277 cases', () => {
    // Assert
    expect(cases).toHaveLength(277);
  });

  it.each(cases)('case $index: $text', ({ rule, data, expected }) => {
    // Arrange
    const evaluate = compileLogic(rule);

    // Act
    const result = evaluate(structuredClone(data));

    // Assert
    expect(result).toEqual(expected);
  });
});

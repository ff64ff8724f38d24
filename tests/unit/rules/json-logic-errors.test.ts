import { describe, expect, it } from 'vitest';
import { compileLogic } from '../../../lib/rules/json-logic.js';
import { LogicCompileError } from '../../../lib/rules/logic-errors.js';

function compileError(logic: unknown, options?: Parameters<typeof compileLogic>[1]): LogicCompileError {
  try {
    compileLogic(logic, options);
  } catch (error) {
    if (error instanceof LogicCompileError) return error;
    throw error;
  }
  throw new Error('expected a LogicCompileError');
}

/** `depth` nested `!` objects around `true`. */
function nested(depth: number): unknown {
  let logic: unknown = true;
  for (let i = 0; i < depth; i++) logic = { '!': logic };
  return logic;
}

describe('compileLogic errors', () => {
  it('names an unknown operator, where it is, and the operator meant', () => {
    // Arrange
    const rule = { and: [{ has_tag: 'vip' }, true, { has_tags: 'vip' }] };

    // Act
    const error = compileError(rule);

    // Assert
    expect(error).toMatchObject({ name: 'LogicCompileError', path: 'and[2]' });
    expect(error.message).toBe('and[2]: unknown operator "has_tags" — did you mean "has_tag"?');
  });

  it('gives the path through unary arguments and nested operators', () => {
    // Act
    const error = compileError({ or: [false, { '!': { days_sinse: { var: 'profile.lastOrderAt' } } }] });

    // Assert
    expect(error.path).toBe('or[1].!');
    expect(error.reason).toBe('unknown operator "days_sinse" — did you mean "days_since"?');
  });

  it('offers nothing when no operator is close', () => {
    // Act
    const error = compileError({ frobnicate: [1] });

    // Assert
    expect(error.message).toBe('unknown operator "frobnicate"');
  });

  it('refuses log', () => {
    // Act
    const error = compileError({ log: 'x' });

    // Assert
    expect(error.message).toBe('operator "log" is not allowed: it writes to the console on every evaluation');
  });

  it('refuses json-logic-js method paths such as "Math.max"', () => {
    // Act
    const error = compileError({ 'Math.max': [1, 2] });

    // Assert
    expect(error.reason).toMatch(/^unknown operator "Math\.max"/);
  });

  it('accepts the deepest rule the limit allows', () => {
    // Act
    const evaluate = compileLogic(nested(64));

    // Assert
    expect(evaluate({})).toBe(true);
  });

  it('refuses a rule nested deeper than the limit', () => {
    // Act
    const error = compileError(nested(65));

    // Assert
    expect(error.reason).toBe('rule nests deeper than 64 levels');
  });

  it('refuses a rule with more nodes than the limit', () => {
    // Arrange
    const rule = { and: Array.from({ length: 10_000 }, (_, i) => ({ '==': [{ var: 'x' }, i] })) };

    // Act
    const error = compileError(rule);

    // Assert
    expect(error.reason).toBe('rule has more than 10000 nodes — split it into segments');
  });

  it('refuses values that are not JSON', () => {
    // Act
    const error = compileError({ '==': [{ var: 'x' }, new Date(0)] });

    // Assert
    expect(error).toMatchObject({ path: '==[1]', reason: 'an object of class Date is not JSON — rules are JSON values only' });
  });

  it('checks the number of arguments of CRM operators', () => {
    // Act
    const error = compileError({ has_consent: ['kakao'] });

    // Assert
    expect(error.message).toBe('has_consent takes 2 arguments, got 1 — write {"has_consent": [channel, purpose]}');
  });

  it('refuses an unknown segment', () => {
    // Act
    const error = compileError({ in_segment: 'vip' }, { segments: () => undefined });

    // Assert
    expect(error.message).toBe('unknown segment "vip"');
  });

  it('refuses a computed segment id', () => {
    // Act
    const error = compileError({ in_segment: { var: 'segment' } }, { segments: () => true });

    // Assert
    expect(error.reason).toBe('in_segment takes a segment id written as a string, not computed');
  });

  it('refuses segments that include each other', () => {
    // Arrange
    const segments: Record<string, unknown> = { a: { in_segment: 'b' }, b: { or: [false, { in_segment: 'a' }] } };

    // Act
    const error = compileError({ in_segment: 'a' }, { segments: (id) => segments[id] });

    // Assert
    expect(error.message).toBe('in segment "a": in segment "b": or[1]: segment "a" includes itself: a → b → a');
  });

  it('reports an error inside a segment with the segment name', () => {
    // Arrange
    const segments: Record<string, unknown> = { vip: { and: [{ has_tags: 'vip' }] } };

    // Act
    const error = compileError({ and: [true, { in_segment: 'vip' }] }, { segments: (id) => segments[id] });

    // Assert
    expect(error).toMatchObject({ path: 'and[1]', reason: 'in segment "vip": and[0]: unknown operator "has_tags" — did you mean "has_tag"?' });
    expect(error.cause).toBeInstanceOf(LogicCompileError);
  });
});

import jsonLogic from 'json-logic-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileLogic, generateLogicSource } from '../../../lib/rules/json-logic.js';

// Text that would run if it were spliced into generated source unescaped.
const hostile = [
  '"]});globalThis.__pwned = true;//',
  "'];globalThis.__pwned = true;//",
  '`;globalThis.__pwned = true;//',
  '${globalThis.__pwned = true}',
  '\u2028globalThis.__pwned = true;\u2029',
  '\\"+(globalThis.__pwned = true)+"',
  '*/globalThis.__pwned = true;/*',
  '\n}\nglobalThis.__pwned = true;\nfunction x() {',
  '</script><script>globalThis.__pwned = true</script>',
  'process.exit(1)',
];

const canary = globalThis as { __pwned?: boolean };

/** `{a: {b: value}}` for "a.b", as `var` splits paths at dots. */
function at(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value as Record<string, unknown>);
}

const escaped = (text: string): string => JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

afterEach(() => {
  delete canary.__pwned;
  vi.restoreAllMocks();
});

describe('compileLogic with hostile rules and data', () => {
  it.each(hostile)('reads a property named %j without running it', (key) => {
    // Arrange
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const rule = { cat: [{ var: key }, { var: `profile.${key}` }, { var: [`nope.${key}`, key] }] };

    // Act
    const result = compileLogic(rule)({ ...at(key, 'a'), profile: at(key, 'b') });

    // Assert
    expect(result).toBe(`ab${key}`);
    expect(canary.__pwned).toBeUndefined();
    expect(exit).not.toHaveBeenCalled();
  });

  it.each(hostile)('returns literal %j as data', (text) => {
    // Arrange
    const rule = { if: [{ '==': [{ var: 'x' }, text] }, { in: [text, [text, 'other']] }, { merge: [[text], { a: text, [text]: 1 }] }] };

    // Act
    const matched = compileLogic(rule)({ x: text });
    const unmatched = compileLogic(rule)({ x: 'something else' });

    // Assert
    expect(matched).toBe(true);
    expect(unmatched).toEqual([text, { a: text, [text]: 1 }]);
    expect(canary.__pwned).toBeUndefined();
  });

  it('puts no rule text in the source but escaped property names', () => {
    // Arrange
    const rule = { and: hostile.map((text) => ({ '==': [{ var: `a.${text}` }, text] })) };

    // Act
    const { source, constants } = generateLogicSource(rule);

    // Assert
    for (const text of hostile) {
      for (const segment of text.split('.')) expect(source).toContain(`[${escaped(segment)}]`);
      expect(constants).toContain(text);
    }
    expect(source).not.toMatch(/[\u2028\u2029]/);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'profile.__proto__', 'profile.constructor.name', 'profile.toString', 'profile.name.toUpperCase', 'profile.tags.map'])(
    'does not read inherited or prototype property %s',
    (path) => {
      // Arrange
      const data = { profile: { name: 'Kim', tags: ['vip'] } };

      // Act
      const result = compileLogic({ var: [path, 'not found'] })(data);

      // Assert
      expect(result).toBe('not found');
    },
  );

  it('does not follow an own "__proto__" key that JSON.parse created', () => {
    // Arrange
    const data = JSON.parse('{"profile": {"__proto__": {"isAdmin": true}}}');

    // Act
    const result = compileLogic({ var: 'profile.__proto__.isAdmin' })(data);

    // Assert
    expect(result).toBeNull();
  });

  it('reads own properties of arrays and strings', () => {
    // Arrange
    const data = { profile: { name: 'Kim', tags: ['vip', 'new'] } };

    // Act
    const result = compileLogic({ cat: [{ var: 'profile.name.length' }, { var: 'profile.tags.length' }, { var: 'profile.tags.1' }] })(data);

    // Assert
    expect(result).toBe('32new');
  });

  it('ignores a polluted Object.prototype, where json-logic-js reads it (a deliberate difference)', () => {
    // Arrange
    const rule = { var: ['profile.isAdmin', false] };
    const data = { profile: {} };
    Object.defineProperty(Object.prototype, 'isAdmin', { value: true, configurable: true });

    try {
      // Act
      const compiled = compileLogic(rule)(data);
      const reference = jsonLogic.apply(rule as never, data);

      // Assert
      expect(compiled).toBe(false);
      expect(reference).toBe(true);
    } finally {
      delete (Object.prototype as { isAdmin?: unknown }).isAdmin;
    }
  });

  it('returns null for an inherited method, where json-logic-js returns the function (a deliberate difference)', () => {
    // Arrange
    const rule = { var: 'profile.toString' };

    // Act
    const compiled = compileLogic(rule)({ profile: {} });
    const reference = jsonLogic.apply(rule as never, { profile: {} });

    // Assert
    expect(compiled).toBeNull();
    expect(reference).toBe(Object.prototype.toString);
  });

  it('does not read consent through a "__proto__" channel', () => {
    // Arrange
    const data = JSON.parse('{"profile": {"consent": {"__proto__": {"ad": {"state": "granted"}}}}}');

    // Act
    const result = compileLogic({ has_consent: ['__proto__', 'ad'] })(data);

    // Assert
    expect(result).toBe(false);
  });

  it('keeps returned objects from changing the rule', () => {
    // Arrange
    const evaluate = compileLogic({ if: [true, { a: 1, b: [1] }] });
    const first = evaluate({}) as { a: number; b: number[] };

    // Act
    const mutate = (): void => {
      first.a = 2;
    };

    // Assert
    expect(mutate).toThrow(TypeError);
    expect(evaluate({})).toEqual({ a: 1, b: [1] });
  });
});

/**
 * Fragments of generated JavaScript and what the compiler knows about them. Knowing that
 * an expression is a boolean or a number lets `and`/`or`/`if` use plain `&&`/`||`/`?:`
 * (JavaScript truthiness differs from JSON Logic's only for arrays).
 */
export type Kind = 'bool' | 'num' | 'str' | 'arr' | 'any';

export interface Code {
  readonly js: string;
  readonly kind: Kind;
  /** Evaluating it can neither throw nor be observed: it may be skipped or reordered. */
  readonly inert: boolean;
  /** A name or a literal: free to repeat. */
  readonly atom?: boolean;
  /** The value, when the node was a primitive literal. */
  readonly literal?: { readonly value: unknown };
  /** The `days` argument, when the node is `{"visits_within": days}`. */
  readonly visitsDays?: Code;
  /** The date argument, when the node is `{"days_since": date}` or `{"hours_since": date}`. */
  readonly since?: { readonly op: 'days_since' | 'hours_since'; readonly date: Code };
}

export const UNDEFINED_CODE: Code = { js: 'undefined', kind: 'any', inert: true, atom: true, literal: { value: undefined } };
export const NULL_CODE: Code = { js: 'null', kind: 'any', inert: true, atom: true, literal: { value: null } };
export const FALSE_CODE: Code = { js: 'false', kind: 'bool', inert: true, atom: true, literal: { value: false } };

/** Could evaluate to undefined (which `var` defaults and `-`, `<` treat as "absent"). */
export function mayBeUndefined(code: Code): boolean {
  return code.literal === undefined ? code.kind === 'any' : code.literal.value === undefined;
}

/** What generated code and handlers need from the compiler while compiling one operator. */
export interface OpSite {
  readonly op: string;
  /** The arguments, `{"op": x}` read as `{"op": [x]}`. */
  readonly args: readonly unknown[];
  readonly path: string;
  /** Argument `index` (compiled once per call: call once per argument). */
  value(index: number): Code;
  /** Argument `index` as a boolean of its JSON Logic truthiness (kind `bool`). */
  test(index: number): Code;
  /** A literal value (a string or object becomes a closed-over constant). */
  literal(value: unknown): Code;
  /** Name of a closed-over constant holding `value` itself (a helper object of the compiled rule). */
  constant(value: unknown): string;
  /** Argument `index` as logic evaluated with each element as data (some/map/…). */
  element(index: number, mode: 'value' | 'test'): { readonly prelude: string; readonly js: string; readonly inert: boolean };
  temp(): string;
  /** A factory-level function; `build` gets its name. */
  declare(build: (name: string) => string): string;
  /** Own-property lookup of a literal path in the current data: the value or undefined. */
  lookup(segments: readonly string[]): string;
  /** Name of the compiled (boolean) function of a segment referenced with `in_segment`. */
  segment(id: string): { readonly name: string; readonly inert: boolean };
  fail(reason: string): never;
}

export type OpHandler = (site: OpSite) => Code;
/** Compiles an operator for a place that only needs its truthiness (kind `bool`). */
export type TestHandler = (site: OpSite) => Code;

/** `js` as a boolean of JSON Logic truthiness. */
export function truthyOf(code: Pick<Code, 'js' | 'kind'>): string {
  switch (code.kind) {
    case 'bool':
      return code.js;
    case 'num':
    case 'str':
      return `!!${code.js}`;
    case 'arr':
      return `(${code.js}.length !== 0)`;
    default:
      return `truthy(${code.js})`;
  }
}

/** Kinds whose JavaScript truthiness is JSON Logic's. */
export function plainTruthiness(kind: Kind): boolean {
  return kind === 'bool' || kind === 'num' || kind === 'str';
}

export function commonKind(codes: readonly Code[]): Kind {
  const first = codes[0]?.kind ?? 'any';
  return codes.every((code) => code.kind === first) ? first : 'any';
}

export function allInert(codes: readonly Code[]): boolean {
  return codes.every((code) => code.inert);
}

/**
 * Compiles every argument, as json-logic-js evaluates them all before calling an operator,
 * and returns the first `used` ones. Unused arguments that could throw are still evaluated
 * (after the used ones, in order); inert ones are dropped.
 */
export function evaluateArguments(
  site: OpSite,
  used: number,
): { args: Code[]; inert: boolean; finish: (js: string) => string } {
  const all: Code[] = [];
  for (let i = 0; i < Math.max(used, site.args.length); i++) all.push(site.value(i));
  const inert = allInert(all);
  const extras = all.slice(used).filter((code) => !code.inert);
  if (extras.length === 0) return { args: all.slice(0, used), inert, finish: (js) => js };
  const bound = bindAll(site, all.slice(0, used));
  const finish = (js: string): string => `(${[...bound.binds, ...extras.map((code) => code.js)].join(', ')}, ${js})`;
  return { args: bound.refs, inert, finish };
}

/**
 * Evaluates each code once, in order, into a temporary unless it is an atom (names and
 * literals, which nothing in between can change), so the references can be repeated.
 */
export function bindAll(site: OpSite, codes: readonly Code[]): { binds: string[]; refs: Code[] } {
  const binds: string[] = [];
  const refs = codes.map((code): Code => {
    if (code.atom === true) return code;
    const name = site.temp();
    binds.push(`${name} = ${code.js}`);
    return { js: name, kind: code.kind, inert: true, atom: true };
  });
  return { binds, refs };
}

/** `(binds…, js)`, or `js` alone. */
export function sequence(binds: readonly string[], js: string): string {
  return binds.length === 0 ? js : `(${binds.join(', ')}, ${js})`;
}

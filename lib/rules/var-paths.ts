import { BLOCKED_SEGMENTS } from './logic-runtime.js';

/**
 * What a `var` reads when its path is a literal, decided at compile time:
 * the data itself (`""`, `null`, no path), nothing (a blocked segment), or a list of
 * property names. `undefined` means the path is computed at run time.
 */
export type StaticVarPath =
  | { readonly kind: 'root' }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'path'; readonly segments: readonly string[] };

export function staticVarPath(path: unknown): StaticVarPath | undefined {
  if (path === undefined || path === null || path === '') return { kind: 'root' };
  if (typeof path !== 'string' && typeof path !== 'number' && typeof path !== 'boolean') return undefined;
  // String(), as json-logic-js does: {"var": 1} reads "1", {"var": 1.5} reads "1" then "5".
  const segments = String(path).split('.');
  return segments.some((segment) => BLOCKED_SEGMENTS.has(segment)) ? { kind: 'blocked' } : { kind: 'path', segments };
}

/** Operators whose argument 1 is evaluated once per element, with the element as data. */
export const SCOPED_OPERATORS: ReadonlySet<string> = new Set(['some', 'all', 'none', 'filter', 'map', 'reduce']);

export interface PathUse {
  readonly segments: readonly string[];
  count: number;
}

/**
 * How many `var`s (and operators' own `reads`) of one scope — not descending into scoped
 * logic, which sees other data — read through each path prefix. A prefix read twice or
 * more is worth looking up once.
 */
export function countPathPrefixes(logic: unknown, reads: (op: string) => readonly (readonly string[])[]): Map<string, PathUse> {
  const uses = new Map<string, PathUse>();
  const use = (path: readonly string[]): void => {
    for (let length = 1; length <= path.length; length++) {
      const segments = path.slice(0, length);
      const key = prefixKey(segments);
      const known = uses.get(key);
      if (known === undefined) uses.set(key, { segments, count: 1 });
      else known.count++;
    }
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const op = operatorOf(node);
    if (op === undefined) return;
    const raw = (node as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (SCOPED_OPERATORS.has(op)) {
      visit(args[0]);
      if (op === 'reduce') visit(args[2]);
      return;
    }
    if (op === 'var') {
      const path = staticVarPath(args[0]);
      if (path?.kind === 'path') use(path.segments);
    }
    reads(op).forEach(use);
    args.forEach(visit);
  };
  visit(logic);
  return uses;
}

export function prefixKey(segments: readonly string[]): string {
  return JSON.stringify(segments);
}

/** The operator of a JSON Logic node — an object with exactly one key — else undefined. */
export function operatorOf(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

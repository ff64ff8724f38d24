/**
 * A rule that cannot be compiled. `path` locates the offending node inside the rule
 * (`and[2].or[0]`, empty for the root) so callers can prefix the file and field:
 * `rules/cart-abandonment.json: audience.and[2]: unknown operator "has_tags" — did you mean "has_tag"?`
 */
export class LogicCompileError extends Error {
  override readonly name = 'LogicCompileError';
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(path === '' ? reason : `${path}: ${reason}`, options);
    this.path = path;
    this.reason = reason;
  }
}

/** Path of argument `index` of operator `op` below `parent`; `{"!": x}` has no index. */
export function argumentPath(parent: string, op: string, index: number, argumentsIsArray: boolean): string {
  const here = parent === '' ? op : `${parent}.${op}`;
  return argumentsIsArray ? `${here}[${index}]` : here;
}

export function elementPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

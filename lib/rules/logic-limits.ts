import { LogicCompileError, argumentPath, elementPath } from './logic-errors.js';

/**
 * Bounds on what a rule may be, checked before any code is generated: deep nesting would
 * overflow the compiler's recursion (and the engine's parser), and a huge rule is a
 * mistake or an attack rather than a segment. Segments referenced with `in_segment` draw
 * on the same node budget as the rule that includes them.
 */
export interface LogicLimits {
  /** Nested arrays and objects, the rule itself being level 1. */
  readonly maxDepth: number;
  /** Values of any kind: operators, arrays, literals. */
  readonly maxNodes: number;
}

export const DEFAULT_LOGIC_LIMITS: LogicLimits = { maxDepth: 64, maxNodes: 10_000 };

export class NodeBudget {
  private used = 0;

  constructor(readonly limits: LogicLimits) {}

  spend(path: string): void {
    this.used++;
    if (this.used > this.limits.maxNodes) {
      throw new LogicCompileError(path, `rule has more than ${this.limits.maxNodes} nodes — split it into segments`);
    }
  }
}

/** Throws LogicCompileError unless `logic` is JSON within the limits. */
export function checkLogicShape(logic: unknown, budget: NodeBudget, path = '', depth = 1): void {
  budget.spend(path);
  if (logic === null || typeof logic === 'string' || typeof logic === 'boolean' || typeof logic === 'number') return;
  if (depth > budget.limits.maxDepth) {
    throw new LogicCompileError(path, `rule nests deeper than ${budget.limits.maxDepth} levels`);
  }
  if (Array.isArray(logic)) {
    logic.forEach((element, index) => checkLogicShape(element, budget, elementPath(path, index), depth + 1));
    return;
  }
  if (!isPlainObject(logic)) {
    throw new LogicCompileError(path, `${describe(logic)} is not JSON — rules are JSON values only`);
  }
  const keys = Object.keys(logic);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined) {
    const args = logic[only];
    if (Array.isArray(args)) {
      // Arguments count as the operator's own level, as they read: {"and": [a, b]}.
      budget.spend(path);
      args.forEach((arg, index) => checkLogicShape(arg, budget, argumentPath(path, only, index, true), depth + 1));
    } else {
      checkLogicShape(args, budget, argumentPath(path, only, 0, false), depth + 1);
    }
    return;
  }
  for (const key of keys) checkLogicShape(logic[key], budget, `${path}{${JSON.stringify(key)}}`, depth + 1);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return `an object of class ${value?.constructor?.name ?? 'unknown'}`;
  return `a ${typeof value}`;
}

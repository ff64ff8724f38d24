import { argumentPath, elementPath } from './logic-errors.js';
import { SCOPED_OPERATORS, operatorOf } from './var-paths.js';

/** One operator of a rule, where it is (the compiler's path notation) and what data it sees. */
export interface LogicNode {
  readonly op: string;
  readonly args: readonly unknown[];
  /** The arguments were written as a list (`{"var": ["x", 0]}`), not one value (`{"var": "x"}`). */
  readonly listed: boolean;
  /** `and[2].or[0]`: the path LogicCompileError uses, without the rule field. */
  readonly path: string;
  /** Inside the per-element logic of some/all/none/filter/map/reduce, where data is the element. */
  readonly scoped: boolean;
}

/** Every operator node of `logic`, parents first. */
export function* walkLogic(logic: unknown, path = '', scoped = false): Generator<LogicNode> {
  if (Array.isArray(logic)) {
    for (const [index, item] of logic.entries()) yield* walkLogic(item, elementPath(path, index), scoped);
    return;
  }
  const op = operatorOf(logic);
  if (op === undefined) return;
  const raw = (logic as Record<string, unknown>)[op];
  const isArray = Array.isArray(raw);
  const args: readonly unknown[] = isArray ? raw : [raw];
  yield { op, args, listed: isArray, path, scoped };
  for (const [index, arg] of args.entries()) {
    const elementLogic = SCOPED_OPERATORS.has(op) && index === 1;
    yield* walkLogic(arg, argumentPath(path, op, index, isArray), scoped || elementLogic);
  }
}

import { describeLogic } from './describe-logic.js';
import { compileLogic, type SegmentResolver } from './json-logic.js';
import { argumentPath } from './logic-errors.js';
import { truthy } from './logic-runtime.js';
import { SCOPED_OPERATORS, operatorOf } from './var-paths.js';

/**
 * Why a customer is or is not in a segment (or a rule's audience): the rule as a tree of its
 * sub-conditions, each with the value it had for this data. Every node is evaluated with
 * compileLogic — json-logic-js semantics — on its own, so a value shown is exactly the value
 * the whole rule saw there. `and`/`or` show all their conditions, also those the rule did
 * not need to look at (marked `decided: false`): a marketer wants to know everything that failed.
 */
export interface Explanation {
  /** Where the node is in the rule (`and[1]`), as validation messages name it. */
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
  readonly holds: boolean;
  /** A condition (shown ✓/✗) rather than a value it compares (shown `= value`). */
  readonly condition: boolean;
  /** For `and`/`or` operands: whether evaluation reached this operand. */
  readonly decided?: boolean;
  /** `in_segment`: the segment explained. */
  readonly segment?: string;
  readonly error?: string;
  readonly children: readonly Explanation[];
}

const CONDITIONS = new Set(['and', 'or', '!', '!!', 'if', '?:', '==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', 'some', 'all', 'none', 'has_tag', 'has_consent', 'in_segment', 'missing', 'missing_some']);
const BRANCHING = new Set(['and', 'or', '!', '!!', 'if', '?:']);

export function explainLogic(logic: unknown, data: unknown, options: { segments?: SegmentResolver } = {}): Explanation {
  return explainNode(logic, data, '', options.segments, new Set());
}

function explainNode(logic: unknown, data: unknown, path: string, segments: SegmentResolver | undefined, within: ReadonlySet<string>): Explanation {
  const op = operatorOf(logic);
  const { value, error } = evaluate(logic, data, segments);
  const base = { path, text: describeLogic(logic), value, holds: truthy(value), condition: op === undefined ? typeof value === 'boolean' : CONDITIONS.has(op), ...(error ? { error } : {}) };
  if (op === undefined || op === 'var') return { ...base, children: [] };
  const raw = (logic as Record<string, unknown>)[op];
  const isArray = Array.isArray(raw);
  const args: unknown[] = isArray ? raw : [raw];
  const argPath = (index: number): string => argumentPath(path, op, index, isArray);

  if (op === 'in_segment' && typeof args[0] === 'string') {
    const id = args[0];
    const condition = segments?.(id);
    if (condition === undefined || within.has(id)) return { ...base, segment: id, children: [] };
    return { ...base, segment: id, children: [explainNode(condition, data, `${argPath(0)}→${id}`, segments, new Set([...within, id]))] };
  }
  const explained = args.flatMap((arg, index) => {
    // Literals explain nothing; scoped logic runs per element, so only its list is shown.
    if (!BRANCHING.has(op) && !hasOperator(arg)) return [];
    if (SCOPED_OPERATORS.has(op) && index > 0) return [];
    return [explainNode(arg, data, argPath(index), segments, within)];
  });
  return { ...base, children: op === 'and' || op === 'or' ? markDecided(explained, op) : explained };
}

function hasOperator(logic: unknown): boolean {
  return Array.isArray(logic) ? logic.some(hasOperator) : operatorOf(logic) !== undefined;
}

/** `and` stops at the first false operand, `or` at the first true one. */
function markDecided(children: readonly Explanation[], op: 'and' | 'or'): Explanation[] {
  let reached = true;
  return children.map((child) => {
    const marked = { ...child, decided: reached };
    if (reached && child.holds === (op === 'or')) reached = false;
    return marked;
  });
}

function evaluate(logic: unknown, data: unknown, segments: SegmentResolver | undefined): { value: unknown; error?: string } {
  try {
    return { value: compileLogic(logic, segments ? { segments } : {})(data) };
  } catch (error) {
    return { value: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The explanation as indented lines: `✓ condition → value`, `  field = value`. */
export function renderExplanation(explanation: Explanation, indent = ''): string[] {
  const value = JSON.stringify(explanation.value) ?? 'undefined';
  const head = explanation.condition
    ? `${indent}${explanation.holds ? '✓' : '✗'} ${explanation.text}${typeof explanation.value === 'boolean' ? '' : ` → ${value}`}`
    : `${indent}${explanation.text} = ${value}`;
  const notes = [explanation.decided === false ? ' (not reached)' : '', explanation.error ? ` — ${explanation.error}` : ''].join('');
  return [`${head}${notes}`, ...explanation.children.flatMap((child) => renderExplanation(child, `${indent}  `))];
}

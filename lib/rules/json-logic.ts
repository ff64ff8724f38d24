import { crmOperators } from './crm-operators.js';
import type { CrmOperatorName } from './crm-operators.js';
import { LogicCodegen } from './logic-codegen.js';
import type { GeneratedLogic, OperatorTable, SegmentResolver } from './logic-codegen.js';
import { controlTestOperators, controlValueOperators } from './logic-control-ops.js';
import { crmCompiledOperators } from './logic-crm-ops.js';
import { DEFAULT_LOGIC_LIMITS } from './logic-limits.js';
import type { LogicLimits } from './logic-limits.js';
import {
  cat,
  getVar,
  inOp,
  merge,
  missing,
  missingSome,
  multiplyFew,
  orNull,
  substr,
  toFloat,
  truthy,
} from './logic-runtime.js';
import { scopedOperators } from './logic-scoped-ops.js';
import { standardOperators } from './logic-standard-ops.js';

/**
 * JSON Logic compiled once into a JavaScript function, with the semantics of json-logic-js
 * 2.0.5 plus the CRM operators (see crm-operators.ts). Deliberate differences:
 * - `var` reads own properties only, never `__proto__`/`constructor`/`prototype`
 *   (json-logic-js returns inherited members such as `toString`);
 * - `missing`/`missing_some` treat their keys as data (json-logic-js would run a key that
 *   is a one-key object as logic);
 * - unknown operators, `log`, too deep or too large rules, and `in_segment` with an unknown,
 *   computed or self-including segment fail at compile time with LogicCompileError rather
 *   than when (and if) evaluation reaches them.
 */
export interface CompileLogicOptions {
  /** Resolves `in_segment` ids to segment logic (undefined: no such segment). */
  readonly segments?: SegmentResolver;
  readonly limits?: Partial<LogicLimits>;
}

export type CompiledLogic = (data?: unknown) => unknown;
export type { SegmentResolver };

const OPERATORS: OperatorTable = {
  value: new Map([...controlValueOperators, ...standardOperators, ...scopedOperators, ...crmCompiledOperators]),
  test: controlTestOperators,
  refused: new Map([['log', 'it writes to the console on every evaluation']]),
  reads: (op) => (Object.hasOwn(crmOperators, op) ? crmOperators[op as CrmOperatorName].reads : []),
};

/** Every operator a rule may use, for editors and error hints. */
export const LOGIC_OPERATORS: readonly string[] = [...OPERATORS.value.keys()];

/** What generated code calls, by these names. */
const RUNTIME = {
  truthy,
  getVar,
  missing,
  missingSome,
  inOp,
  cat,
  substr,
  merge,
  toFloat,
  multiplyFew,
  orNull,
  crm: Object.fromEntries(Object.entries(crmOperators).map(([name, operator]) => [name, operator.evaluate])),
  OP: Object.prototype,
  hop: Object.prototype.hasOwnProperty,
  getProto: Object.getPrototypeOf,
};

export function compileLogic(logic: unknown, options: CompileLogicOptions = {}): CompiledLogic {
  const { source, constants } = generateLogicSource(logic, options);
  // The source holds no text from the rule but escaped property names (see LogicCodegen).
  const factory = new Function('runtime', 'k', source) as (runtime: typeof RUNTIME, k: readonly unknown[]) => CompiledLogic;
  return factory(RUNTIME, constants);
}

/** The generated source, for tests and for reading what a rule compiles to. */
export function generateLogicSource(logic: unknown, options: CompileLogicOptions = {}): GeneratedLogic {
  const limits = { ...DEFAULT_LOGIC_LIMITS, ...options.limits };
  const codegen = new LogicCodegen(OPERATORS, { segments: options.segments, limits, runtimeNames: Object.keys(RUNTIME) });
  return codegen.generate(logic);
}

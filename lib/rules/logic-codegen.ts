import { closestName } from './closest-name.js';
import { FALSE_CODE, UNDEFINED_CODE, allInert, truthyOf } from './logic-code.js';
import type { Code, OpHandler, OpSite, TestHandler } from './logic-code.js';
import { LogicCompileError, argumentPath, elementPath } from './logic-errors.js';
import { NodeBudget, checkLogicShape } from './logic-limits.js';
import type { LogicLimits } from './logic-limits.js';
import { Scope } from './logic-scope.js';
import type { NameSource } from './logic-scope.js';
import { truthy } from './logic-runtime.js';
import { operatorOf } from './var-paths.js';

/** Looks up a segment's logic by id; undefined when there is no such segment. */
export type SegmentResolver = (segmentId: string) => unknown;

export interface OperatorTable {
  /** Every allowed operator. */
  readonly value: ReadonlyMap<string, OpHandler>;
  /** Operators with a cheaper form where only truthiness matters (and, or, if, !…). */
  readonly test: ReadonlyMap<string, TestHandler>;
  /** Known but refused, with the reason. */
  readonly refused: ReadonlyMap<string, string>;
  /** Data paths an operator reads besides its arguments (CRM operators), for sharing lookups. */
  readonly reads: (op: string) => readonly (readonly string[])[];
}

export interface CodegenOptions {
  readonly segments?: SegmentResolver;
  readonly limits: LogicLimits;
  /** Helpers the generated factory takes from its `runtime` argument. */
  readonly runtimeNames: readonly string[];
}

/** Generated source of a factory `(runtime, k) => rule function`; `k` holds the constants. */
export interface GeneratedLogic {
  readonly source: string;
  readonly constants: readonly unknown[];
}

/**
 * Turns JSON Logic into the source of one JavaScript function. Values that come from the
 * rule reach the source in two ways only: as closed-over constants (`k[i]`), or — property
 * names of `var` paths, so that V8 can inline-cache the reads — through `jsString`.
 */
export class LogicCodegen implements NameSource {
  private counter = 0;
  private readonly constants: unknown[] = [];
  private readonly constantNames: string[] = [];
  private readonly stringConstants = new Map<string, string>();
  private readonly declarations: string[] = [];
  private readonly segments = new Map<string, { name: string; inert: boolean }>();
  private readonly segmentStack: string[] = [];
  private readonly budget: NodeBudget;

  constructor(
    private readonly operators: OperatorTable,
    private readonly options: CodegenOptions,
  ) {
    this.budget = new NodeBudget(options.limits);
  }

  next(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter}`;
  }

  generate(logic: unknown): GeneratedLogic {
    checkLogicShape(logic, this.budget);
    const main = this.scopeFunction(logic, 'value');
    const constants = this.constantNames.map((name, index) => `const ${name} = k[${index}];`);
    const helpers = `const {${this.options.runtimeNames.join(', ')}} = runtime;`;
    const source = ['"use strict";', helpers, ...constants, ...this.declarations, `return ${main.name};`];
    return { source: source.join('\n'), constants: this.constants };
  }

  private scopeFunction(logic: unknown, mode: 'value' | 'test'): { name: string; inert: boolean } {
    const scope = new Scope(this, logic, this.operators.reads);
    const body = mode === 'value' ? this.value(logic, '', scope) : this.test(logic, '', scope);
    const name = this.next('f');
    this.declarations.push(`function ${name}(data) {${scope.prelude()}return ${body.js};}`);
    return { name, inert: body.inert };
  }

  private value(node: unknown, path: string, scope: Scope): Code {
    if (Array.isArray(node)) {
      const items = node.map((item, index) => this.value(item, elementPath(path, index), scope));
      return { js: `[${items.map((item) => item.js).join(', ')}]`, kind: 'arr', inert: allInert(items) };
    }
    const op = operatorOf(node);
    if (op === undefined) return this.literal(node);
    const handler = this.operators.value.get(op);
    if (handler === undefined) return this.unknownOperator(op, path);
    return handler(this.site(op, node as Record<string, unknown>, path, scope));
  }

  private test(node: unknown, path: string, scope: Scope): Code {
    if (!Array.isArray(node)) {
      const op = operatorOf(node);
      if (op === undefined) return this.literal(truthy(node));
      const handler = this.operators.test.get(op);
      if (handler !== undefined) return handler(this.site(op, node as Record<string, unknown>, path, scope));
    }
    const code = this.value(node, path, scope);
    return { js: truthyOf(code), kind: 'bool', inert: code.inert };
  }

  private site(op: string, node: Record<string, unknown>, path: string, scope: Scope): OpSite {
    const raw = node[op];
    const isArray = Array.isArray(raw);
    const args: readonly unknown[] = isArray ? raw : [raw];
    const argPath = (index: number): string => argumentPath(path, op, index, isArray);
    return {
      op,
      args,
      path,
      value: (index) => (index < args.length ? this.value(args[index], argPath(index), scope) : UNDEFINED_CODE),
      test: (index) => (index < args.length ? this.test(args[index], argPath(index), scope) : FALSE_CODE),
      literal: (value) => this.literal(value),
      constant: (value) => this.constant(value),
      element: (index, mode) => {
        const logic = args[index];
        const inner = new Scope(this, logic, this.operators.reads);
        const code = mode === 'value' ? this.value(logic, argPath(index), inner) : this.test(logic, argPath(index), inner);
        return { prelude: inner.prelude(), js: code.js, inert: code.inert };
      },
      temp: () => scope.temp(),
      declare: (build) => {
        const name = this.next('f');
        this.declarations.push(build(name));
        return name;
      },
      lookup: (segments) => scope.lookup(segments),
      segment: (id) => this.segment(id, path),
      fail: (reason) => {
        throw new LogicCompileError(path, reason);
      },
    };
  }

  private literal(value: unknown): Code {
    const literal = { value };
    switch (typeof value) {
      case 'number':
        return { js: numberSource(value), kind: 'num', inert: true, atom: true, literal };
      case 'boolean':
        return { js: String(value), kind: 'bool', inert: true, atom: true, literal };
      case 'string':
        return { js: this.stringConstant(value), kind: 'str', inert: true, atom: true, literal };
      case 'undefined':
        return UNDEFINED_CODE;
      default:
        if (value === null) return { js: 'null', kind: 'any', inert: true, atom: true, literal };
        // json-logic-js hands back the rule's own object; a frozen copy keeps one caller
        // from changing what the next evaluation returns.
        return { js: this.constant(frozenCopy(value)), kind: 'any', inert: true, atom: true };
    }
  }

  private stringConstant(text: string): string {
    let name = this.stringConstants.get(text);
    if (name === undefined) {
      name = this.constant(text);
      this.stringConstants.set(text, name);
    }
    return name;
  }

  private constant(value: unknown): string {
    const name = this.next('c');
    this.constants.push(value);
    this.constantNames.push(name);
    return name;
  }

  private segment(id: string, path: string): { name: string; inert: boolean } {
    const compiled = this.segments.get(id);
    if (compiled !== undefined) return compiled;
    if (this.segmentStack.includes(id)) {
      throw new LogicCompileError(path, `segment "${id}" includes itself: ${[...this.segmentStack, id].join(' → ')}`);
    }
    const logic = this.options.segments?.(id);
    if (logic === undefined) throw new LogicCompileError(path, `unknown segment "${id}"`);
    this.segmentStack.push(id);
    try {
      checkLogicShape(logic, this.budget);
      const fn = this.scopeFunction(logic, 'test');
      this.segments.set(id, fn);
      return fn;
    } catch (error) {
      if (!(error instanceof LogicCompileError)) throw error;
      throw new LogicCompileError(path, `in segment "${id}": ${error.message}`, { cause: error });
    } finally {
      this.segmentStack.pop();
    }
  }

  private unknownOperator(op: string, path: string): never {
    const refused = this.operators.refused.get(op);
    if (refused !== undefined) throw new LogicCompileError(path, `operator "${op}" is not allowed: ${refused}`);
    const suggestion = closestName(op, this.operators.value.keys());
    const hint = suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`;
    throw new LogicCompileError(path, `unknown operator ${JSON.stringify(op)}${hint}`);
  }
}

function numberSource(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '(-Infinity)';
  if (Object.is(value, -0)) return '(-0)';
  return value < 0 ? `(${String(value)})` : String(value);
}

function frozenCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty, so that an own "__proto__" key stays a key.
    const item = frozenCopy((value as Record<string, unknown>)[key]);
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: false, configurable: false });
  }
  return Object.freeze(copy);
}

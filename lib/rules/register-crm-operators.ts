import { crmOperators } from './crm-operators.js';
import type { CrmOperator } from './crm-operators.js';
import type { SegmentResolver } from './logic-codegen.js';
import { ownPath, truthy } from './logic-runtime.js';


export class SegmentError extends Error {
  override readonly name = 'SegmentError';
}

/** The part of json-logic-js used here. */
export interface JsonLogicEngine {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
  apply(logic: unknown, data?: unknown): unknown;
}

/** The operator as json-logic-js calls it: data as `this`, then the evaluated arguments. */
function withFields({ reads, evaluate }: CrmOperator): (this: unknown, ...args: never[]) => unknown {
  // Unrolled, so the reference implementation pays no allocation the compiled code does not.
  const [first = [], second = [], third = []] = reads;
  switch (reads.length) {
    case 1:
      return function (this: unknown, ...args: never[]) {
        return evaluate(ownPath(this, first) as never, ...args);
      };
    case 2:
      return function (this: unknown, ...args: never[]) {
        return evaluate(ownPath(this, first) as never, ownPath(this, second) as never, ...args);
      };
    case 3:
      return function (this: unknown, ...args: never[]) {
        return evaluate(ownPath(this, first) as never, ownPath(this, second) as never, ownPath(this, third) as never, ...args);
      };
    default:
      throw new RangeError(`a CRM operator reads 1 to 3 fields, not ${reads.length}`);
  }
}

/**
 * Registers the CRM operators, and `in_segment` resolved through `segments`, on a
 * json-logic-js instance: the reference compiled rules are tested against.
 */
export function registerCrmOperators(engine: JsonLogicEngine, options: { segments?: SegmentResolver } = {}): void {
  for (const [name, operator] of Object.entries(crmOperators) as [string, CrmOperator][]) {
    engine.add_operation(name, withFields(operator));
  }
  const active = new Set<string>();
  engine.add_operation('in_segment', function (this: unknown, segmentId: unknown) {
    const id = String(segmentId);
    const logic = options.segments?.(id);
    if (logic === undefined) throw new SegmentError(`unknown segment "${id}"`);
    if (active.has(id)) throw new SegmentError(`segment "${id}" includes itself`);
    active.add(id);
    try {
      return truthy(engine.apply(logic, this));
    } finally {
      active.delete(id);
    }
  });
}

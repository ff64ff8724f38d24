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

/**
 * Registers the CRM operators, and `in_segment` resolved through `segments`, on a
 * json-logic-js instance: the reference compiled rules are tested against.
 */
export function registerCrmOperators(engine: JsonLogicEngine, options: { segments?: SegmentResolver } = {}): void {
  for (const [name, operator] of Object.entries(crmOperators) as [string, CrmOperator][]) {
    engine.add_operation(name, function (this: unknown, ...args: never[]) {
      const fields = operator.reads.map((path) => ownPath(this, path)) as never[];
      return operator.evaluate(...fields, ...args);
    });
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

import type { z } from 'zod';
import { CanonicalEventSchema } from '../events/canonical-event.js';

/** A path as Liquid's static analysis gives it: names, indexes, and nested arrays for dynamic parts (`items[i]`). */
export type TemplatePath = Array<string | number | TemplatePath>;

type Def = { type: string; [key: string]: any };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Whether the path reaches something in the schema (Liquid's `first`, `last`, `size` included). */
const reaches = (schema: z.ZodType, path: TemplatePath): boolean => {
  if (path.length === 0) return true;
  const [head, ...rest] = path;
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return reaches(def['innerType'], path);
  switch (def.type) {
    case 'pipe':
      return reaches(def['in'], path);
    case 'union':
      return (def['options'] as z.ZodType[]).some((option) => reaches(option, path));
    case 'object':
      return typeof head === 'string' && Object.hasOwn(def['shape'], head) && reaches(def['shape'][head], rest);
    case 'record':
      return typeof head !== 'number' && reaches(def['valueType'], rest);
    case 'array':
      if (head === 'size') return rest.length === 0;
      return (typeof head === 'number' || Array.isArray(head) || head === 'first' || head === 'last') && reaches(def['element'], rest);
    case 'string':
      return head === 'size' && rest.length === 0;
    case 'unknown':
    case 'any':
      return true;
    default:
      return false;
  }
};

/**
 * Whether some canonical event type has this path under `event` — the template check does
 * not know which events start the rule, so it catches typos, not a field of the wrong type.
 */
export const eventHasPath = (path: TemplatePath): boolean => CanonicalEventSchema.options.some((option) => reaches(option as z.ZodType, path));

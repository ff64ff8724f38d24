import type { z } from 'zod';
import { formatPath } from '../validation/field-issues.js';
import { closestName } from './closest-name.js';
import type { RuleIssueDraft } from './rule-issue.js';

/**
 * Zod's issues about a rule file, in the words of the error messages marketers get: what is
 * wrong with the field and what to write instead — "did you mean" for misspelt names and
 * values, the choices when there are few.
 */
export function schemaIssues(error: z.ZodError, schema: z.ZodType, value: unknown): RuleIssueDraft[] {
  return error.issues.flatMap((issue): RuleIssueDraft[] => {
    const path = issue.path.length === 0 ? '' : formatPath(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = objectKeysAt(schema, value, issue.path);
        return issue.keys.map((key) => {
          const suggestion = closestName(key, known);
          const hint = suggestion === undefined ? ` — remove it${known.length > 0 ? ` (fields here: ${known.join(', ')})` : ''}` : ` — did you mean "${suggestion}"?`;
          return { path: formatPath([...issue.path, key]), message: `unknown field "${key}"${hint}` };
        });
      }
      case 'invalid_value':
        return [{ path, message: choiceMessage(valueAt(value, issue.path), issue.values.map(String)) }];
      case 'invalid_union':
        {
          const options = (issue as { options?: unknown }).options;
          if (Array.isArray(options)) return [{ path, message: choiceMessage(valueAt(value, issue.path), options.map(String)) }];
        }
        return [{ path, message: plain(issue.message) }];
      case 'invalid_type':
        if (valueAt(value, issue.path) === undefined) return [{ path, message: 'is missing' }];
        return [{ path, message: `must be ${article(issue.expected)}, not ${describe(valueAt(value, issue.path))}` }];
      case 'too_small':
        return [{ path, message: tooSmall(issue) }];
      case 'too_big':
        return [{ path, message: issue.message.startsWith('Too big') ? `must be at most ${String(issue.maximum)}${unit(issue.origin)}` : issue.message }];
      default:
        return [{ path, message: plain(issue.message) }];
    }
  });
}

function choiceMessage(given: unknown, choices: readonly string[]): string {
  const suggestion = typeof given === 'string' ? closestName(given, choices) : undefined;
  const start = given === undefined ? 'is missing' : `${JSON.stringify(given)} is not allowed`;
  return suggestion === undefined ? `${start} — use one of ${choices.map((choice) => `"${choice}"`).join(', ')}` : `${start} — did you mean "${suggestion}"?`;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  if (!issue.message.startsWith('Too small')) return issue.message;
  const minimum = Number(issue.minimum);
  if ((issue.origin === 'array' || issue.origin === 'string') && minimum === 1) return 'must not be empty';
  if (issue.origin === 'number') return `must be ${issue.inclusive ? 'at least' : 'more than'} ${minimum}`;
  return `must have at least ${minimum}${unit(issue.origin)}`;
}

function unit(origin: string): string {
  return origin === 'array' ? ' entries' : origin === 'string' ? ' characters' : '';
}

/** Zod's generic messages start "Invalid input: "; ours say what to do already. */
function plain(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `${article(typeof value)} (${JSON.stringify(value)})`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; discriminator?: string; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The field names zod expects of the object at `path` (following the file's own discriminators). */
function objectKeysAt(schema: z.ZodType, value: unknown, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  let data = value;
  for (let step = 0; current !== undefined; ) {
    const def = defOf(current);
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'union') current = pickOption(def, data);
    else if (step === path.length) return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
    else if (def.type === 'object') {
      const key = String(path[step]);
      current = def.shape?.[key];
      data = valueAt(data, [key]);
      step++;
    } else if (def.type === 'array') {
      current = def.element;
      data = valueAt(data, [path[step] as PropertyKey]);
      step++;
    } else return [];
  }
  return [];
}

function pickOption(def: Def, data: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator === undefined) return options.find((option) => defOf(option).type === 'object');
  const tag = valueAt(data, [def.discriminator]);
  return options.find((option) => {
    const field = defOf(option).shape?.[def.discriminator as string];
    const literal = field === undefined ? undefined : (defOf(field) as Def & { values?: unknown[] }).values;
    return literal?.includes(tag);
  });
}

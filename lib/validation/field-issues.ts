import type { z } from 'zod';

/** One problem with one field of a request, as the API reports it. */
export interface FieldIssue {
  path: string;
  message: string;
}

export const formatPath = (path: ReadonlyArray<PropertyKey>, prefix = ''): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    if (/^[A-Za-z_$][\w$]*$/.test(name)) return text ? `${text}.${name}` : name;
    return `${text}[${JSON.stringify(name)}]`;
  }, prefix) || '(root)';

export const fieldIssues = (error: z.ZodError, prefix = ''): FieldIssue[] =>
  error.issues.map((issue) => ({ path: formatPath(issue.path, prefix), message: issue.message }));

/** Thrown where a request is well-formed JSON but not what the endpoint accepts. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly issues: FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), options);
  }
}

/** Parses with a schema, or throws a ValidationError naming each field (under `prefix`). */
export const parseOrThrow = <S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error, prefix), { cause: parsed.error });
  return parsed.data;
};

import { basename } from 'node:path';
import { ACTION_CHECKS, actionIssues, type ActionCheck } from './action-checks.js';
import { fieldIssues } from './field-references.js';
import { compileLogic } from './json-logic.js';
import { LogicCompileError } from './logic-errors.js';
import { hasErrors, joinPath, type RuleIssue, type RuleIssueDraft } from './rule-issue.js';
import { RULE_SCHEMA_REF } from './rule-json-schema.js';
import { logicFields } from './rule-logic.js';
import { RuleSchema, type Rule } from './rule-schema.js';
import { schemaIssues } from './schema-issues.js';
import { segmentReferenceIssues } from './segment-references.js';
import { waitIssues } from './wait-cancellation.js';

/** A rule to check: a file's text, or a value already parsed (an HTTP body), named by `file`. */
export type RuleSource = { readonly file: string; readonly text: string } | { readonly file: string; readonly value: unknown };

export interface ValidateRulesOptions {
  /** Rules already in force, which references may point to (their own issues are not reported). */
  readonly context?: readonly Rule[];
  /** Files should name rule.schema.json (rule files yes, HTTP bodies no). */
  readonly expectSchemaRef?: boolean;
  readonly actionChecks?: readonly ActionCheck[];
}

export interface RuleValidation {
  readonly issues: RuleIssue[];
  /** The rules without errors, by file. */
  readonly valid: Array<{ readonly file: string; readonly rule: Rule }>;
}

/**
 * Checks rule files as a set, the way `retain rules validate`, `rules push` and
 * `PUT /v1/rules/{id}` report them: JSON and schema, the file name, the logic (operators,
 * arguments), references between segments, waits that need a cancelling event, actions,
 * and fields that read nothing (warnings).
 */
export function validateRules(sources: readonly RuleSource[], options: ValidateRulesOptions = {}): RuleValidation {
  const issues: RuleIssue[] = [];
  const parsed: Array<{ file: string; rule: Rule }> = [];
  for (const source of sources) {
    const add = (drafts: readonly RuleIssueDraft[]) => issues.push(...drafts.map((draft) => ({ severity: 'error' as const, ...draft, file: source.file })));
    const value = 'text' in source ? parseJson(source.text, add) : source.value;
    if (value === undefined) continue;
    if (options.expectSchemaRef && (value as { $schema?: unknown } | null)?.$schema !== RULE_SCHEMA_REF) {
      add([{ path: '$schema', message: `add "$schema": "${RULE_SCHEMA_REF}" as the first field, so editors complete and check this file`, severity: 'warning' }]);
    }
    const result = RuleSchema.safeParse(value);
    if (!result.success) add(schemaIssues(result.error, RuleSchema, value));
    else parsed.push({ file: source.file, rule: result.data });
  }

  const all = new Map<string, Rule>((options.context ?? []).map((rule) => [rule.id, rule]));
  const fileOfId = new Map<string, string>();
  for (const { file, rule } of parsed) {
    const other = fileOfId.get(rule.id);
    if (other !== undefined) issues.push({ file, path: 'id', message: `"${rule.id}" is also the id of ${other} — ids must be unique`, severity: 'error' });
    fileOfId.set(rule.id, file);
    all.set(rule.id, rule);
  }

  for (const { file, rule } of parsed) {
    const drafts = [...fileNameIssues(file, rule), ...logicIssues(rule), ...segmentReferenceIssues(rule, all), ...fieldIssues(rule), ...actionIssues(rule, options.actionChecks ?? ACTION_CHECKS)];
    if (rule.kind === 'trigger') drafts.push(...waitIssues(rule));
    issues.push(...drafts.map((draft) => ({ severity: 'error' as const, ...draft, file })));
  }
  const valid = parsed.filter(({ file }) => !hasErrors(issues.filter((issue) => issue.file === file)));
  // File by file, in the order given; within a file, in the order found (stable sort).
  const order = new Map(sources.map((source, index) => [source.file, index]));
  return { issues: issues.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0)), valid };
}

function parseJson(text: string, add: (drafts: readonly RuleIssueDraft[]) => void): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/at position (\d+)/.exec(message)?.[1]);
    const where = Number.isNaN(position) ? '' : ` (line ${text.slice(0, position).split('\n').length}, column ${position - text.lastIndexOf('\n', position - 1)})`;
    add([{ path: '', message: `not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}` }]);
    return undefined;
  }
}

function fileNameIssues(file: string, rule: Rule): RuleIssueDraft[] {
  const name = basename(file).replace(/\.json$/, '');
  return name === rule.id ? [] : [{ path: 'id', message: `"${rule.id}" is not the file name — rename the file to ${rule.id}.json or set "id": "${name}"` }];
}

/**
 * Compiles each logic field on its own: unknown operators, wrong arguments, limits. Segments
 * compile as `true` here; whether they exist and form no cycle is checked across the set.
 */
function logicIssues(rule: Rule): RuleIssueDraft[] {
  return logicFields(rule).flatMap(({ field, logic }) => {
    try {
      compileLogic(logic, { segments: () => true });
      return [];
    } catch (error) {
      if (!(error instanceof LogicCompileError)) throw error;
      return [{ path: joinPath(field, error.path), message: error.reason }];
    }
  });
}

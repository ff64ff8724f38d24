import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ActionCheck } from './action-checks.js';
import { RuleCasesSchema, runRuleCases } from './rule-cases.js';
import { casesFileOf, readRuleFiles, type RuleFile } from './rule-files.js';
import type { RuleIssue } from './rule-issue.js';
import type { Rule } from './rule-schema.js';
import { schemaIssues } from './schema-issues.js';
import { segmentResolverOf } from './segment-resolver.js';
import type { SegmentResolver } from './json-logic.js';
import { validateRules } from './validate-rules.js';

/** Where rule files are, relative to the repository (or the marketer's working folder). */
export const RULES_DIR = 'rules';

export interface RuleFilesCheck {
  readonly files: readonly RuleFile[];
  /** Issues of the files and of their examples, file by file. */
  readonly issues: readonly RuleIssue[];
  /** The rules without errors of their own (failing examples are issues, but leave the rule valid). */
  readonly valid: ReadonlyArray<{ readonly file: string; readonly rule: Rule }>;
  /** The other rules of rules/, which the files' references may point to. */
  readonly context: readonly Rule[];
  readonly examples: number;
}

/**
 * What `retain rules validate` checks, and `rules push` before it pushes anything: the files
 * (default: every rule file in rules/) as a set — references may also point to the other
 * rules of rules/ — and, unless `examples` is false, each valid rule's examples
 * (`<id>.cases.json`), which must hold.
 */
export function checkRuleFiles(paths: readonly string[], options: { cwd: string; actionChecks: readonly ActionCheck[]; examples?: boolean }): RuleFilesCheck {
  const files = readRuleFiles(paths.length > 0 ? paths : [RULES_DIR], options.cwd);
  const context = libraryAround(files, options.cwd);
  const validation = validateRules(files, { expectSchemaRef: true, context, actionChecks: options.actionChecks });
  const segments = segmentResolverOf([...context, ...validation.valid.map(({ rule }) => rule)]);
  const examples = options.examples === false ? [] : validation.valid.map(({ file, rule }) => exampleIssues(file, rule, segments, options.cwd));
  // File by file, a rule's examples right after it (a stable sort keeps the order within).
  const order = new Map(files.flatMap(({ file }, index) => [[file, index] as const, [casesFileOf(file), index] as const]));
  const issues = [...validation.issues, ...examples.flatMap((example) => example.issues)].sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  return {
    files,
    issues,
    valid: validation.valid,
    context,
    examples: examples.reduce((sum, { count }) => sum + count, 0),
  };
}

/** The rules of rules/ that are not among `files`: valid ones only, their own issues are not this check's. */
function libraryAround(files: readonly RuleFile[], cwd: string): Rule[] {
  if (!existsSync(join(cwd, RULES_DIR))) return [];
  const given = new Set(files.map((file) => resolve(cwd, file.file)));
  return validateRules(readRuleFiles([RULES_DIR], cwd).filter((file) => !given.has(resolve(cwd, file.file)))).valid.map(({ rule }) => rule);
}

/** The examples next to a rule file: each must hold. A rule without examples gets a warning. */
function exampleIssues(file: string, rule: Rule, segments: SegmentResolver, cwd: string): { issues: RuleIssue[]; count: number } {
  const casesFile = casesFileOf(file);
  const issue = (path: string, message: string, severity: RuleIssue['severity'] = 'error'): RuleIssue => ({ file: casesFile, path, message, severity });
  if (!existsSync(join(cwd, casesFile))) return { issues: [issue('', `${rule.id} has no examples — add them here: [{ "description", "profile", "event", "now", "expected" }]`, 'warning')], count: 0 };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(cwd, casesFile), 'utf8'));
  } catch (error) {
    return { issues: [issue('', `not valid JSON: ${(error as Error).message}`)], count: 0 };
  }
  const cases = RuleCasesSchema.safeParse(value);
  if (!cases.success) return { issues: schemaIssues(cases.error, RuleCasesSchema, value).map((draft) => issue(draft.path, draft.message, draft.severity)), count: 0 };
  const results = runRuleCases(rule, cases.data, segments);
  return {
    issues: results
      .filter((result) => result.actual !== result.expected)
      .map((result) => issue(`[${result.index}]`, `"${result.description}": the rule should ${result.expected ? '' : 'not '}apply, but it ${result.actual ? 'does' : 'does not'}`)),
    count: results.length,
  };
}

import type { ActionCheck } from './action-checks.js';
import type { RuleIssue } from './rule-issue.js';
import { hasErrors } from './rule-issue.js';
import type { Rule } from './rule-schema.js';
import type { RuleStore, StoredRule } from './rule-store.js';
import { validateRules } from './validate-rules.js';

export type PushOutcome =
  | { readonly status: 'created'; readonly rule: Rule; readonly previousVersion?: number; readonly issues: RuleIssue[] }
  | { readonly status: 'unchanged'; readonly rule: Rule; readonly issues: RuleIssue[] }
  | { readonly status: 'invalid'; readonly issues: RuleIssue[] }
  | { readonly status: 'conflict'; readonly issues: RuleIssue[]; readonly activeVersion: number };

export interface PushRuleInput {
  readonly workspace: string;
  /** The id the rule is pushed under (the URL's); the body's id must be the same. */
  readonly ruleId: string;
  /** The rule as sent: validated here. */
  readonly body: unknown;
  readonly pushedAt: string;
}

/**
 * Pushes a rule:
 * 1. checks that the body is the rule pushed (its id), and validates it against the
 *    workspace's other active rules (the messages of `rules validate`);
 * 2. returns `unchanged` when it says what the active version says (a repeated push is harmless);
 * 3. otherwise needs a version above the active one and stores it (without its `$schema`
 *    line) as a new, immutable version that becomes active — older versions stay, for
 *    history and attribution.
 */
export async function pushRule(input: PushRuleInput, deps: { store: RuleStore; actionChecks?: readonly ActionCheck[] }): Promise<PushOutcome> {
  const file = `rules/${input.ruleId}.json`;
  const bodyId = (input.body as { id?: unknown } | null)?.id;
  if (typeof bodyId === 'string' && bodyId !== input.ruleId) {
    return { status: 'invalid', issues: [{ file, path: 'id', message: `"${bodyId}" is not the rule pushed here ("${input.ruleId}") — set "id": "${input.ruleId}" or push it as ${bodyId}`, severity: 'error' }] };
  }
  const active = await deps.store.activeRules(input.workspace);
  const context = active.map((stored) => stored.rule).filter((rule) => rule.id !== input.ruleId);
  const { issues, valid } = validateRules([{ file, value: input.body }], { context, ...(deps.actionChecks ? { actionChecks: deps.actionChecks } : {}) });
  if (hasErrors(issues) || valid[0] === undefined) return { status: 'invalid', issues };
  const rule = withoutSchemaRef(valid[0].rule);
  const current = active.find((stored) => stored.rule.id === input.ruleId);
  if (current !== undefined && sameRule(current.rule, rule)) return { status: 'unchanged', rule: current.rule, issues };
  if (current !== undefined && rule.version <= current.rule.version) return conflict(file, rule, current, issues);
  const saved = await deps.store.save(input.workspace, rule, input.pushedAt);
  if (saved === 'conflict') {
    // Another push came first: the same rule makes this one a repeat, anything else a conflict.
    const now = await deps.store.activeRule(input.workspace, input.ruleId);
    if (now !== undefined && sameRule(now.rule, rule)) return { status: 'unchanged', rule: now.rule, issues };
    return conflict(file, rule, now ?? current ?? { rule, pushedAt: input.pushedAt }, issues);
  }
  return { status: 'created', rule, ...(current ? { previousVersion: current.rule.version } : {}), issues };
}

function conflict(file: string, rule: Rule, active: StoredRule, issues: RuleIssue[]): PushOutcome {
  const message = `${rule.version} is not above the pushed version ${active.rule.version} (${active.pushedAt}), which says something else — set "version": ${active.rule.version + 1}`;
  return { status: 'conflict', activeVersion: active.rule.version, issues: [...issues, { file, path: 'version', message, severity: 'error' }] };
}

/** The same rule, whatever its version number and `$schema` line. */
export function sameRule(a: Rule, b: Rule): boolean {
  return canonicalJson(withoutVersion(a)) === canonicalJson(withoutVersion(b));
}

/** `$schema` points editors at the JSON Schema next to the file; the stored rule does without it. */
function withoutSchemaRef(rule: Rule): Rule {
  const { $schema: _schema, ...rest } = rule;
  return rest;
}

function withoutVersion(rule: Rule): Record<string, unknown> {
  const { version: _version, $schema: _schema, ...rest } = rule;
  return rest;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

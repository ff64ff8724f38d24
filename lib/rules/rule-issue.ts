/**
 * A problem with a rule file, located by the file and the path inside it
 * (`rules/cart-abandonment.json: audience.and[2]: unknown operator "has_tags" — did you mean "has_tag"?`).
 * Errors stop a rule from being pushed; warnings are printed and let it through.
 */
export interface RuleIssue {
  readonly file: string;
  /** Where in the file: `audience.and[2]`, `actions[0].channel`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** An issue before it is placed in a file. */
export type RuleIssueDraft = Omit<RuleIssue, 'file' | 'severity'> & { readonly severity?: RuleIssue['severity'] };

export function formatRuleIssue(issue: RuleIssue): string {
  const text = `${issue.file}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
  return issue.severity === 'warning' ? `warning: ${text}` : text;
}

/** `parent.child`, or `parent[0]` for a numeric child; either side may be empty. */
export function joinPath(parent: string, child: string | number): string {
  if (typeof child === 'number') return `${parent}[${child}]`;
  if (child === '') return parent;
  if (parent === '') return child;
  return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}

export function hasErrors(issues: readonly RuleIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

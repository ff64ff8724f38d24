import { Tokenizer, TypeGuards, Value, type Variable } from 'liquidjs';
import { closestName } from '../rules/closest-name.js';
import { eventHasPath, type TemplatePath } from './event-paths.js';
import { purposeIssues } from './purpose-rules.js';
import { liquid } from './render-message.js';
import { actionMessages, type SendAction } from './send-action.js';
import { COMPUTED_NAMES, NULLABLE_COMPUTED, OPTIONAL_PROFILE_FIELDS, PRESENT_PROFILE_FIELDS, SHOP_FIELDS } from './template-scope.js';

export interface TemplateIssue {
  /** Where in the send action, e.g. `variants[1].message.text`. */
  path: string;
  message: string;
}

type Verdict = 'ok' | 'needs-default' | { unknown: string };

const ROOTS = ['profile', 'event', 'computed', 'shop', 'now'];
const PROFILE_FIELDS = new Set([...PRESENT_PROFILE_FIELDS, ...OPTIONAL_PROFILE_FIELDS]);

const hint = (wanted: string, known: Iterable<string>) => {
  const close = closestName(wanted, known);
  return close ? ` — did you mean "${close}"?` : '';
};

const nameOf = (path: TemplatePath): string => path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : Array.isArray(segment) ? '[…]' : index === 0 ? segment : `.${segment}`)).join('');

/** What a variable is: always there, possibly missing (needs a default), or unknown (a typo). */
const classify = (path: TemplatePath): Verdict => {
  const [root, field, ...rest] = path;
  switch (root) {
    case 'profile':
      if (field === undefined) return 'ok';
      if (typeof field !== 'string' || !PROFILE_FIELDS.has(field)) return { unknown: `the profile has no field "${String(field)}"${hint(String(field), PROFILE_FIELDS)}` };
      return PRESENT_PROFILE_FIELDS.has(field) && (rest.length === 0 || (rest.length === 1 && rest[0] === 'size')) ? 'ok' : 'needs-default';
    case 'event':
      return eventHasPath(path.slice(1)) ? 'ok' : { unknown: `no event has "${nameOf(path)}"` };
    case 'computed':
      if (typeof field !== 'string' || !COMPUTED_NAMES.has(field) || rest.length > 0) return { unknown: `no computed variable "${nameOf(path.slice(1))}"${hint(String(field), COMPUTED_NAMES)}` };
      return NULLABLE_COMPUTED.has(field) ? 'needs-default' : 'ok';
    case 'shop':
      return field === undefined || (typeof field === 'string' && SHOP_FIELDS.has(field) && rest.length === 0) ? 'ok' : { unknown: `the shop has only "name" and "contact"` };
    case 'now':
      return field === undefined ? 'ok' : { unknown: '"now" is a time, with no fields' };
    default:
      return { unknown: `unknown variable "${String(root)}": templates see ${ROOTS.join(', ')}${hint(String(root), ROOTS)}` };
  }
};

/** The `{{ … }}` outputs of a template, and whether each has a `default` filter (a missing value is taken care of there). */
const outputsOf = (text: string) =>
  new Tokenizer(text)
    .readTopLevelTokens()
    .filter(TypeGuards.isOutputToken)
    .map((token) => ({ begin: token.begin, end: token.end, defaulted: new Value(token.content, liquid).filters.some((filter) => filter.name === 'default') }));

const offsetOf = (text: string, variable: Variable): number => {
  const lines = text.split('\n');
  return lines.slice(0, variable.location.row - 1).reduce((sum, line) => sum + line.length + 1, 0) + variable.location.col - 1;
};

/** Problems of one template text; a tag (`{% if profile.traits.vip %}`) may test a missing value without a default. */
const checkTemplate = (text: string): string[] => {
  let analysis;
  try {
    analysis = liquid.analyzeSync(liquid.parse(text));
  } catch (error) {
    return [`Liquid: ${error instanceof Error ? error.message : String(error)}`];
  }
  const outputs = outputsOf(text);
  const problems = new Set<string>();
  for (const occurrences of Object.values(analysis.globals)) {
    for (const variable of occurrences) {
      const path = variable.toArray() as TemplatePath;
      const verdict = classify(path);
      if (verdict === 'ok') continue;
      if (verdict !== 'needs-default') {
        problems.add(`{{ ${nameOf(path)} }}: ${verdict.unknown}`);
        continue;
      }
      const offset = offsetOf(text, variable);
      const output = outputs.find((token) => token.begin <= offset && offset < token.end);
      if (output && !output.defaulted) problems.add(`{{ ${nameOf(path)} }} may be missing for some customers: add a fallback, e.g. {{ ${nameOf(path)} | default: "…" }}`);
    }
  }
  return [...problems];
};

/**
 * Checks a send action's templates when a rule is pushed, not at 3 a.m.: Liquid syntax and
 * filters, variables that do not exist, variables that may be missing without a
 * `default`, the ad label on an information message, an AlimTalk without its template code.
 */
export const checkMessageTemplates = (action: SendAction): TemplateIssue[] =>
  actionMessages(action).flatMap(({ path, message }) => [
    ...(['text', 'title', 'link'] as const).flatMap((field) => {
      const text = message[field];
      return text === undefined ? [] : checkTemplate(text).map((problem) => ({ path: `${path}.${field}`, message: problem }));
    }),
    ...purposeIssues(action, message).map((issue) => ({ path: `${path}.${issue.field}`, message: issue.message })),
  ]);

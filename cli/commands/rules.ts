import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkRuleFiles, RULES_DIR, type RuleFilesCheck } from '../../lib/rules/check-rule-files.js';
import { formatRuleIssue, type RuleIssue } from '../../lib/rules/rule-issue.js';
import { referencedFirst } from '../../lib/rules/segment-references.js';
import { segmentResolverOf } from '../../lib/rules/segment-resolver.js';
import { renderRuleTest, RuleTestRequestSchema, testRule } from '../../lib/rules/test-rule.js';
import { RULE_ACTION_CHECKS } from '../../lib/sends/message-template-check.js';
import { DEFAULT_TIME_ZONE } from '../../lib/time/local-day.js';
import { formatPath } from '../../lib/validation/field-issues.js';
import { cliAction, CliError, defaultIo, retainClient, withApiOptions, type CliIo } from '../api/retain-client.js';

/** What PUT /v1/rules/{id} answers: the push outcome, or an error with the validator's issues. */
type PushAnswer = { status: 'created' | 'unchanged'; rule: { version: number }; previousVersion?: number } | { error: string; message: string; issues: RuleIssue[] };

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const lines = (texts: readonly string[]): string => texts.map((text) => `${text}\n`).join('');

const pushed = (file: string, answer: PushAnswer): string => {
  if ('error' in answer) {
    const errors = answer.issues.filter((issue) => issue.severity === 'error').map((issue) => `  ${formatRuleIssue(issue)}`);
    return lines([`${file}: ${answer.error === 'version_conflict' ? 'conflict' : 'invalid'}`, ...errors]);
  }
  const was = answer.previousVersion === undefined ? '' : ` (was v${answer.previousVersion})`;
  return lines([answer.status === 'unchanged' ? `${file}: unchanged (v${answer.rule.version})` : `${file}: created v${answer.rule.version}${was}`]);
};

/** `retain rules validate | test | push`: rule files checked and tried on this machine, then pushed to Retain. */
export const registerRulesCommands = (program: Command, io: CliIo = defaultIo()): void => {
  const cwd = io.cwd ?? process.cwd();

  /** Checks the files as a set, prints their issues, and stops on errors. */
  const check = (paths: readonly string[], options: { examples: boolean; onErrors: string }): RuleFilesCheck => {
    let result: RuleFilesCheck;
    try {
      result = checkRuleFiles(paths, { cwd, actionChecks: RULE_ACTION_CHECKS, examples: options.examples });
    } catch (error) {
      throw new CliError(`cannot read the rule files: ${(error as Error).message}`, { cause: error });
    }
    io.out(lines(result.issues.map(formatRuleIssue)));
    const errors = result.issues.filter((issue) => issue.severity === 'error').length;
    if (errors > 0) throw new CliError(`${plural(errors, 'error')} in ${plural(result.files.length, 'rule file')}${options.onErrors}`);
    return result;
  };
  const readJson = (option: string, path: string): unknown => {
    try {
      return JSON.parse(readFileSync(resolve(cwd, path), 'utf8'));
    } catch (error) {
      throw new CliError(`${option} ${path}: ${(error as Error).message}`, { cause: error });
    }
  };

  const rules = program.command('rules').description('rule files: check them, try them on a customer, push them to Retain');

  rules
    .command('validate')
    .description('checks rule files the way `rules push` and PUT /v1/rules/{id} do (schema, logic, references, message templates) and runs their examples')
    .argument('[files...]', `rule files or folders (default: every rule file in ${RULES_DIR}/)`)
    .action(
      cliAction((files: string[]) => {
        const result = check(files, { examples: true, onErrors: '' });
        const warnings = result.issues.length > 0 ? `; ${plural(result.issues.length, 'warning')}` : '';
        io.out(`${plural(result.files.length, 'rule file')} valid, ${plural(result.examples, 'example')} hold${warnings}\n`);
      }),
    );

  rules
    .command('test')
    .description(`a rule's verdict on one customer and which of its conditions held — on this machine (time zone ${DEFAULT_TIME_ZONE}), nothing is sent`)
    .argument('<rule>', `a rule id in ${RULES_DIR}/ or the path of a rule file`)
    .requiredOption('--profile <file>', 'the customer: a JSON file of profile fields (a profile from GET /v1/customers/{id} works too)')
    .option('--event <file>', 'the event, for a trigger: a JSON file with at least "type"')
    .option('--now <instant>', 'the time, an ISO instant with offset (default: now)')
    .action(
      cliAction((rule: string, options: { profile: string; event?: string; now?: string }) => {
        const path = rule.endsWith('.json') || rule.includes('/') ? rule : `${RULES_DIR}/${rule}.json`;
        const { valid, context } = check([path], { examples: false, onErrors: '' });
        const given: Record<string, string | undefined> = { profile: options.profile, event: options.event, now: options.now };
        const request = RuleTestRequestSchema.safeParse({
          profile: readJson('--profile', options.profile),
          ...(options.event === undefined ? {} : { event: readJson('--event', options.event) }),
          now: options.now ?? new Date().toISOString(),
        });
        if (!request.success) {
          const problems = request.error.issues.map(({ path: [option, ...inside], message }) => `--${String(option)} ${given[String(option)]}: ${inside.length > 0 ? `${formatPath(inside)}: ` : ''}${message}`);
          throw new CliError(problems.join('\n'));
        }
        const tested = valid[0]!.rule;
        const result = testRule(tested, { ...request.data, now: request.data.now!, timeZone: DEFAULT_TIME_ZONE }, segmentResolverOf([...context, tested]));
        io.out(lines(renderRuleTest(result)));
      }),
    );

  withApiOptions(
    rules
      .command('push')
      .description('validates rule files, then pushes each to Retain (PUT /v1/rules/{id}): a changed rule becomes a new version, older versions are kept')
      .argument('[files...]', `rule files or folders (default: every rule file in ${RULES_DIR}/)`),
  ).action(
    cliAction(async (files: string[], options: { url: string; apiKey: string }) => {
      const result = check(files, { examples: true, onErrors: ' — nothing pushed' });
      const client = retainClient(options, io);
      let refused = 0;
      // Segments first: each push is validated against the rules already in force.
      for (const { file, rule } of referencedFirst(result.valid, (entry) => entry.rule)) {
        const text = result.files.find((entry) => entry.file === file)!.text;
        const answer = await client.put<PushAnswer>(`/v1/rules/${encodeURIComponent(rule.id)}`, JSON.parse(text), [400, 409]);
        io.out(pushed(file, answer.body));
        if (answer.status >= 400) refused += 1;
      }
      if (refused > 0) throw new CliError(`${plural(refused, 'rule')} of ${result.valid.length} not pushed`);
    }),
  );
};

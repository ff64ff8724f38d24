import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULE_SCHEMA_FILE } from './rule-json-schema.js';

/** A rule file as read from disk: its path (as it will be shown in messages) and text. */
export interface RuleFile {
  readonly file: string;
  readonly text: string;
}

export const CASES_SUFFIX = '.cases.json';

/** Rule files are the `.json` files of a folder but their examples and the JSON Schema. */
export function isRuleFileName(name: string): boolean {
  return name.endsWith('.json') && !name.endsWith(CASES_SUFFIX) && name !== RULE_SCHEMA_FILE;
}

/**
 * The rule files named by `paths` — files, or folders whose rule files are all taken — read
 * from disk, with paths relative to `cwd` as marketers type them (`rules/vip.json`).
 */
export function readRuleFiles(paths: readonly string[], cwd = process.cwd()): RuleFile[] {
  const files = paths.flatMap((path) => {
    const absolute = join(cwd, path);
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      return readdirSync(absolute).filter(isRuleFileName).sort().map((name) => join(absolute, name));
    }
    return [absolute];
  });
  return files.map((absolute) => ({ file: relative(cwd, absolute) || absolute, text: readFileSync(absolute, 'utf8') }));
}

/** The examples next to a rule file (`rules/vip.cases.json` for `rules/vip.json`), if any. */
export function casesFileOf(ruleFile: string): string {
  return ruleFile.replace(/\.json$/, CASES_SUFFIX);
}

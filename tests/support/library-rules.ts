import { RULES_DIR } from '../../lib/rules/check-rule-files.js';
import { readRuleFiles } from '../../lib/rules/rule-files.js';
import { RuleSchema, type Rule } from '../../lib/rules/rule-schema.js';

/** Rules of the library in rules/, by id — what `npm start` and `simulate` run — for scenarios to pin down. */
export const libraryRules = (...ids: string[]): Rule[] =>
  readRuleFiles(ids.map((id) => `${RULES_DIR}/${id}.json`)).map(({ text }) => RuleSchema.parse(JSON.parse(text)));

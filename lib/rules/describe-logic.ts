import { staticVarPath } from './var-paths.js';
import { operatorOf } from './var-paths.js';

/**
 * JSON Logic written the way a marketer reads it: `days_since(profile.lastOrderAt) <= 180`,
 * `28 <= days_since(profile.lastOrderAt) <= 32`, `"cosmetics" in profile.lastOrderCategories`,
 * `not has_tag("vip")`. Anything unusual falls back to its JSON.
 */
export function describeLogic(logic: unknown): string {
  const op = operatorOf(logic);
  if (op === undefined) return Array.isArray(logic) ? `[${logic.map(describeLogic).join(', ')}]` : literal(logic);
  const raw = (logic as Record<string, unknown>)[op];
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  const [a, b, c] = args.map(describeLogic);
  switch (op) {
    case 'var': {
      const path = staticVarPath(args[0]);
      const name = path?.kind === 'path' ? path.segments.join('.') : path?.kind === 'root' ? 'data' : `var(${a})`;
      return args.length > 1 ? `${name} ?? ${b}` : name;
    }
    case '==':
    case '===':
    case '!=':
    case '!==':
    case '>':
    case '>=':
      return `${a} ${op} ${b}`;
    case '<':
    case '<=':
      return args.length === 3 ? `${a} ${op} ${b} ${op} ${c}` : `${a} ${op} ${b}`;
    case 'in':
      return `${a} in ${b}`;
    case '!':
      return `not ${a}`;
    case '!!':
      return `truthy ${a}`;
    case 'and':
      return args.length === 1 ? `${a}` : 'all of';
    case 'or':
      return args.length === 1 ? `${a}` : 'any of';
    case 'if':
    case '?:':
      return 'if … then … else';
    default:
      return `${op}(${args.map(describeLogic).join(', ')})`;
  }
}

function literal(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

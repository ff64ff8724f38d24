import type { FilterPattern } from '../resources.js';

/**
 * Lambda event-source filtering, for the part of the pattern language Retain uses:
 * nested objects, lists of allowed values, `{ prefix }` and `{ exists }`. Records that match none of
 * the patterns never reach the handler, as on AWS.
 */
export const matchesAny = (patterns: FilterPattern[], record: unknown): boolean =>
  patterns.length === 0 || patterns.some((pattern) => matches(pattern, record));

const matches = (pattern: unknown, value: unknown): boolean => {
  if (Array.isArray(pattern)) return pattern.some((allowed) => matchesValue(allowed, value));
  if (pattern && typeof pattern === 'object') {
    if (!value || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([key, inner]) => matches(inner, (value as Record<string, unknown>)[key]));
  }
  return false;
};

const matchesValue = (allowed: unknown, value: unknown): boolean => {
  if (allowed && typeof allowed === 'object' && 'exists' in allowed) return (value !== undefined) === (allowed as { exists: unknown }).exists;
  if (allowed && typeof allowed === 'object' && 'prefix' in allowed) {
    return typeof value === 'string' && value.startsWith(String((allowed as { prefix: unknown }).prefix));
  }
  return allowed === value;
};

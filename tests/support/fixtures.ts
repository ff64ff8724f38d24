import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real payloads (tests/fixtures, copied from the team's shared fixtures with their SOURCE.txt), read fresh on every call so tests can change them. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const fixtureText = (path: string): string => readFileSync(`${FIXTURES_DIR}${path}`, 'utf8');

export const fixture = <T = Record<string, any>>(path: string): T => JSON.parse(fixtureText(path)) as T;

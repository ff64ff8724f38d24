import { readFileSync } from 'node:fs';

/** The ```json blocks of one README section (from its heading to the next one of any level), as a reader would paste them. */
export const readmeJsonBlocks = (heading: string): string[] => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading ${heading}`);
  const next = readme.slice(start + heading.length + 2).search(/\n#{1,6} /);
  const section = readme.slice(start, next < 0 ? undefined : start + heading.length + 2 + next);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);
};

export const SETTINGS_HEADING = '### `GET /v1/settings`, `PUT /v1/settings`';

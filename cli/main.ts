import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { defaultIo, type CliIo } from './api/retain-client.js';
import { registerRulesCommands } from './commands/rules.js';
import { registerSegmentsCommands } from './commands/segments.js';
import { registerSendsCommands } from './commands/sends.js';
import { registerSetAsideCommands } from './commands/set-aside.js';
import { registerStatsCommands } from './commands/stats.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** `retain`: every command, talking to the world through `io` (tests pass their own). */
export const createProgram = (io: CliIo = defaultIo()): Command => {
  const program = new Command('retain')
    .description('Retain from the command line: rule files, segments, sends, set-aside records and stats — against `npm start` or a deployed stack (--url, --api-key)')
    .version(version);
  registerRulesCommands(program, io);
  registerSegmentsCommands(program, io);
  registerSendsCommands(program, io);
  registerSetAsideCommands(program, io);
  registerStatsCommands(program, io);
  return program;
};

/** `npx retain …` (bin/retain.mjs). */
export const main = (argv: readonly string[] = process.argv): Promise<Command> => createProgram().parseAsync(argv);

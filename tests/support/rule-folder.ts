import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { onTestFinished } from 'vitest';
import type { CliIo } from '../../cli/api/retain-client.js';

/** A working folder for one test, with a rules/ folder holding the given rules of the library (and their examples). */
export const ruleFolder = (...ids: string[]): { cwd: string; write(file: string, value: unknown): void; read(file: string): any } => {
  const cwd = mkdtempSync(join(tmpdir(), 'retain-rules-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(join(cwd, 'rules'));
  for (const id of ids) {
    for (const file of [`${id}.json`, `${id}.cases.json`]) cpSync(join('rules', file), join(cwd, 'rules', file));
  }
  return {
    cwd,
    write: (file, value) => writeFileSync(join(cwd, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2)),
    read: (file) => JSON.parse(readFileSync(join(cwd, file), 'utf8')),
  };
};

/** Runs `retain <args>` with `register`'s commands in `cwd`: what it printed, its error (stderr) and exit code. */
export const runCli = async (register: (program: Command, io: CliIo) => void, cwd: string, args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command().exitOverride().configureOutput({ writeOut: (text) => out.push(text), writeErr: (text) => err.push(text) });
  register(program, { fetch, out: (text) => out.push(text), env: {}, cwd });
  let exitCode = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    exitCode = (error as { exitCode?: number }).exitCode ?? -1;
  }
  return { out: out.join(''), err: err.join(''), exitCode };
};

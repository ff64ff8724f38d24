import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStackError } from './local-stack-error.js';
import { delay } from './polling-loop.js';

interface LockFile {
  /** The `npm start` that holds the folder. */
  pid: number;
  /** Its DynamoDB Local (a Java process of its own, which outlives a kill of its parent). */
  dynamodbPid?: number;
}

export interface DataDirLock {
  /** Notes the DynamoDB Local process, so the next start can end it if this one is killed. */
  holdDynamoDb(pid: number): void;
  release(): void;
}

/** The lock a previous start left; one cut short by a kill names nobody. */
const readLock = (path: string): LockFile | undefined => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
};

/** The command line of a process, or undefined when there is none with that id. */
const commandOf = (pid: number): string | undefined => {
  try {
    // A process that exited but is not reaped yet has an empty command line: gone too.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() || undefined;
  } catch {
    const probe = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return probe.status === 0 && probe.stdout.trim() ? probe.stdout.trim() : undefined;
  }
};

const waitForExit = async (pid: number, ms: number): Promise<boolean> => {
  for (const until = Date.now() + ms; Date.now() < until; await delay(50)) {
    if (commandOf(pid) === undefined) return true;
  }
  return commandOf(pid) === undefined;
};

/**
 * Takes DATA_DIR for this `npm start`: refuses a folder that a running one holds (two
 * DynamoDB Locals and two queue journals on one folder would corrupt both), and ends the
 * DynamoDB Local that a killed one left running on it (else its port stays taken).
 */
export const lockDataDir = async (dataDir: string): Promise<DataDirLock> => {
  const path = join(dataDir, 'retain.lock');
  const previous = existsSync(path) ? readLock(path) : undefined;
  if (previous) {
    if (previous.pid !== process.pid && commandOf(previous.pid)?.includes('local/start')) {
      throw new LocalStackError(`DATA_DIR ${dataDir} is in use by another npm start (pid ${previous.pid}) — stop it, or set DATA_DIR to another folder`);
    }
    const orphan = previous.dynamodbPid;
    if (orphan !== undefined && commandOf(orphan)?.includes('DynamoDBLocal')) {
      process.kill(orphan, 'SIGTERM');
      if (!(await waitForExit(orphan, 5_000))) process.kill(orphan, 'SIGKILL');
    }
  }
  let lock: LockFile = { pid: process.pid };
  writeFileSync(path, JSON.stringify(lock));
  return {
    holdDynamoDb: (pid) => {
      lock = { ...lock, dynamodbPid: pid };
      writeFileSync(path, JSON.stringify(lock));
    },
    release: () => rmSync(path, { force: true }),
  };
};

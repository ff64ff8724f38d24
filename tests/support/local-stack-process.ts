import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../infra/local/ports.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

export interface LocalStackProcess {
  url: string;
  dynamodbEndpoint: string;
  apiKey: string;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends the signal and resolves with the exit code (null when killed by it). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** After a test: a SIGTERM, then whatever the group still runs is killed (DynamoDB Local outlives a SIGKILL of its parent). */
  dispose(): Promise<void>;
  /** Resolves once `GET /health` answers 200; rejects if the process exits first. */
  ready(): Promise<void>;
}

export interface LocalStackPorts {
  port: number;
  dynamoPort: number;
  sqsPort: number;
}

/** A data folder and three free ports: what one `npm start` needs, kept across its restarts. */
export const localStackHome = async (): Promise<{ dataDir: string; ports: LocalStackPorts; remove(): void }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retain-stack-'));
  const ports = { port: await freePort(), dynamoPort: await freePort(), sqsPort: await freePort() };
  return { dataDir, ports, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
};

/**
 * `npm start` as a process of its own (infra/local/start.ts through tsx, as the npm script
 * runs it), in its own process group so a test can kill what it left behind.
 */
export const spawnLocalStack = (dataDir: string, ports: LocalStackPorts): LocalStackProcess => {
  const apiKey = 'restart-test-key';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: REPOSITORY,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(ports.port),
      DYNAMODB_PORT: String(ports.dynamoPort),
      SQS_PORT: String(ports.sqsPort),
      DATA_DIR: dataDir,
      RETAIN_API_KEY: apiKey,
      LOG_LEVEL: 'WARN',
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  };
  return {
    url: `http://127.0.0.1:${ports.port}`,
    dynamodbEndpoint: `http://127.0.0.1:${ports.dynamoPort}`,
    apiKey,
    output: () => output,
    exited,
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
    dispose: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      killGroup();
    },
    ready: async () => {
      let gone = false;
      void exited.then(() => (gone = true));
      for (;;) {
        if (gone) throw new Error(`npm start exited before it was ready:\n${output}`);
        const status = await fetch(`http://127.0.0.1:${ports.port}/health`).then((response) => response.status, () => 0);
        if (status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
};


import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from 'fauxqs';
import { LocalStackError } from './local-stack-error.js';
import { ensurePortFree } from './ports.js';
import { journalQueues, type FauxqsStore } from './sqs-durability.js';
import { SqsJournal } from './sqs-journal.js';

export interface SqsLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * fauxqs 1.9.2 keeps its store class out of its package exports, though `buildApp` takes a
 * store: it is loaded from its file in the installed package (the version is pinned; the
 * durability tests fail if its shape changes).
 */
const newFauxqsStore = async (): Promise<FauxqsStore> => {
  const file = (createRequire(import.meta.url).resolve.paths('fauxqs') ?? []).map((folder) => join(folder, 'fauxqs', 'dist', 'sqs', 'sqsStore.js')).find((path) => existsSync(path));
  if (!file) throw new Error('fauxqs is not installed (npm install)');
  const { SqsStore } = (await import(pathToFileURL(file).href)) as { SqsStore: new () => FauxqsStore };
  return new SqsStore();
};

/**
 * Starts the SQS-compatible server fauxqs in this process. With `dataDir`, its messages are
 * kept in `dataDir/sqs-journal.ndjson` as SQS keeps them: every acknowledged send survives a
 * stop or a kill of the process, with its receive count and backoff (see SqsJournal).
 * Without it, everything lives in memory (the tests' shared server).
 */
export const startSqsLocal = async (options: { port: number; portVariable?: string; dataDir?: string }): Promise<SqsLocal> => {
  if (options.port !== 0) await ensurePortFree(options.port, options.portVariable ?? 'SQS_PORT');
  try {
    const sqsStore = await newFauxqsStore();
    const journal = options.dataDir ? new SqsJournal(join(options.dataDir, 'sqs-journal.ndjson')) : undefined;
    if (journal) journalQueues(sqsStore, journal);
    const app = buildApp({ logger: false, stores: { sqsStore } as unknown as NonNullable<Parameters<typeof buildApp>[0]>['stores'] });
    const address = await app.listen({ port: options.port, host: '127.0.0.1' });
    return {
      endpoint: `http://127.0.0.1:${new URL(address).port}`,
      stop: async () => {
        await app.close();
        journal?.close();
      },
    };
  } catch (error) {
    throw new LocalStackError(`the local SQS server failed to start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

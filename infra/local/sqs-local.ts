import { startFauxqs } from 'fauxqs';
import { LocalStackError } from './local-stack-error.js';
import { ensurePortFree } from './ports.js';

export interface SqsLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts the SQS-compatible server fauxqs in this process (state lives in memory). */
export const startSqsLocal = async (options: { port: number; portVariable?: string }): Promise<SqsLocal> => {
  if (options.port !== 0) await ensurePortFree(options.port, options.portVariable ?? 'SQS_PORT');
  try {
    const server = await startFauxqs({ port: options.port, logger: false });
    return { endpoint: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
  } catch (error) {
    throw new LocalStackError(`the local SQS server failed to start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

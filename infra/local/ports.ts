import { createServer } from 'node:net';
import { LocalStackError } from './local-stack-error.js';

/** Fails with a clear message when something already listens on the port. */
export const ensurePortFree = (port: number, variable: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalStackError(`port ${port} is already in use — stop what runs there or set ${variable} to another port`)
          : new LocalStackError(`cannot use port ${port} (${variable}): ${error.message}`),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });

/** A port nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

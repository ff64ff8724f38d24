import { httpHandler } from '../shared/http-handler.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';
import { apiRoutes } from './routes.js';

/** The read API: customers, event stats, health. */
export const createHandler = (runtime: Runtime) => httpHandler(runtime, 'api', apiRoutes(runtime));

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));

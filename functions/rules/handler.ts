import { routedHandler } from '../shared/http-routes.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';
import { rulesRoutes } from './routes.js';

/** Rules over HTTP: list, read, push (a new immutable version), versions, and test on a customer. */
export const createHandler = (runtime: Runtime) => routedHandler(runtime, 'rules', rulesRoutes(runtime), { maxBodyBytes: 64 * 1024 });

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));

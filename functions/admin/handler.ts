import { httpHandler } from '../shared/http-handler.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';
import { adminRoutes } from './routes.js';

/** The write API: workspace settings and redrive — apart from the read API, which may write nothing. */
export const createHandler = (runtime: Runtime) => httpHandler(runtime, 'admin', adminRoutes(runtime), { maxBodyBytes: 64 * 1024 });

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));

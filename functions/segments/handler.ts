import { routedHandler } from '../shared/http-routes.js';
import { lazyHandler, runtimeFromEnv } from '../shared/runtime-from-env.js';
import type { Runtime } from '../shared/runtime.js';
import { segmentRoutes } from './routes.js';

/** Segment operations over stored profiles: count, list, CSV export, bulk tag, explain. */
export const createHandler = (runtime: Runtime) => routedHandler(runtime, 'segments', segmentRoutes(runtime), { maxBodyBytes: 16 * 1024 });

export const handler = lazyHandler(() => createHandler(runtimeFromEnv()));

import { jsonBody } from '../../lib/http/json-body.js';
import { json } from '../../lib/http/responses.js';
import { SetAsideReplaySchema } from '../../lib/poison/set-aside-requests.js';
import { redriveSends, RedriveOptionsSchema } from '../../lib/sends/redrive-sends.js';
import { parseOrThrow } from '../../lib/validation/field-issues.js';
import { acceptSettingsDocument } from '../../lib/workspaces/settings-document.js';
import { requireApiKey, type RouteHandler } from '../shared/http-routes.js';
import type { Runtime } from '../shared/runtime.js';

/** The write API's routes by API Gateway route key (`FUNCTIONS.admin.routes` lists the same keys). */
export const adminRoutes = (runtime: Runtime): Record<string, RouteHandler> => {
  const authenticated = requireApiKey(runtime.secrets);

  return {
    // The whole document: what is left out takes its default, and one that would stop sending is refused.
    'PUT /v1/settings': authenticated(async (event, context) => {
      const settings = acceptSettingsDocument(jsonBody(event), { credentials: await runtime.secrets.credentials(context.workspace), delivery: runtime.deliveryPolicy });
      await runtime.settings.put(context.workspace, settings);
      return json(200, settings);
    }),

    'POST /v1/sends/redrive': authenticated(async (event, context) => {
      const options = parseOrThrow(RedriveOptionsSchema, jsonBody(event));
      const report = await redriveSends(context.workspace, options, { deadLetters: runtime.deadLetters('sends'), queue: runtime.queue('sends') });
      return json(200, report);
    }),

    // Each entry's record goes to its consumer again; the entry goes once it is handled (or comes back with new reasons).
    'POST /v1/set-aside/replay': authenticated(async (event, context) => {
      const { ids } = parseOrThrow(SetAsideReplaySchema, jsonBody(event));
      return json(200, await runtime.setAside.replay(context.workspace, ids));
    }),
  };
};

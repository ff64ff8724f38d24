import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { WorkspaceSecrets } from '../workspaces/workspace-secrets.js';
import { ApiError } from './api-error.js';

/** The Lambda context, plus the workspace the caller authenticated as. */
export type WorkspaceContext = Context & { workspace: string };

/**
 * `Authorization: Bearer <key>` → the key's workspace on `context.workspace`;
 * a missing or unknown key is a 401 before anything else is looked at.
 */
export const bearerAuth = (secrets: WorkspaceSecrets): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, WorkspaceContext> => {
  const bearerAuthBefore = async (request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, WorkspaceContext>): Promise<void> => {
    const header = request.event.headers?.['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, 'unauthorized', 'Send the workspace API key as "Authorization: Bearer <key>".');
    const workspace = await secrets.workspaceForApiKey(match[1]!);
    if (!workspace) throw new ApiError(401, 'unauthorized', 'The API key is not valid.');
    request.context.workspace = workspace;
  };
  return { before: bearerAuthBefore };
};

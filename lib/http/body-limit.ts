import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from './api-error.js';

const defaults = { maxBytes: 256 * 1024 };

/** Bytes of a request body as sent, whether API Gateway passed it as text or base64. */
export const bodyBytes = (event: APIGatewayProxyEventV2): number =>
  event.body === undefined ? 0 : event.isBase64Encoded ? Buffer.from(event.body, 'base64').length : Buffer.byteLength(event.body, 'utf8');

/** Refuses bodies over `maxBytes` with a 413 before they are parsed. */
export const bodyLimit = (options: Partial<typeof defaults> = {}): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => {
  const { maxBytes } = { ...defaults, ...options };
  const bodyLimitBefore = async (request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>): Promise<void> => {
    const size = bodyBytes(request.event);
    if (size > maxBytes) {
      throw new ApiError(413, 'payload_too_large', `The body is ${Math.ceil(size / 1024)} KB; at most ${maxBytes / 1024} KB are accepted per request.`);
    }
  };
  return { before: bodyLimitBefore };
};

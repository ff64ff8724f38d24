import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ApiError } from './api-error.js';
import { refuseDeepJson } from './json-depth.js';

/** A request's JSON body; an empty body is `{}` (every field optional), anything unparsable a 400. */
export const jsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (raw.trim() === '') return {};
  refuseDeepJson(raw);
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ApiError(400, 'malformed_json', 'The body is not valid JSON.', undefined, { cause: error });
  }
};

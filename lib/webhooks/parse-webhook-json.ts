import { isSafeNumber, parse } from 'lossless-json';
import { ApiError } from '../http/api-error.js';
import { refuseDeepJson } from '../http/json-depth.js';

/**
 * Parses a webhook body without losing digits: integers beyond 2^53 (Shopify ids such as
 * 820982911946154508) stay strings; every other number is a number.
 */
export const parseWebhookJson = (raw: Buffer): unknown => {
  const text = raw.toString('utf8');
  refuseDeepJson(text);
  try {
    return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
  } catch (error) {
    throw new ApiError(400, 'malformed_json', `The body is not valid JSON: ${(error as Error).message}`, undefined, { cause: error });
  }
};

import type { FieldIssue } from '../validation/field-issues.js';

/** An error the HTTP API answers with its own status and a JSON body `{ error, message, issues? }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

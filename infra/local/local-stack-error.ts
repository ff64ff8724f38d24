/** A problem starting the local stack, worded for the person at the terminal (one line, no stack). */
export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';
}

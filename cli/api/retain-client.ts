import { Option, type Command } from 'commander';

/** What a command talks to the world through; tests pass their own. */
export interface CliIo {
  fetch: typeof fetch;
  out: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Where relative paths (rule files) start; the process's working folder by default. */
  cwd?: string;
}

export const defaultIo = (): CliIo => ({ fetch: globalThis.fetch, out: (text) => void process.stdout.write(text), env: process.env, cwd: process.cwd() });

export class CliError extends Error {
  override readonly name = 'CliError';
}

/** An action whose CliError becomes commander's error: the message on stderr, exit code 1. The command is its last argument. */
export const cliAction =
  <A extends unknown[]>(action: (...args: A) => void | Promise<void>) =>
  async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      (args[args.length - 1] as Command).error(error.message);
    }
  };

/** `--url` and `--api-key`, from the environment (RETAIN_URL, RETAIN_API_KEY) or the local defaults. */
export const withApiOptions = (command: Command): Command =>
  command
    .addOption(new Option('--url <url>', 'Retain HTTP API base URL').env('RETAIN_URL').default('http://localhost:3000'))
    .addOption(new Option('--api-key <key>', 'workspace API key').env('RETAIN_API_KEY').default('dev-key'));

export interface RetainClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** PUT, answering with the status; `answers` are the error statuses the caller reads itself (a 409, say). */
  put<T>(path: string, body: unknown, answers?: readonly number[]): Promise<{ status: number; body: T }>;
  /** A text answer (CSV) exactly as sent, a leading byte order mark included, with its headers. */
  getText(path: string): Promise<{ text: string; headers: Headers }>;
}

/** A small client of the HTTP API: JSON in and out, the API's own error message on failure. */
export const retainClient = (options: { url: string; apiKey: string }, io: CliIo): RetainClient => {
  const send = async (method: string, path: string, body?: unknown, answers: readonly number[] = []): Promise<{ response: Response; text: string }> => {
    const url = `${options.url.replace(/\/+$/, '')}${path}`;
    let response: Response;
    try {
      response = await io.fetch(url, {
        method,
        headers: { authorization: `Bearer ${options.apiKey}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new CliError(`cannot reach Retain at ${options.url} (is \`npm start\` running, or --url / RETAIN_URL set?): ${(error as Error).message}`, { cause: error });
    }
    // fetch's text() drops a byte order mark, which an export must keep for Excel.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    if (!response.ok && !answers.includes(response.status)) {
      const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const issues = Array.isArray(json['issues']) ? (json['issues'] as Array<{ path: string; message: string }>).map((issue) => `\n  ${issue.path}: ${issue.message}`).join('') : '';
      throw new CliError(`${method} ${path}: ${response.status} ${String(json['message'] ?? response.statusText)}${issues}`);
    }
    return { response, text };
  };
  const call = async <T>(method: string, path: string, body?: unknown, answers: readonly number[] = []): Promise<{ status: number; body: T }> => {
    const { response, text } = await send(method, path, body, answers);
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  return {
    get: async <T>(path: string) => (await call<T>('GET', path)).body,
    post: async <T>(path: string, body: unknown) => (await call<T>('POST', path, body)).body,
    put: (path, body, answers) => call('PUT', path, body, answers),
    getText: async (path) => {
      const { response, text } = await send('GET', path);
      return { text, headers: response.headers };
    },
  };
};

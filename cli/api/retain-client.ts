import { Option, type Command } from 'commander';

/** What a command talks to the world through; tests pass their own. */
export interface CliIo {
  fetch: typeof fetch;
  out: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export const defaultIo = (): CliIo => ({ fetch: globalThis.fetch, out: (text) => void process.stdout.write(text), env: process.env });

export class CliError extends Error {
  override readonly name = 'CliError';
}

/** `--url` and `--api-key`, from the environment (RETAIN_URL, RETAIN_API_KEY) or the local defaults. */
export const withApiOptions = (command: Command): Command =>
  command
    .addOption(new Option('--url <url>', 'Retain HTTP API base URL').env('RETAIN_URL').default('http://localhost:3000'))
    .addOption(new Option('--api-key <key>', 'workspace API key').env('RETAIN_API_KEY').default('dev-key'));

export interface RetainClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A text answer (CSV) exactly as sent, a leading byte order mark included, with its headers. */
  getText(path: string): Promise<{ text: string; headers: Headers }>;
}

/** A small client of the HTTP API: JSON in and out, the API's own error message on failure. */
export const retainClient = (options: { url: string; apiKey: string }, io: CliIo): RetainClient => {
  const send = async (method: string, path: string, body?: unknown): Promise<{ response: Response; text: string }> => {
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
    if (!response.ok) {
      const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const issues = Array.isArray(json['issues']) ? (json['issues'] as Array<{ path: string; message: string }>).map((issue) => `\n  ${issue.path}: ${issue.message}`).join('') : '';
      throw new CliError(`${method} ${path}: ${response.status} ${String(json['message'] ?? response.statusText)}${issues}`);
    }
    return { response, text };
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const { text } = await send(method, path, body);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    getText: async (path) => {
      const { response, text } = await send('GET', path);
      return { text, headers: response.headers };
    },
  };
};

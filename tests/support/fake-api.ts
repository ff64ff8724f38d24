import { Command } from 'commander';
import type { CliIo } from '../../cli/api/retain-client.js';

export interface Call {
  method: string;
  path: string;
  body?: unknown;
}

/** A fake Retain API: answers each request with the next scripted response of its route, and records the calls. */
export const fakeApi = (script: Record<string, Array<() => Response>>) => {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    calls.push({ method, path: `${url.pathname}${url.search}`, ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) });
    const answer = script[`${method} ${url.pathname}`]?.shift();
    if (!answer) throw new Error(`unscripted ${method} ${url.pathname}`);
    return answer();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
};

export const ok = (body: unknown) => () => Response.json(body);

/** Runs `retain <args>` of the commands `register` adds, against the fake API; returns what it printed. */
export const runCommand = async (register: (program: Command, io: CliIo) => void, api: ReturnType<typeof fakeApi>, args: string[]): Promise<string> => {
  const out: string[] = [];
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  register(program, { fetch: api.fetch, out: (text) => out.push(text), env: {} });
  await program.parseAsync([...args, '--url', 'http://retain.test', '--api-key', 'k'], { from: 'user' });
  return out.join('');
};

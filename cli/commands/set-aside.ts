import type { Command } from 'commander';
import type { SetAsideEntry, SetAsidePage } from '../../lib/poison/set-aside.js';
import { SET_ASIDE_LIST_MAX } from '../../lib/poison/set-aside-requests.js';
import { followCursors, withCursor } from '../api/follow-cursors.js';
import { positiveInteger } from '../api/option-values.js';
import { cliAction, CliError, defaultIo, retainClient, withApiOptions, type CliIo, type RetainClient } from '../api/retain-client.js';

type ApiOptions = { url: string; apiKey: string };
/** What POST /v1/set-aside/replay takes at once. */
const REPLAY_CHUNK = 100;

const describeEntry = (entry: SetAsideEntry): string => {
  const what = [entry.consumer, entry.customerId ?? '(no customer)', entry.recordType ?? '?', entry.occurredAt ?? '?', `${entry.times}×`, entry.setAsideAt].join('  ');
  const reasons = entry.failures.map((failure) => `    ${failure.ruleId ? `${failure.ruleId} v${failure.ruleVersion}: ` : ''}${failure.reason}`);
  return [`${entry.id}  ${what}`, ...reasons].join('\n');
};

/** Up to `limit` entries, newest first, following the API's cursors. */
const entries = async (client: RetainClient, limit: number): Promise<SetAsideEntry[]> => {
  const found: SetAsideEntry[] = [];
  await followCursors(
    (cursor) => client.get<SetAsidePage>(withCursor(`/v1/set-aside?limit=${Math.min(SET_ASIDE_LIST_MAX, limit - found.length)}`, cursor)),
    (page) => {
      found.push(...page.entries);
      return found.length < limit;
    },
  );
  return found;
};

/** `retain set-aside list|replay`: records a consumer could not handle (GET /v1/set-aside), and sending them through again. */
export const registerSetAsideCommands = (program: Command, io: CliIo = defaultIo()): void => {
  const setAside = program.command('set-aside').description('records evaluation could not handle, set aside with their reasons');

  withApiOptions(setAside.command('list').description('the set-aside records, newest first, each with its id and reasons').option('--limit <n>', 'at most this many', positiveInteger, 100)).action(
    cliAction(async (options: ApiOptions & { limit: number }) => {
      const found = await entries(retainClient(options, io), options.limit);
      io.out(found.length === 0 ? 'nothing is set aside\n' : `${found.map(describeEntry).join('\n')}\n`);
    }),
  );

  withApiOptions(
    setAside
      .command('replay')
      .description('hands set-aside records to their consumer again (after the rule or the bug is fixed); each entry goes once it is handled')
      .argument('[ids...]', 'entry ids, as `set-aside list` prints them')
      .option('--all', 'every set-aside record of the workspace')
      .option('--limit <n>', 'with --all: at most this many', positiveInteger, 1000),
  ).action(
    cliAction(async (ids: string[], options: ApiOptions & { all?: boolean; limit: number }) => {
      if ((ids.length > 0) === (options.all === true)) throw new CliError('name the entries to replay, or --all (not both)');
      const client = retainClient(options, io);
      const chosen = options.all ? (await entries(client, options.limit)).map((entry) => entry.id) : ids;
      const replayed: string[] = [];
      const missing: string[] = [];
      for (let start = 0; start < chosen.length; start += REPLAY_CHUNK) {
        const answer = await client.post<{ replayed: string[]; missing: string[] }>('/v1/set-aside/replay', { ids: chosen.slice(start, start + REPLAY_CHUNK) });
        replayed.push(...answer.replayed);
        missing.push(...answer.missing);
      }
      io.out(`replayed ${replayed.length} record(s)${missing.length > 0 ? `; not found (gone, or not this workspace's): ${missing.join(', ')}` : ''}\n`);
    }),
  );
};

import { appendFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderExplanation } from '../../lib/rules/explain-logic.js';
import type { SegmentCount } from '../../lib/segments/count-segment.js';
import type { MembershipExplanation } from '../../lib/segments/explain-membership.js';
import { EXPORT_CURSOR_HEADER } from '../../lib/segments/export-segment.js';
import { LIST_LIMIT_MAX, type SegmentPage } from '../../lib/segments/list-segment.js';
import { MEMBER_FIELDS, type SegmentMember } from '../../lib/segments/segment-member.js';
import type { SegmentTagReport } from '../../lib/segments/tag-segment.js';
import { cliAction, defaultIo, retainClient, withApiOptions, type CliIo } from '../api/retain-client.js';
import { followCursors, withCursor } from '../api/follow-cursors.js';
import { positiveInteger } from '../api/option-values.js';

type ApiOptions = { url: string; apiKey: string };
const tagList = (value: string): string[] =>
  value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

const segmentPath = (segment: string, operation: string) => `/v1/segments/${encodeURIComponent(segment)}/${operation}`;

/** Customers as tab-separated lines under a header, the export's columns. */
const formatMembers = (members: readonly SegmentMember[]): string =>
  [MEMBER_FIELDS.join('\t'), ...members.map((member) => MEMBER_FIELDS.map((field) => (Array.isArray(member[field]) ? (member[field] as string[]).join(';') : String(member[field] ?? ''))).join('\t'))]
    .map((line) => `${line}\n`)
    .join('');

/**
 * `retain segments count|list|export|tag|explain <segment>`: segment operations against the
 * local stack or a deployed one (GET/POST /v1/segments/{id}/…). The long ones follow the
 * API's cursors until the whole segment is done.
 */
export const registerSegmentsCommands = (program: Command, io: CliIo = defaultIo()): void => {
  const segments = program.command('segments').description("a segment's customers: count, list, export, tag, explain");

  withApiOptions(segments.command('count').description('how many customers are in the segment').argument('<segment>', 'the segment id')).action(
    cliAction(async (segment: string, options: ApiOptions) => {
      const client = retainClient(options, io);
      const path = segmentPath(segment, 'count');
      const last = await followCursors((cursor) => client.get<SegmentCount>(withCursor(path, cursor)));
      io.out(`${last.count} customer(s) in ${last.segmentId} (${last.scanned} looked at)\n`);
    }),
  );

  withApiOptions(
    segments
      .command('list')
      .description("the segment's customers, tab-separated under a header")
      .argument('<segment>', 'the segment id')
      .option('--limit <n>', 'at most this many', positiveInteger, 100)
      .option('--all', 'every customer of the segment, whatever --limit says'),
  ).action(
    cliAction(async (segment: string, options: ApiOptions & { limit: number; all?: boolean }) => {
      const client = retainClient(options, io);
      const wanted = options.all ? Number.POSITIVE_INFINITY : options.limit;
      const members: SegmentMember[] = [];
      const path = (cursor: string | null) => withCursor(`${segmentPath(segment, 'customers')}?limit=${Math.min(LIST_LIMIT_MAX, wanted - members.length)}`, cursor);
      const last = await followCursors(
        (cursor) => client.get<SegmentPage>(path(cursor)),
        (page) => {
          members.push(...page.customers);
          return members.length < wanted;
        },
      );
      io.out(formatMembers(members));
      if (last.cursor !== null) io.out(`# ${members.length} shown; more with --limit or --all\n`);
    }),
  );

  withApiOptions(
    segments
      .command('export')
      .description("the segment's customers as CSV (UTF-8 with a byte order mark, so Excel shows Korean)")
      .argument('<segment>', 'the segment id')
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action(
    cliAction(async (segment: string, options: ApiOptions & { out?: string }) => {
      const client = retainClient(options, io);
      const path = segmentPath(segment, 'export');
      let first = true;
      await followCursors(
        async (cursor) => {
          const { text, headers } = await client.getText(withCursor(path, cursor));
          return { text, cursor: headers.get(EXPORT_CURSOR_HEADER) };
        },
        async ({ text }) => {
          if (options.out === undefined) io.out(text);
          else await (first ? writeFile : appendFile)(options.out, text, 'utf8');
          first = false;
        },
      );
    }),
  );

  withApiOptions(
    segments
      .command('tag')
      .description('adds and removes tags for everyone in the segment')
      .argument('<segment>', 'the segment id')
      .option('--add <tags>', 'tags to add, comma-separated', tagList, [])
      .option('--remove <tags>', 'tags to remove, comma-separated', tagList, []),
  ).action(
    cliAction(async (segment: string, options: ApiOptions & { add: string[]; remove: string[] }) => {
      const client = retainClient(options, io);
      const path = segmentPath(segment, 'tag');
      const change = { add: options.add, remove: options.remove };
      const last = await followCursors((cursor) => client.post<SegmentTagReport>(path, cursor === null ? change : { ...change, cursor }));
      const what = [...last.add.map((tag) => `+${tag}`), ...last.remove.map((tag) => `-${tag}`)].join(' ');
      io.out(`tagged ${last.tagged} customer(s) of ${last.segmentId} (${what}; ${last.scanned} looked at)\n`);
    }),
  );

  withApiOptions(segments.command('explain').description('why a customer is or is not in the segment').argument('<segment>', 'the segment id').argument('<customer>', 'the customer id')).action(
    cliAction(async (segment: string, customer: string, options: ApiOptions) => {
      const explained = await retainClient(options, io).get<MembershipExplanation>(`${segmentPath(segment, 'customers')}/${encodeURIComponent(customer)}`);
      io.out(`${explained.customerId} is ${explained.inSegment ? '' : 'not '}in ${explained.segmentId}\n${renderExplanation(explained.explanation).map((line) => `  ${line}\n`).join('')}`);
    }),
  );
};

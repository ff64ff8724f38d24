import type { Command } from 'commander';
import type { RedriveReport } from '../../lib/sends/redrive-sends.js';
import { cliAction, defaultIo, retainClient, withApiOptions, type CliIo } from '../api/retain-client.js';
import { positiveInteger } from '../api/option-values.js';

export const formatRedrive = (report: RedriveReport): string => {
  const verb = report.dryRun ? 'would redrive' : 'redrove';
  const lines = [`${verb} ${report.redriven.length} send(s)${report.remaining > 0 ? `; ${report.remaining} more left (raise --limit)` : ''}`];
  for (const send of report.redriven) lines.push(`  ${send.sendId}  ${send.ruleId}  ${send.channel}  ${send.reason ?? '(no reason recorded)'}`);
  return `${lines.join('\n')}\n`;
};

/** `retain sends redrive`: dead-lettered sends back to the sends queue (POST /v1/sends/redrive). */
export const registerSendsCommands = (program: Command, io: CliIo = defaultIo()): void => {
  const sends = program.command('sends').description('sends that did not go out');
  withApiOptions(
    sends
      .command('redrive')
      .description("puts the workspace's dead-lettered sends back on the sends queue, so delivery tries again")
      .option('--rule <id>', 'only sends of this rule')
      .option('--limit <n>', 'at most this many', positiveInteger, 100)
      .option('--dry-run', 'list them with their reasons, move nothing'),
  ).action(
    cliAction(async (options: { url: string; apiKey: string; rule?: string; limit: number; dryRun?: boolean }) => {
      const report = await retainClient(options, io).post<RedriveReport>('/v1/sends/redrive', {
        ...(options.rule ? { ruleId: options.rule } : {}),
        limit: options.limit,
        dryRun: options.dryRun === true,
      });
      io.out(formatRedrive(report));
    }),
  );
};

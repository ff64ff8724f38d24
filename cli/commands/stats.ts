import type { Command } from 'commander';
import type { RuleSendStats } from '../../lib/sends/rule-send-stats.js';
import { cliAction, defaultIo, retainClient, withApiOptions, type CliIo } from '../api/retain-client.js';

const percent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const signedPercent = (value: number | null): string => (value === null ? '–' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`);
const money = (value: number): string => value.toLocaleString('en-US');
const list = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .filter(([, count]) => count !== 0)
    .map(([name, count]) => `${name.replace(/-/g, ' ')} ${count}`)
    .join(', ');

/** The stats as a marketer reads them: the funnel, conversions, and lift against the holdout. */
export const formatRuleStats = (stats: RuleSendStats): string => {
  const blocked = Object.values(stats.blocked).reduce((sum, count) => sum + count, 0);
  const lines = [
    `Rule ${stats.ruleId}`,
    `  matched     ${stats.matched}`,
    `  sent        ${stats.sent}  (delivered ${stats.delivered}, failed ${stats.failed})`,
    `  deferred    ${stats.deferred['quiet-hours'] + stats.deferred.budget}  (quiet hours ${stats.deferred['quiet-hours']}, budget ${stats.deferred.budget})`,
    `  blocked     ${blocked}${blocked > 0 ? `  (${list(stats.blocked)})` : ''}`,
    `  expired     ${stats.expired}   duplicates ${stats.duplicates}`,
    `  converted   ${stats.converted} of ${stats.delivered} delivered (${percent(stats.conversionRate)}), revenue ${money(stats.revenue)}`,
    `  holdout     ${stats.holdout.converted} of ${stats.holdout.assigned} converted (${percent(stats.holdout.conversionRate)}), revenue ${money(stats.holdout.revenue)}`,
    `  lift        ${signedPercent(stats.lift)}${stats.lift === null ? ' (needs holdout conversions to compare with)' : ' against the holdout'}`,
  ];
  if (stats.arms.length > 0) {
    lines.push('  by version and variant');
    for (const arm of stats.arms) {
      lines.push(`    v${arm.version} ${arm.arm.padEnd(10)} ${list(arm.counts)}${arm.conversionRate === null ? '' : ` — conversion ${percent(arm.conversionRate)}`}`);
    }
  }
  return `${lines.join('\n')}\n`;
};

/** `retain stats <rule>`: a rule's sends, conversions and lift (GET /v1/rules/{id}/stats). */
export const registerStatsCommands = (program: Command, io: CliIo = defaultIo()): void => {
  withApiOptions(
    program
      .command('stats')
      .description("a rule's sends: matched, sent, deferred, blocked by reason, converted, revenue, conversion rate, lift against the holdout")
      .argument('<rule>', 'the rule id')
      .option('--json', 'print the stats as JSON'),
  ).action(
    cliAction(async (rule: string, options: { url: string; apiKey: string; json?: boolean }) => {
      const stats = await retainClient(options, io).get<RuleSendStats>(`/v1/rules/${encodeURIComponent(rule)}/stats`);
      io.out(options.json ? `${JSON.stringify(stats, null, 2)}\n` : formatRuleStats(stats));
    }),
  );
};

import type { Rule } from '../../../lib/rules/rule-schema.js';
import { TALLY_COLUMNS, type RuleTally, type TallyRow } from './rule-tally.js';
import type { SegmentMessageBody } from './segment-messages.js';
import type { Shop } from './shop-events.js';

export interface ReportInput {
  options: { customers: number; days: number; seed: number; start: string };
  timeZone: string;
  shop: Shop;
  rules: readonly Rule[];
  tally: RuleTally;
}

const LEGEND =
  'per rule and ISO week: matched = audience matched and the rule acted; sent / deferred / deduplicated / holdout / blocked = send gate decisions ' +
  '(a deferred send is decided again when its time comes, and counted again); cancelled = waits ended by a cancelOn event; lapsed = waits whose audience no longer matched; tagged = tag actions';

const cells = (values: readonly (string | number)[]) => values.map((value) => String(value).padStart(13)).join('');
const line = (label: string, row: TallyRow) => `  ${label.padEnd(10)}${cells(TALLY_COLUMNS.map((column) => row[column]))}`;

/**
 * What `simulate` prints: the shop that was replayed, then per rule one row per ISO week
 * with activity and the rule's total. Nothing in it depends on how fast the machine is.
 */
export const formatReport = ({ options, timeZone, shop, rules, tally }: ReportInput): string[] => {
  const existing = shop.customers.filter((customer) => customer.existing).length;
  const lines = [
    `simulate: ${options.customers} customers (${existing} with history, ${options.customers - existing} new), ${options.days} days from ${options.start} (${timeZone}), seed ${options.seed}`,
    `history imported before the rules: ${shop.history.length} messages (${countsOf(shop.history, messageName)})`,
    `replayed: ${shop.events.length} messages (${countsOf(shop.events, messageName)})`,
    LEGEND,
  ];
  for (const rule of rules) {
    lines.push('', `${rule.id} (${rule.kind}) — ${rule.description}`, `  ${'week'.padEnd(10)}${cells(TALLY_COLUMNS)}`);
    for (const [week, row] of tally.weeksOf(rule.id)) lines.push(line(week, row));
    lines.push(line('total', tally.total(rule.id)));
  }
  return lines;
};

const messageName = (message: SegmentMessageBody) => (message.type === 'track' ? String(message['event']) : message.type);

/** Counts of a list by a key, as `key n, key n` sorted by key. */
const countsOf = <T>(items: readonly T[], key: (item: T) => string): string => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.keys()].sort().map((name) => `${name} ${counts.get(name)}`).join(', ');
};

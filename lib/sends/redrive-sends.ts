import { z } from 'zod';
import type { MessageQueue } from '../queue/message-queue.js';
import type { DeadLetter, DeadLetterQueue } from './dead-letter-queue.js';
import { InvalidSendMessageError, parseSendMessage, type SendMessage } from './send-message.js';

export const RedriveOptionsSchema = z.strictObject({
  ruleId: z.string().min(1).optional().meta({ description: 'Only messages of this rule' }),
  limit: z.number().int().min(1).max(1000).default(100),
  dryRun: z.boolean().default(false).meta({ description: 'List what would be redriven, move nothing' }),
});
export type RedriveOptions = z.input<typeof RedriveOptionsSchema>;

export interface RedrivenSend {
  sendId: string;
  ruleId: string;
  channel: string;
  reason: string | null;
  attempts: number | null;
  failedAt: string | null;
}

export interface RedriveReport {
  dryRun: boolean;
  /** Messages put back on the sends queue (or that would be, in a dry run). */
  redriven: RedrivenSend[];
  /** The workspace's matching messages left in the dead-letter queue because of `limit`. */
  remaining: number;
}

const HIDE_SECONDS = 60;
const MAX_SCANNED = 5_000;

/**
 * Moves a workspace's dead-lettered sends back to the sends queue, so delivery tries again
 * (the ledger still knows each one; a delivered one is skipped). The dead-letter queue is
 * shared by all workspaces: letters of others, and those over the limit, are released
 * untouched once the scan ends, so one scan sees each letter once.
 */
export const redriveSends = async (workspace: string, input: RedriveOptions, deps: { deadLetters: DeadLetterQueue; queue: MessageQueue<SendMessage> }): Promise<RedriveReport> => {
  const options = RedriveOptionsSchema.parse(input);
  const report: RedriveReport = { dryRun: options.dryRun, redriven: [], remaining: 0 };
  const kept: DeadLetter[] = [];
  const seen = new Set<string>();
  try {
    while (seen.size < MAX_SCANNED) {
      const letters = (await deps.deadLetters.receive(10, HIDE_SECONDS)).filter((letter) => !seen.has(letter.id));
      if (letters.length === 0) break;
      for (const letter of letters) {
        seen.add(letter.id);
        const message = parseOrUndefined(letter.body);
        if (!message || message.workspace !== workspace || (options.ruleId !== undefined && message.rule.id !== options.ruleId)) {
          kept.push(letter);
          continue;
        }
        if (report.redriven.length >= options.limit) {
          report.remaining += 1;
          kept.push(letter);
          continue;
        }
        report.redriven.push(summary(message, letter));
        if (options.dryRun) {
          kept.push(letter);
          continue;
        }
        await deps.queue.send(message);
        await deps.deadLetters.remove(letter);
      }
    }
  } finally {
    for (const letter of kept) await deps.deadLetters.release(letter);
  }
  return report;
};

const parseOrUndefined = (body: string): SendMessage | undefined => {
  try {
    return parseSendMessage(body);
  } catch (error) {
    if (error instanceof InvalidSendMessageError) return undefined;
    throw error;
  }
};

const summary = (message: SendMessage, letter: DeadLetter): RedrivenSend => ({
  sendId: message.sendId,
  ruleId: message.rule.id,
  channel: message.channel,
  reason: letter.note?.reason ?? null,
  attempts: letter.note?.attempts ?? null,
  failedAt: letter.note?.failedAt ?? null,
});

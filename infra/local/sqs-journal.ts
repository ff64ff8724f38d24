import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** A message as fauxqs 1.9.2 keeps it (its `SqsMessage`; fauxqs does not export the type). */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  md5OfMessageAttributes: string;
  sentTimestamp: number;
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
  delayUntil?: number;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
}

/**
 * One line of the journal. `put`: the message entered the queue (sent, moved to the DLQ,
 * or restored); `receive`: handed to a consumer (the receive count); `hide`: kept invisible
 * until `until` (a consumer's backoff, or 0 = visible now); `delete`: consumed; `purge`: the queue emptied.
 */
export type JournalEntry =
  | { op: 'put'; queue: string; message: StoredMessage }
  | { op: 'receive'; id: string; count: number; firstAt?: number }
  | { op: 'hide'; id: string; until: number }
  | { op: 'delete'; id: string }
  | { op: 'purge'; queue: string };

/** A message the journal keeps: where it is and, after a consumer's backoff, until when it stays hidden. */
export interface KeptMessage {
  queue: string;
  message: StoredMessage;
  hiddenUntil?: number;
}

/** Past this many lines beyond the live messages, the journal is rewritten with only those. */
const COMPACT_AFTER = 20_000;

/**
 * What the local SQS server holds, as an append-only file: each change is written before the
 * request that made it is answered, so a message whose send was acknowledged is in the file
 * even if the process is killed the next instant. Opening replays the file (a line torn by
 * the kill is skipped) and rewrites it with only the live messages.
 */
export class SqsJournal {
  readonly kept = new Map<string, KeptMessage>();
  private fd: number;
  private lines = 0;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) this.replay(readFileSync(path, 'utf8'));
    this.fd = this.compact();
  }

  /** Applies and appends entries (one write for all of them). */
  record(entries: JournalEntry[]): void {
    if (entries.length === 0) return;
    for (const entry of entries) this.apply(entry);
    writeSync(this.fd, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    this.lines += entries.length;
    if (this.lines > COMPACT_AFTER + this.kept.size) {
      closeSync(this.fd);
      this.fd = this.compact();
    }
  }

  /** Messages of a queue, oldest first: what a restart puts back. */
  messagesOf(queue: string): KeptMessage[] {
    return [...this.kept.values()].filter((kept) => kept.queue === queue).sort((a, b) => a.message.sentTimestamp - b.message.sentTimestamp);
  }

  /** Rewrites the file with only the live messages and closes it. */
  close(): void {
    closeSync(this.fd);
    closeSync(this.compact());
  }

  private replay(text: string): void {
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        this.apply(JSON.parse(line) as JournalEntry);
      } catch {
        // A line cut short by a kill mid-write: the change it describes was never acknowledged.
      }
    }
  }

  private apply(entry: JournalEntry): void {
    switch (entry.op) {
      case 'put':
        this.kept.set(entry.message.messageId, { queue: entry.queue, message: entry.message });
        return;
      case 'receive': {
        const kept = this.kept.get(entry.id);
        if (!kept) return;
        kept.message.approximateReceiveCount = entry.count;
        if (entry.firstAt !== undefined) kept.message.approximateFirstReceiveTimestamp = entry.firstAt;
        // In flight with a consumer that a restart ends: visible again at once.
        delete kept.hiddenUntil;
        return;
      }
      case 'hide': {
        const kept = this.kept.get(entry.id);
        if (kept) kept.hiddenUntil = entry.until;
        return;
      }
      case 'delete':
        this.kept.delete(entry.id);
        return;
      case 'purge':
        for (const [id, kept] of this.kept) if (kept.queue === entry.queue) this.kept.delete(id);
        return;
    }
  }

  /** Writes the live messages to a new file, makes it the journal in one rename, and returns it open for appending. */
  private compact(): number {
    const next = `${this.path}.next`;
    const fd = openSync(next, 'w');
    const entries: JournalEntry[] = [...this.kept.values()].flatMap((kept) => [
      { op: 'put', queue: kept.queue, message: kept.message } as const,
      ...(kept.hiddenUntil !== undefined ? [{ op: 'hide', id: kept.message.messageId, until: kept.hiddenUntil } as const] : []),
    ]);
    writeSync(fd, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    fsyncSync(fd);
    renameSync(next, this.path);
    this.lines = entries.length;
    return fd;
  }
}

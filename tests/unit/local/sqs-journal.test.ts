import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqsJournal, type StoredMessage } from '../../../infra/local/sqs-journal.js';

const message = (id: string): StoredMessage => ({ messageId: id, body: id, md5OfBody: '', messageAttributes: {}, md5OfMessageAttributes: '', sentTimestamp: 1, approximateReceiveCount: 0 });

let folder: string;
let path: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'retain-journal-'));
  path = join(folder, 'sqs-journal.ndjson');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const lines = () => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;

describe('the SQS journal', () => {
  it('stays as long as what it holds, however many changes a long run writes', () => {
    // Arrange
    const journal = new SqsJournal(path);
    journal.record([{ op: 'put', queue: 'work', message: message('kept') }]);
    // Act: 30,000 messages sent and consumed
    for (let index = 0; index < 15_000; index += 1) {
      journal.record([{ op: 'put', queue: 'work', message: message(`m-${index}`) }]);
      journal.record([{ op: 'delete', id: `m-${index}` }]);
    }
    // Assert
    expect(lines()).toBeLessThan(20_000);
    journal.close();
    expect(lines()).toBe(1);
    expect([...new SqsJournal(path).kept.keys()]).toEqual(['kept']);
  });

  it('follows a message to the dead-letter queue and forgets a purged queue', () => {
    // Arrange
    const journal = new SqsJournal(path);
    journal.record([
      { op: 'put', queue: 'work', message: message('poison') },
      { op: 'put', queue: 'other', message: message('purged') },
    ]);
    // Act
    journal.record([{ op: 'put', queue: 'work-dlq', message: { ...message('poison'), approximateReceiveCount: 3 } }, { op: 'purge', queue: 'other' }]);
    journal.close();
    // Assert
    const reopened = new SqsJournal(path);
    expect(reopened.messagesOf('work')).toEqual([]);
    expect(reopened.messagesOf('work-dlq')).toEqual([{ queue: 'work-dlq', message: { ...message('poison'), approximateReceiveCount: 3 } }]);
    expect(reopened.messagesOf('other')).toEqual([]);
  });
});

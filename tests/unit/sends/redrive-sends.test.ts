import { describe, expect, it } from 'vitest';
import { redriveSends } from '../../../lib/sends/redrive-sends.js';
import type { SendMessage } from '../../../lib/sends/send-message.js';
import { InMemoryDeadLetterQueue } from '../../support/in-memory-dead-letters.js';
import { RecordingQueue } from '../../support/sends.js';

const message = (workspace: string, ruleId: string, sendId: string): SendMessage => ({
  version: 1,
  sendId,
  dedupeKey: `dk-${sendId}`,
  workspace,
  customerId: 'c-1',
  rule: { id: ruleId, version: 1, priority: 50 },
  actionIndex: 0,
  occurrence: 'o-1',
  variant: 'default',
  channel: 'sms',
  purpose: 'ad',
  content: { text: '(광고) …' },
  recipient: { kind: 'phone', e164: '+821012345678', national: '01012345678' },
  notBefore: '2026-03-02T01:00:00.000Z',
  expiresAt: null,
  createdAt: '2026-03-02T01:00:00.000Z',
});

const setup = async () => {
  const deadLetters = new InMemoryDeadLetterQueue();
  const queue = new RecordingQueue<SendMessage>();
  const note = { reason: 'gave up after 5 attempts: webhook answered 503', attempts: 5, failedAt: '2026-03-02T01:05:00.000Z' };
  await deadLetters.put(JSON.stringify(message('ws-a', 'spring-sale', 's-1')), note);
  await deadLetters.put(JSON.stringify(message('ws-b', 'spring-sale', 's-2')), note);
  await deadLetters.put(JSON.stringify(message('ws-a', 'welcome', 's-3')), note);
  await deadLetters.put('not json', note);
  return { deadLetters, queue };
};

describe('redrive', () => {
  it("moves the workspace's dead letters back to the queue, with their reasons in the report", async () => {
    // Arrange
    const { deadLetters, queue } = await setup();
    // Act
    const report = await redriveSends('ws-a', {}, { deadLetters, queue });
    // Assert
    expect(queue.sent.map((sent) => sent.message.sendId)).toEqual(['s-1', 's-3']);
    expect(report.redriven[0]).toMatchObject({ sendId: 's-1', reason: 'gave up after 5 attempts: webhook answered 503' });
  });

  it("leaves other workspaces' letters in the dead-letter queue, visible", async () => {
    // Arrange
    const { deadLetters, queue } = await setup();
    // Act
    await redriveSends('ws-a', {}, { deadLetters, queue });
    // Assert
    expect(deadLetters.letters.map((letter) => [letter.body.includes('s-2') || letter.body === 'not json', letter.hidden])).toEqual([
      [true, false],
      [true, false],
    ]);
  });

  it('moves only the rule asked for', async () => {
    // Arrange
    const { deadLetters, queue } = await setup();
    // Act
    await redriveSends('ws-a', { ruleId: 'welcome' }, { deadLetters, queue });
    // Assert
    expect(queue.sent.map((sent) => sent.message.sendId)).toEqual(['s-3']);
  });

  it('moves nothing in a dry run', async () => {
    // Arrange
    const { deadLetters, queue } = await setup();
    // Act
    const report = await redriveSends('ws-a', { dryRun: true }, { deadLetters, queue });
    // Assert
    expect(report.redriven).toHaveLength(2);
    expect(queue.sent).toEqual([]);
    expect(deadLetters.letters).toHaveLength(4);
  });

  it('stops at the limit and says how many are left', async () => {
    // Arrange
    const { deadLetters, queue } = await setup();
    // Act
    const report = await redriveSends('ws-a', { limit: 1 }, { deadLetters, queue });
    // Assert
    expect([report.redriven.length, report.remaining]).toEqual([1, 1]);
  });
});

import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterNote, DeadLetterQueue } from '../sends/dead-letter-queue.js';

/** Message attributes that carry a dead letter's note; the body stays the original message, so redrive sends it back as it was. */
const ATTRIBUTE = { reason: 'retain-reason', attempts: 'retain-attempts', failedAt: 'retain-failed-at' } as const;

/** SQS allows 256 KB per attribute; a reason is a line, not a stack trace. */
const MAX_REASON = 1000;

/** A dead-letter queue on SQS: the consumer puts failed messages there with a reason; redrive takes them back out. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async put(body: string, note: DeadLetterNote): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          [ATTRIBUTE.reason]: { DataType: 'String', StringValue: note.reason.slice(0, MAX_REASON) || '(none)' },
          [ATTRIBUTE.attempts]: { DataType: 'Number', StringValue: String(note.attempts) },
          [ATTRIBUTE.failedAt]: { DataType: 'String', StringValue: note.failedAt },
        },
      }),
    );
  }

  async receive(max: number, hideSeconds: number): Promise<DeadLetter[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: Math.min(10, max), VisibilityTimeout: hideSeconds, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }),
    );
    return Messages.map((message) => {
      const attributes = message.MessageAttributes ?? {};
      const reason = attributes[ATTRIBUTE.reason]?.StringValue;
      return {
        id: message.MessageId!,
        body: message.Body ?? '',
        handle: message.ReceiptHandle!,
        ...(reason !== undefined
          ? { note: { reason, attempts: Number(attributes[ATTRIBUTE.attempts]?.StringValue ?? 0), failedAt: attributes[ATTRIBUTE.failedAt]?.StringValue ?? '' } }
          : {}),
      };
    });
  }

  async remove(letter: DeadLetter): Promise<void> {
    await this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: letter.handle }));
  }

  async release(letter: DeadLetter): Promise<void> {
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: letter.handle, VisibilityTimeout: 0 }));
  }
}

import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionDefinition, QueueSource } from '../resources.js';
import { invoke, type LocalHandler } from './lambda-context.js';
import { delay, PollingLoop } from './polling-loop.js';

export interface QueuePollerOptions {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  functionName: string;
  definition: FunctionDefinition & { queue: QueueSource };
  handler: LocalHandler;
  /** A failed message becomes visible again after this long (the queue's timeout on AWS). */
  retryDelaySeconds: number;
  log: (message: string) => void;
}

/**
 * Polls an SQS queue like Lambda's event source mapping: batches become SQSEvents,
 * succeeded messages are deleted, failed ones (`batchItemFailures`, or all on a throw)
 * come back after a delay, and the queue's redrive policy moves them to its DLQ.
 */
export class QueuePoller extends PollingLoop {
  private busy = false;

  constructor(private readonly options: QueuePollerOptions) {
    super();
  }

  /** Resolves once the queue holds no visible, in-flight or delayed message and nothing is being handled. */
  async drained(): Promise<void> {
    for (let quiet = 0; quiet < 2 && this.running; ) {
      const { Attributes = {} } = await this.options.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: this.options.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      const pending = Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
      quiet = pending === 0 && !this.busy ? quiet + 1 : 0;
      await delay(50);
    }
  }

  protected async run(): Promise<void> {
    while (this.running) {
      try {
        const { Messages = [] } = await this.options.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: Math.min(10, this.options.definition.queue.batchSize),
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        if (Messages.length > 0) {
          this.busy = true;
          await this.deliver(Messages);
        }
      } catch (error) {
        this.options.log(`queue poll failed: ${error instanceof Error ? error.message : String(error)}`);
        await this.pause(500);
      } finally {
        this.busy = false;
      }
    }
  }

  private async deliver(messages: Message[]): Promise<void> {
    const records = messages.map((message) => this.toRecord(message));
    let failed: Set<string>;
    try {
      const result = (await invoke(this.options.functionName, this.options.definition, this.options.handler, { Records: records } satisfies SQSEvent)) as
        | { batchItemFailures?: Array<{ itemIdentifier?: string }> }
        | undefined;
      failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier ?? ''));
    } catch (error) {
      this.options.log(`${this.options.functionName} failed on ${records.length} message(s): ${error instanceof Error ? error.message : String(error)}`);
      failed = new Set(records.map((record) => record.messageId));
    }
    const succeeded = messages.filter((message) => !failed.has(message.MessageId!));
    const retried = messages.filter((message) => failed.has(message.MessageId!));
    if (succeeded.length > 0) {
      await this.options.client.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }),
      );
    }
    if (retried.length > 0) {
      await this.options.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: retried.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: this.options.retryDelaySeconds })),
        }),
      );
    }
  }

  private toRecord(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId!,
      receiptHandle: message.ReceiptHandle!,
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attributes['ApproximateReceiveCount'] ?? '1',
        SentTimestamp: attributes['SentTimestamp'] ?? String(Date.now()),
        SenderId: attributes['SenderId'] ?? '000000000000',
        ApproximateFirstReceiveTimestamp: attributes['ApproximateFirstReceiveTimestamp'] ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          { dataType: value.DataType ?? 'String', ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}) },
        ]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: this.options.region,
    };
  }
}


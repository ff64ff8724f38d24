import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryRetries } from '../sends/dead-letter-queue.js';

/**
 * Backoff per message: a failed message stays hidden for the given time instead of the
 * queue's visibility timeout (Lambda leaves the visibility of a reported failure alone).
 */
export class SqsDeliveryRetries implements DeliveryRetries {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async later(handle: string, seconds: number): Promise<void> {
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: handle, VisibilityTimeout: Math.max(0, Math.min(43_200, Math.round(seconds))) }));
  }
}

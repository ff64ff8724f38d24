import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../time/clock.js';
import type { UnhandledWebhook, UnhandledWebhookLog } from '../webhooks/unhandled-webhook-log.js';
import { unhandledWebhookPk, unhandledWebhookSk } from './keys.js';

const KEEP_DAYS = 90;

/** Unhandled deliveries, one item each under the workspace, kept 90 days. */
export class DynamoUnhandledWebhookLog implements UnhandledWebhookLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; clock: Clock },
  ) {}

  async record(delivery: UnhandledWebhook): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          pk: unhandledWebhookPk(delivery.workspace, delivery.platform),
          sk: unhandledWebhookSk(delivery.topic, delivery.receivedAt, delivery.deliveryId),
          entity: 'unhandled-webhook',
          ...delivery,
          ttl: Math.floor(this.options.clock.now().getTime() / 1000) + KEEP_DAYS * 24 * 60 * 60,
        },
      }),
    );
  }
}

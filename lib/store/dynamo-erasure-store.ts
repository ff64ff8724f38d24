import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ErasureReceipt, ErasureStore } from '../erasure/erasure-store.js';
import { customerRef, visitorRef } from '../profiles/profile-ref.js';
import type { Clock } from '../time/clock.js';
import type { ErasureRequest } from '../webhooks/webhook-result.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { storedProfileOf } from './dynamo-profile-store.js';
import { ALIAS_SK, anonymousAliasPk, ERASED_SK, erasedPk, erasureReceiptSk, erasureReceiptsPk, PROFILE_SK, profilePk } from './keys.js';

/** Long enough for every platform's retries (Shopify: 48 h) to meet the tombstone. */
const TOMBSTONE_DAYS = 30;

/** Erasure on the single table: a customer's data is their partitions plus their aliases. */
export class DynamoErasureStore implements ErasureStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; clock: Clock },
  ) {}

  async markErased(request: ErasureRequest): Promise<void> {
    const erasedAt = new Date(request.requestedAt).toISOString();
    const ttl = Math.floor(this.options.clock.now().getTime() / 1000) + TOMBSTONE_DAYS * 24 * 60 * 60;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: erasedPk(request.workspace, request.customerId), sk: ERASED_SK },
          UpdateExpression: 'SET entity = :entity, erasedAt = :at, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(erasedAt) OR erasedAt < :at',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':entity': 'erasure-tombstone', ':at': erasedAt, ':ttl': ttl },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // already erased as of a later time
    }
  }

  async deleteCustomerData(workspace: string, customerId: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { pk: profilePk(customerRef(workspace, customerId)), sk: PROFILE_SK }, ConsistentRead: true }),
    );
    const anonymousIds = Item ? storedProfileOf(customerRef(workspace, customerId), Item).state.anonymousIds : [];
    let deleted = await this.deletePartition(profilePk(customerRef(workspace, customerId)));
    for (const anonymousId of anonymousIds) {
      deleted += await this.deletePartition(profilePk(visitorRef(workspace, anonymousId)));
      try {
        await this.client.send(
          new DeleteCommand({
            TableName: this.options.tableName,
            Key: { pk: anonymousAliasPk(workspace, anonymousId), sk: ALIAS_SK },
            ConditionExpression: 'customerId = :customer',
            ExpressionAttributeValues: { ':customer': customerId },
          }),
        );
        deleted += 1;
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error; // linked to someone else, or gone already
      }
    }
    return deleted;
  }

  async writeReceipt(receipt: ErasureReceipt): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { pk: erasureReceiptsPk(receipt.workspace), sk: erasureReceiptSk(receipt.completedAt, receipt.receiptId), entity: 'erasure-receipt', ...receipt },
      }),
    );
  }

  async receipts(workspace: string, limit: number): Promise<ErasureReceipt[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': erasureReceiptsPk(workspace) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(({ receiptId, workspace: ws, source, requestedAt, completedAt, itemsDeleted }) => ({ receiptId, workspace: ws, source, requestedAt, completedAt, itemsDeleted }));
  }

  /** Deletes every item of a partition, 25 per request, retrying what DynamoDB leaves unprocessed. */
  private async deletePartition(pk: string): Promise<number> {
    let deleted = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey,
        }),
      );
      const keys = page.Items ?? [];
      for (let start = 0; start < keys.length; start += 25) {
        let requests = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
        for (let attempt = 0; requests.length > 0; attempt += 1) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
          const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.options.tableName]: requests } }));
          requests = (result.UnprocessedItems?.[this.options.tableName] ?? []) as typeof requests;
        }
      }
      deleted += keys.length;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return deleted;
  }
}

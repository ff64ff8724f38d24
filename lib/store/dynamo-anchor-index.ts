import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnchorName, AnchoredCustomers } from '../schedules/anchored-customers.js';
import { ANCHOR_INDEXES, ANCHOR_SHARDS } from './anchor-indexes.js';
import { allShards } from './index-shards.js';
import { anchorIndexPk } from './keys.js';

/** AnchoredCustomers on the date-anchor GSIs: one range query per shard, in parallel. */
export class DynamoAnchorIndex implements AnchoredCustomers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  async find(workspace: string, anchor: AnchorName, from: Date, to: Date): Promise<string[]> {
    const index = ANCHOR_INDEXES[anchor];
    // Index values are toISOString() instants, which sort as text; `to` is exclusive.
    const last = new Date(to.getTime() - 1).toISOString();
    const shards = await Promise.all(
      allShards(ANCHOR_SHARDS).map(async (shard) => {
        const ids: string[] = [];
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await this.client.send(
            new QueryCommand({
              TableName: this.options.tableName,
              IndexName: index.name,
              KeyConditionExpression: '#pk = :pk AND #at BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#pk': index.partitionKey, '#at': index.sortKey },
              ExpressionAttributeValues: { ':pk': anchorIndexPk(workspace, anchor, shard), ':from': from.toISOString(), ':to': last },
              ExclusiveStartKey,
            }),
          );
          for (const item of page.Items ?? []) ids.push(String(item['customerId']));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return ids;
      }),
    );
    return shards.flat();
  }
}

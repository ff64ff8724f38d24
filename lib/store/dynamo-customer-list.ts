import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerRef } from '../profiles/profile-ref.js';
import type { CustomerList } from '../segments/customer-list.js';
import { PROFILE_LIST_SHARDS, PROFILE_SK, profileListPk, profilePk } from './keys.js';
import { PROFILE_LIST_INDEX, PROFILE_LIST_KEYS } from './profile-list-index.js';

/**
 * CustomerList on the sparse profile-list index: one partition per workspace and shard,
 * sorted by customer id. A position is a customer id, so the start key is rebuilt from it
 * (the index keys plus the table keys of that customer's profile item).
 */
export class DynamoCustomerList implements CustomerList {
  readonly shards = PROFILE_LIST_SHARDS;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  async page(workspace: string, shard: number, after: string | undefined, limit: number): Promise<{ ids: string[]; more: boolean }> {
    const pk = profileListPk(workspace, shard);
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: PROFILE_LIST_INDEX,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PROFILE_LIST_KEYS.partition },
        ExpressionAttributeValues: { ':pk': pk },
        Limit: limit,
        ...(after === undefined
          ? {}
          : { ExclusiveStartKey: { [PROFILE_LIST_KEYS.partition]: pk, [PROFILE_LIST_KEYS.sort]: after, pk: profilePk(customerRef(workspace, after)), sk: PROFILE_SK } }),
      }),
    );
    return { ids: (page.Items ?? []).map((item) => String(item[PROFILE_LIST_KEYS.sort])), more: page.LastEvaluatedKey !== undefined };
  }
}

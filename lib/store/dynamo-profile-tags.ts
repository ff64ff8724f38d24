import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerRef } from '../profiles/profile-ref.js';
import type { ProfileTagStore } from '../profiles/profile-tags.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { PROFILE_SK, profilePk } from './keys.js';

/**
 * Tags as a string set on the profile item, changed with ADD/DELETE: atomic, idempotent,
 * and independent of the profile's revision (event writes never touch `tags`).
 */
export class DynamoProfileTagStore implements ProfileTagStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  async changeTags(workspace: string, customerId: string, change: { add: readonly string[]; remove: readonly string[] }): Promise<'changed' | 'no-profile'> {
    const add = [...new Set(change.add)];
    const remove = [...new Set(change.remove)].filter((tag) => !add.includes(tag));
    if (add.length === 0 && remove.length === 0) return 'changed';
    const clauses = [...(add.length > 0 ? ['ADD tags :add'] : []), ...(remove.length > 0 ? ['DELETE tags :remove'] : [])];
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: profilePk(customerRef(workspace, customerId)), sk: PROFILE_SK },
          UpdateExpression: clauses.join(' '),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ...(add.length > 0 ? { ':add': new Set(add) } : {}), ...(remove.length > 0 ? { ':remove': new Set(remove) } : {}) },
        }),
      );
      return 'changed';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'no-profile';
      throw error;
    }
  }
}

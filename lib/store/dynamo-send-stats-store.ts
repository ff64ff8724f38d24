import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerRef } from '../profiles/profile-ref.js';
import type { CounterDelta } from '../sends/send-counters.js';
import type { ArmCounters, Conversion, SendStatsStore } from '../sends/send-stats-store.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { addRuleCounters, readRuleCounters } from './dynamo-rule-counters.js';
import { conversionSk, profilePk } from './keys.js';

const DAY_SECONDS = 86_400;

/**
 * Conversions as items in the customer's partition, one per order and rule (a conditional
 * put makes a replayed order count once), and the rule counters they add to.
 */
export class DynamoSendStatsStore implements SendStatsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; retentionDays: number },
  ) {}

  async recordConversion(conversion: Conversion, counters: CounterDelta[]): Promise<'recorded' | 'already-recorded'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            pk: profilePk(customerRef(conversion.workspace, conversion.customerId)),
            sk: conversionSk(conversion.orderId, conversion.ruleId),
            entity: 'conversion',
            ...conversion,
            ttl: Math.floor(Date.parse(conversion.orderedAt) / 1000) + this.options.retentionDays * DAY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'already-recorded';
      throw error;
    }
    await addRuleCounters(this.client, this.options.tableName, conversion.workspace, counters);
    return 'recorded';
  }

  ruleCounters(workspace: string, ruleId: string): Promise<ArmCounters[]> {
    return readRuleCounters(this.client, this.options.tableName, workspace, ruleId);
  }
}

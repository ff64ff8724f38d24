import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CounterDelta } from '../sends/send-counters.js';
import type { ArmCounters } from '../sends/send-stats-store.js';
import { ruleCountersPk, ruleCountersSk } from './keys.js';

const PREFIX = 'n_';

/**
 * Rule send counters: one item per rule, version and arm, a number attribute per counter,
 * changed with ADD (atomic, no read). Each item is written by every send of its rule and
 * arm — fine for thousands of sends a minute; past that, shard the sort key.
 */
export const addRuleCounters = async (client: DynamoDBDocumentClient, tableName: string, workspace: string, deltas: CounterDelta[]): Promise<void> => {
  for (const delta of deltas) {
    const entries = Object.entries(delta.counts).filter(([, by]) => by !== 0);
    if (entries.length === 0) continue;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':entity': 'rule-send-counters', ':rule': delta.ruleId, ':version': delta.version, ':arm': delta.arm };
    entries.forEach(([name, by], index) => {
      names[`#c${index}`] = `${PREFIX}${name}`;
      values[`:c${index}`] = by;
    });
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: ruleCountersPk(workspace, delta.ruleId), sk: ruleCountersSk(delta.version, delta.arm) },
        UpdateExpression: `SET entity = :entity, ruleId = :rule, version = :version, arm = :arm ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
};

export const readRuleCounters = async (client: DynamoDBDocumentClient, tableName: string, workspace: string, ruleId: string): Promise<ArmCounters[]> => {
  const arms: ArmCounters[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ruleCountersPk(workspace, ruleId) }, ExclusiveStartKey }),
    );
    for (const item of page.Items ?? []) {
      const counts = Object.fromEntries(
        Object.entries(item)
          .filter(([name]) => name.startsWith(PREFIX))
          .map(([name, value]) => [name.slice(PREFIX.length), Number(value)]),
      );
      arms.push({ version: Number(item['version']), arm: String(item['arm']), counts });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return arms;
};

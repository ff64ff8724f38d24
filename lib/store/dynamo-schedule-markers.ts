import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScheduleMarkers } from '../schedules/schedule-markers.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { scheduleMarkerSk, scheduleMarkersPk } from './keys.js';

/** One item per workspace and scheduled rule: the last local day it completed. */
export class DynamoScheduleMarkers implements ScheduleMarkers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  async completedDays(workspace: string): Promise<Map<string, string>> {
    const days = new Map<string, string>();
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': scheduleMarkersPk(workspace) },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) days.set(String(item['ruleId']), String(item['lastDay']));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return days;
  }

  async complete(workspace: string, ruleId: string, day: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: scheduleMarkersPk(workspace), sk: scheduleMarkerSk(ruleId) },
          UpdateExpression: 'SET entity = :entity, ruleId = :rule, lastDay = :day',
          ConditionExpression: 'attribute_not_exists(lastDay) OR lastDay < :day',
          ExpressionAttributeValues: { ':entity': 'schedule-marker', ':rule': ruleId, ':day': day },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // an overlapping run got further
    }
  }
}

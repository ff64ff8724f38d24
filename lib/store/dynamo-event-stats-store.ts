import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../time/clock.js';
import type { CountedEvent, DailyEventCounts, EventStatsStore } from '../stats/event-stats-store.js';
import { cancellationCodes } from './dynamo-errors.js';
import { COUNTED_SK, dedupePk, statsPk, statsSk } from './keys.js';

const MARKER_SECONDS = 35 * 24 * 60 * 60;

/**
 * Daily counts as one item per workspace and day with a number attribute per event type.
 * A "counted" marker beside the event's dedupe marker makes each count exactly-once.
 */
export class DynamoEventStatsStore implements EventStatsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; clock: Clock },
  ) {}

  async countOnce(event: CountedEvent): Promise<'counted' | 'already-counted'> {
    const TableName = this.options.tableName;
    const ttl = Math.floor(this.options.clock.now().getTime() / 1000) + MARKER_SECONDS;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: { pk: dedupePk(event.workspace, event.eventId), sk: COUNTED_SK, ttl },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName,
                Key: { pk: statsPk(event.workspace), sk: statsSk(event.date) },
                UpdateExpression: 'SET entity = :entity, #date = :date ADD #type :one',
                ExpressionAttributeNames: { '#type': `count_${event.type}`, '#date': 'date' },
                ExpressionAttributeValues: { ':one': 1, ':entity': 'event-stats', ':date': event.date },
              },
            },
          ],
        }),
      );
      return 'counted';
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'already-counted';
      throw error;
    }
  }

  async daily(workspace: string, fromDate: string, toDate: string): Promise<DailyEventCounts[]> {
    const days: DailyEventCounts[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': statsPk(workspace), ':from': statsSk(fromDate), ':to': statsSk(toDate) },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const counts = Object.fromEntries(
          Object.entries(item)
            .filter(([name]) => name.startsWith('count_'))
            .map(([name, value]) => [name.slice('count_'.length), Number(value)]),
        );
        days.push({ date: String(item['date']), counts });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return days;
  }
}

import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CanonicalEventSchema } from '../events/canonical-event.js';
import { customerRef } from '../profiles/profile-ref.js';
import type { SameTimeEvents, StoredEvent } from '../triggers/trigger-settle.js';
import { eventSk, profilePk } from './keys.js';

/**
 * The customer's events at one instant: their sort keys share `E#<occurredAt>#`, so one
 * consistent query of the partition finds them. Only the event and its receipt time are
 * read — never the profile snapshots, which can be large.
 */
export class DynamoSameTimeEvents implements SameTimeEvents {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  async at(workspace: string, customerId: string, occurredAt: string, limit: number): Promise<StoredEvent[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': profilePk(customerRef(workspace, customerId)), ':prefix': eventSk(occurredAt, '') },
        ProjectionExpression: '#event, receivedAt',
        ExpressionAttributeNames: { '#event': 'event' },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return Items.flatMap((item) => {
      // An item that is not what ingest writes is that event's own evaluation's problem, not this one's.
      const event = CanonicalEventSchema.safeParse(parseJson(item['event']));
      if (!event.success) return [];
      return [{ event: event.data, ...(typeof item['receivedAt'] === 'string' ? { receivedAt: item['receivedAt'] } : {}) }];
    });
  }
}

const parseJson = (text: unknown): unknown => {
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

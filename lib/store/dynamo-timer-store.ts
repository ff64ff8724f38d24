import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { customerRef } from '../profiles/profile-ref.js';
import type { ClaimedTimer, DueTimerQueue, DueTimerSlot } from '../timers/due-timers.js';
import type { Timer, TimerStore } from '../timers/timer-store.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { shardOf } from './index-shards.js';
import { profilePk, timerDuePk, timerSk } from './keys.js';

/** The due index of resources.ts (TABLE.indexes), and how many partitions it is spread over. */
export const TIMER_DUE_INDEX = { name: 'timers-due', partitionKey: 'timerDuePk', sortKey: 'timerDueAt', shards: 8 } as const;
/** A timer nobody fired within this long after it was due expires, so none lingers forever. */
const EXPIRE_AFTER_DUE_SECONDS = 35 * 24 * 60 * 60;

/**
 * Timers on the single table: an item in the customer's partition (`T#<key>`) carrying its
 * due time twice — `dueAt`, the time the timer is for, and `timerDueAt`, when the sweep
 * should next look at it (the sort key of the sharded due index; a claim moves it to the
 * end of the lease).
 */
export class DynamoTimerStore implements TimerStore, DueTimerQueue {
  readonly shards = TIMER_DUE_INDEX.shards;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string },
  ) {}

  async set(timer: Timer): Promise<void> {
    const key = keyOf(timer.workspace, timer.customerId, timer.key);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            ...key,
            entity: 'timer',
            workspace: timer.workspace,
            customerId: timer.customerId,
            timerKey: timer.key,
            kind: timer.kind,
            dueAt: timer.dueAt,
            ...(timer.startedAt ? { startedAt: timer.startedAt } : {}),
            payload: JSON.stringify(timer.payload),
            [TIMER_DUE_INDEX.partitionKey]: timerDuePk(shardOf(`${key.pk}|${key.sk}`, this.shards)),
            [TIMER_DUE_INDEX.sortKey]: timer.dueAt,
            attempts: 0,
            ttl: Math.floor(Date.parse(timer.dueAt) / 1000) + EXPIRE_AFTER_DUE_SECONDS,
          },
          ...(timer.startedAt
            ? { ConditionExpression: 'attribute_not_exists(startedAt) OR startedAt <= :startedAt', ExpressionAttributeValues: { ':startedAt': timer.startedAt } }
            : {}),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // a later start already set this timer
    }
  }

  async cancel(workspace: string, customerId: string, key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: keyOf(workspace, customerId, key) }));
  }

  async cancelStartedUpTo(workspace: string, customerId: string, keyPrefix: string, startedUpTo: string): Promise<number> {
    const pk = profilePk(customerRef(workspace, customerId));
    let cancelled = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': timerSk(keyPrefix) },
          ProjectionExpression: 'pk, sk, startedAt',
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (typeof item['startedAt'] === 'string' && item['startedAt'] > startedUpTo) continue;
        try {
          await this.client.send(
            new DeleteCommand({
              TableName: this.options.tableName,
              Key: { pk: item['pk'], sk: item['sk'] },
              // A newer start may have moved it since the query: that one stays.
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(startedAt) OR startedAt <= :upTo)',
              ExpressionAttributeValues: { ':upTo': startedUpTo },
            }),
          );
          cancelled += 1;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
        }
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return cancelled;
  }

  async *due(shard: number, now: Date): AsyncIterable<DueTimerSlot> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          IndexName: TIMER_DUE_INDEX.name,
          KeyConditionExpression: '#pk = :pk AND #due <= :now',
          ExpressionAttributeNames: { '#pk': TIMER_DUE_INDEX.partitionKey, '#due': TIMER_DUE_INDEX.sortKey },
          ExpressionAttributeValues: { ':pk': timerDuePk(shard), ':now': now.toISOString() },
          Limit: 100,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        yield { workspace: String(item['workspace']), customerId: String(item['customerId']), key: String(item['timerKey']), attemptAt: String(item[TIMER_DUE_INDEX.sortKey]) };
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  async claim(slot: DueTimerSlot, leaseUntil: Date): Promise<ClaimedTimer | undefined> {
    const claimId = randomUUID();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keyOf(slot.workspace, slot.customerId, slot.key),
          UpdateExpression: 'SET #due = :lease, claimId = :claim ADD attempts :one',
          ConditionExpression: '#due = :seen',
          ExpressionAttributeNames: { '#due': TIMER_DUE_INDEX.sortKey },
          ExpressionAttributeValues: { ':lease': leaseUntil.toISOString(), ':claim': claimId, ':seen': slot.attemptAt, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { timer: timerOf(Attributes!), claimId, attempts: Number(Attributes!['attempts']) };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  async complete(claimed: ClaimedTimer): Promise<void> {
    const { timer } = claimed;
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: keyOf(timer.workspace, timer.customerId, timer.key),
          ConditionExpression: 'claimId = :claim',
          ExpressionAttributeValues: { ':claim': claimed.claimId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // moved by a newer start, or cancelled: nothing of ours to delete
    }
  }
}

const keyOf = (workspace: string, customerId: string, key: string) => ({ pk: profilePk(customerRef(workspace, customerId)), sk: timerSk(key) });

const timerOf = (item: Record<string, unknown>): Timer => ({
  workspace: String(item['workspace']),
  customerId: String(item['customerId']),
  key: String(item['timerKey']),
  dueAt: String(item['dueAt']),
  kind: item['kind'] as Timer['kind'],
  payload: JSON.parse(String(item['payload'])),
  ...(typeof item['startedAt'] === 'string' ? { startedAt: item['startedAt'] } : {}),
});

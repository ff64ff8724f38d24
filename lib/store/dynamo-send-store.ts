import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../events/canonical-event.js';
import type { CounterDelta } from '../sends/send-counters.js';
import type { SendKey, SendRecord } from '../sends/send-record.js';
import type { FatigueCharge, SendStore } from '../sends/send-store.js';
import type { Clock } from '../time/clock.js';
import { cancellationCodes, isConditionalCheckFailed } from './dynamo-errors.js';
import { addRuleCounters } from './dynamo-rule-counters.js';
import { customerRef } from '../profiles/profile-ref.js';
import { fatigueSk, profilePk, SEND_SK_PREFIX, sendSk } from './keys.js';

const DAY_SECONDS = 86_400;
/** A counter is read for 7 days back and 7 ahead; a little longer and it goes. */
const FATIGUE_TTL_DAYS = 16;

export interface DynamoSendStoreOptions {
  tableName: string;
  clock: Clock;
  /** Ledger entries are kept this long after the match: "at most once" holds for as long. */
  retentionDays: number;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** A ledger write: a put for a new entry, an update for a replaced one; alone, or in one transaction with its fatigue charge. */
type LedgerWrite = { Put: NonNullable<TransactItem['Put']> } | { Update: NonNullable<TransactItem['Update']> };

const keyOf = (key: SendKey) => ({ pk: profilePk(customerRef(key.workspace, key.customerId)), sk: sendSk(key.ruleId, key.occurrence, key.actionIndex) });

/**
 * The send ledger and fatigue counters in the customer's partition (so erasure removes
 * them), rule counters in their own items. A ledger write that charges the budget is one
 * transaction of two items of that one partition; a failed condition becomes a domain answer.
 */
export class DynamoSendStore implements SendStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: DynamoSendStoreOptions,
  ) {}

  async get(key: SendKey): Promise<SendRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.options.tableName, Key: keyOf(key), ConsistentRead: true }));
    return Item ? recordOf(Item) : undefined;
  }

  async listForCustomer(workspace: string, customerId: string): Promise<SendRecord[]> {
    const records: SendRecord[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': profilePk(customerRef(workspace, customerId)), ':prefix': SEND_SK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      records.push(...(page.Items ?? []).map(recordOf));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return records;
  }

  create(record: SendRecord, charge?: FatigueCharge): Promise<'created' | 'exists' | 'over-budget'> {
    return this.write({ Put: { TableName: this.options.tableName, Item: this.itemOf(record), ConditionExpression: 'attribute_not_exists(pk)' } }, record.key, charge, 'created', 'exists');
  }

  replace(record: SendRecord, expectedRev: number, charge?: FatigueCharge): Promise<'replaced' | 'conflict' | 'over-budget'> {
    return this.write({ Update: this.replacementOf(record, expectedRev) }, record.key, charge, 'replaced', 'conflict');
  }

  async noteDuplicate(key: SendKey, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keyOf(key),
          UpdateExpression: 'ADD duplicates :one SET lastDuplicateAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1, ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // the entry is gone (erased): nothing to note
    }
  }

  async fatigueCounts(workspace: string, customerId: string, channel: Channel, fromDay: string, toDay: string): Promise<Record<string, number>> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': profilePk(customerRef(workspace, customerId)), ':from': fatigueSk(channel, fromDay), ':to': fatigueSk(channel, toDay) },
        ConsistentRead: true,
      }),
    );
    return Object.fromEntries(Items.map((item) => [String(item['day']), Number(item['count'])]));
  }

  addCounters(workspace: string, deltas: CounterDelta[]): Promise<void> {
    return addRuleCounters(this.client, this.options.tableName, workspace, deltas);
  }

  private async write<Ok extends string, Taken extends string>(
    operation: LedgerWrite,
    key: SendKey,
    charge: FatigueCharge | undefined,
    ok: Ok,
    taken: Taken,
  ): Promise<Ok | Taken | 'over-budget'> {
    if (!charge) {
      try {
        await ('Put' in operation ? this.client.send(new PutCommand(operation.Put)) : this.client.send(new UpdateCommand(operation.Update)));
        return ok;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return taken;
        throw error;
      }
    }
    if (charge.limit <= 0) return 'over-budget';
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: [operation, { Update: this.chargeOf(key, charge) }] }));
      return ok;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') return taken;
      if (codes?.[1] === 'ConditionalCheckFailed') return 'over-budget';
      throw error;
    }
  }

  /** The entry's attributes set anew at revision `expectedRev` — an update, so the duplicate note survives it. */
  private replacementOf(record: SendRecord, expectedRev: number): NonNullable<TransactItem['Update']> {
    const { pk, sk, ...fields } = this.itemOf(record);
    const names = Object.keys(fields);
    return {
      TableName: this.options.tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${names.map((_, index) => `#a${index} = :a${index}`).join(', ')}${record.notBefore ? '' : ' REMOVE notBefore'}`,
      ConditionExpression: 'rev = :expected',
      ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#a${index}`, name])),
      ExpressionAttributeValues: { ...Object.fromEntries(names.map((name, index) => [`:a${index}`, fields[name]])), ':expected': expectedRev },
    };
  }

  /** One more message on the day, while the day stays below its limit. */
  private chargeOf(key: SendKey, charge: FatigueCharge) {
    const dayEnd = Date.parse(`${charge.day}T00:00:00Z`) / 1000 + DAY_SECONDS;
    return {
      TableName: this.options.tableName,
      Key: { pk: profilePk(customerRef(key.workspace, key.customerId)), sk: fatigueSk(charge.channel, charge.day) },
      UpdateExpression: 'SET entity = :entity, channel = :channel, #day = :day, #ttl = :ttl ADD #count :one',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#day': 'day', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':entity': 'fatigue', ':channel': charge.channel, ':day': charge.day, ':ttl': dayEnd + FATIGUE_TTL_DAYS * DAY_SECONDS, ':one': 1, ':limit': charge.limit },
    };
  }

  private itemOf(record: SendRecord): Record<string, unknown> {
    const matched = Math.floor(Date.parse(record.matchedAt) / 1000);
    return {
      ...keyOf(record.key),
      entity: 'send',
      rev: record.rev,
      state: record.state,
      ruleId: record.rule.id,
      sendId: record.sendId,
      ...(record.notBefore ? { notBefore: record.notBefore } : {}),
      record: JSON.stringify({ ...record, duplicates: undefined }),
      ttl: matched + this.options.retentionDays * DAY_SECONDS,
    };
  }
}

const recordOf = (item: Record<string, unknown>): SendRecord => {
  const record = JSON.parse(String(item['record'])) as SendRecord;
  return typeof item['duplicates'] === 'number' ? { ...record, duplicates: { count: item['duplicates'], lastAt: String(item['lastDuplicateAt']) } } : record;
};

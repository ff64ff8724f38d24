import { DeleteCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { SetAsideEntry, SetAsideFailure, SetAsidePage, SetAsideRecord, SetAsideStore } from '../poison/set-aside.js';
import type { Clock } from '../time/clock.js';
import { ValidationError } from '../validation/field-issues.js';
import { isConditionalCheckFailed } from './dynamo-errors.js';
import { isWorkspacePk, setAsideIndexPk, setAsideSk, workspaceOfPk } from './keys.js';

/** The set-aside index of resources.ts (TABLE.indexes names the same): a workspace's entries by time. */
export const SET_ASIDE_INDEX = { name: 'set-aside', partitionKey: 'asidePk', sortKey: 'asideAt' } as const;

const FailureSchema = z.object({ reason: z.string(), ruleId: z.string().optional(), ruleVersion: z.number().optional() });
const EntryItemSchema = z.object({
  pk: z.string(),
  sk: z.string(),
  consumer: z.string(),
  workspace: z.string(),
  customerId: z.string().nullable(),
  recordId: z.string(),
  recordType: z.string().nullable(),
  occurredAt: z.string().nullable(),
  failures: z.array(FailureSchema),
  firstSetAsideAt: z.string(),
  setAsideAt: z.string(),
  times: z.number(),
  replayRequestedAt: z.string().optional(),
});
const IdSchema = z.tuple([z.string(), z.string(), z.string()]);
const CursorSchema = z.strictObject({ pk: z.string(), sk: z.string(), asidePk: z.string(), asideAt: z.string() });

/** `[consumer, item pk, item sk]`, opaque to clients. */
const idOf = (consumer: string, itemKey: SetAsideRecord['itemKey']): string => Buffer.from(JSON.stringify([consumer, itemKey.pk, itemKey.sk])).toString('base64url');

const decode = <T>(schema: z.ZodType<T>, text: string): T | undefined => {
  try {
    return schema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
};

/**
 * Set-aside records on the single table: an entry beside the record's item (`ASIDE#<consumer>#<item sk>`),
 * listed per workspace through the sparse set-aside index. A replay marks the record's item
 * (`replayRequestedAt`), and the table's stream hands it to its consumer again (the evaluate
 * filter passes such a change); the entry goes once the consumer handles it.
 */
export class DynamoSetAsideStore implements SetAsideStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: { tableName: string; clock: Clock },
  ) {}

  async setAside(record: SetAsideRecord, failures: readonly SetAsideFailure[]): Promise<void> {
    const now = this.options.clock.now().toISOString();
    // Listed under the workspace whose partition holds the record, whatever the item says of itself.
    const workspace = workspaceOfPk(record.itemKey.pk) ?? record.workspace;
    await this.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: this.entryKey(record),
        UpdateExpression:
          'SET entity = :entity, consumer = :consumer, workspace = :workspace, customerId = :customer, recordId = :recordId, recordType = :type, ' +
          'occurredAt = :occurredAt, failures = :failures, setAsideAt = :now, firstSetAsideAt = if_not_exists(firstSetAsideAt, :now), ' +
          `#ipk = :ipk, #isk = :now${record.expiresAt === undefined ? '' : ', #ttl = :ttl'} ADD times :one`,
        ExpressionAttributeNames: { '#ipk': SET_ASIDE_INDEX.partitionKey, '#isk': SET_ASIDE_INDEX.sortKey, ...(record.expiresAt === undefined ? {} : { '#ttl': 'ttl' }) },
        ExpressionAttributeValues: {
          ':entity': 'set-aside',
          ':consumer': record.consumer,
          ':workspace': workspace,
          ':customer': record.customerId,
          ':recordId': record.recordId,
          ':type': record.recordType,
          ':occurredAt': record.occurredAt,
          ':failures': failures.map((failure) => ({ ...failure })),
          ':now': now,
          ':ipk': setAsideIndexPk(workspace),
          ':one': 1,
          ...(record.expiresAt === undefined ? {} : { ':ttl': record.expiresAt }),
        },
      }),
    );
  }

  async resolve(record: Pick<SetAsideRecord, 'consumer' | 'itemKey'>): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: this.entryKey(record) }));
  }

  async list(workspace: string, page: { limit: number; cursor?: string | undefined }): Promise<SetAsidePage> {
    const start = page.cursor === undefined ? undefined : decode(CursorSchema, page.cursor);
    if (page.cursor !== undefined && (start === undefined || start.asidePk !== setAsideIndexPk(workspace))) {
      throw new ValidationError([{ path: 'cursor', message: 'is not a cursor this API gave out: send the one of the previous answer, or none to start from the newest' }]);
    }
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: SET_ASIDE_INDEX.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': SET_ASIDE_INDEX.partitionKey },
        ExpressionAttributeValues: { ':pk': setAsideIndexPk(workspace) },
        ScanIndexForward: false,
        Limit: page.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const next = result.LastEvaluatedKey ? Buffer.from(JSON.stringify(result.LastEvaluatedKey)).toString('base64url') : null;
    return { entries: (result.Items ?? []).map(entryOf), cursor: next };
  }

  async replay(workspace: string, ids: readonly string[]): Promise<{ replayed: string[]; missing: string[] }> {
    const replayed: string[] = [];
    const missing: string[] = [];
    const now = this.options.clock.now().toISOString();
    for (const id of ids) {
      const decoded = decode(IdSchema, id);
      if (!decoded || !isWorkspacePk(workspace, decoded[1])) {
        missing.push(id);
        continue;
      }
      const [consumer, pk, sk] = decoded;
      // The entry first: the item's change starts the replay, and its record must find the entry marked.
      const found = (await this.markReplay({ pk, sk: setAsideSk(consumer, sk) }, now)) && (await this.markReplay({ pk, sk }, now));
      (found ? replayed : missing).push(id);
    }
    return { replayed, missing };
  }

  private async markReplay(key: { pk: string; sk: string }, now: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: key,
          UpdateExpression: 'SET replayRequestedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  private entryKey(record: Pick<SetAsideRecord, 'consumer' | 'itemKey'>) {
    return { pk: record.itemKey.pk, sk: setAsideSk(record.consumer, record.itemKey.sk) };
  }
}

const entryOf = (item: Record<string, unknown>): SetAsideEntry => {
  const entry = EntryItemSchema.parse(item);
  const itemSk = entry.sk.slice(setAsideSk(entry.consumer, '').length);
  return {
    id: idOf(entry.consumer, { pk: entry.pk, sk: itemSk }),
    consumer: entry.consumer,
    workspace: entry.workspace,
    customerId: entry.customerId,
    recordId: entry.recordId,
    recordType: entry.recordType,
    occurredAt: entry.occurredAt,
    failures: entry.failures,
    firstSetAsideAt: entry.firstSetAsideAt,
    setAsideAt: entry.setAsideAt,
    times: entry.times,
    replayRequestedAt: entry.replayRequestedAt ?? null,
  };
};

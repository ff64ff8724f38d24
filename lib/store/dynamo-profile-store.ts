import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../time/clock.js';
import type { ProfileRef } from '../profiles/profile-ref.js';
import type { ProfileState } from '../profiles/profile-state.js';
import type { CommitOutcome, CommittedEventView, EventCommit, ProfileStore, StoredProfile } from '../profiles/profile-store.js';
import { cancellationCodes } from './dynamo-errors.js';
import { profileIndexAttributes } from './profile-index-attributes.js';
import { ALIAS_SK, anonymousAliasPk, DEDUPE_SK, dedupePk, ERASED_SK, erasedPk, eventSk, PROFILE_SK, profilePk } from './keys.js';

const DAY_SECONDS = 24 * 60 * 60;
/** How long a dedupe marker stops a redelivery; past it a redelivery is still harmless (merges are idempotent). */
const DEDUPE_DAYS = 35;

export interface DynamoProfileStoreOptions {
  tableName: string;
  clock: Clock;
  /** Event history is kept this long after it was received. */
  eventRetentionDays: number;
}

/**
 * ProfileStore on the single table: profiles, events, dedupe markers and aliases.
 * A commit (a run of one profile's events) is one TransactWriteItems; a failed condition
 * becomes a domain outcome.
 */
export class DynamoProfileStore implements ProfileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: DynamoProfileStoreOptions,
  ) {}

  async getProfile(ref: ProfileRef): Promise<StoredProfile | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { pk: profilePk(ref), sk: PROFILE_SK }, ConsistentRead: true }),
    );
    return Item ? storedProfileOf(ref, Item) : undefined;
  }

  async resolveAnonymousId(workspace: string, anonymousId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { pk: anonymousAliasPk(workspace, anonymousId), sk: ALIAS_SK }, ConsistentRead: true }),
    );
    return typeof Item?.['customerId'] === 'string' ? Item['customerId'] : undefined;
  }

  async commitEvent({ events, profile, link }: EventCommit): Promise<CommitOutcome> {
    const TableName = this.options.tableName;
    const now = this.options.clock.now();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const profileKey = { pk: profilePk(profile.ref), sk: PROFILE_SK };
    const { workspace } = profile.ref;
    type Items = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
    const items: Items = events.flatMap(({ event, view }): Items => [
      {
        Put: {
          TableName,
          Item: { pk: dedupePk(workspace, event.eventId), sk: DEDUPE_SK, ttl: nowSeconds + DEDUPE_DAYS * DAY_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName, Item: eventItem(profile.ref, { event, view }, now, this.options.eventRetentionDays) } },
    ]);
    // Which event each dedupe marker is: a cancelled transaction gives one reason per item, in order.
    const dedupeOf = new Map(events.map(({ event }, index) => [2 * index, event.eventId]));
    items.push({ Update: { TableName, Key: profileKey, ...profileUpdate(profile, now.toISOString()) } });
    const erasureCheck = items.length;
    if (profile.ref.kind === 'customer') {
      // Events from before the customer was erased (late retries) must not bring them back: the earliest decides.
      const earliest = events.map(({ event }) => event.occurredAt).reduce((a, b) => (b < a ? b : a));
      items.push({
        ConditionCheck: {
          TableName,
          Key: { pk: erasedPk(workspace, profile.ref.id), sk: ERASED_SK },
          ConditionExpression: 'attribute_not_exists(erasedAt) OR erasedAt < :occurredAt',
          ExpressionAttributeValues: { ':occurredAt': earliest },
        },
      });
    }
    if (link) {
      items.push({
        Put: {
          TableName,
          Item: { pk: anonymousAliasPk(workspace, link.anonymousId), sk: ALIAS_SK, entity: 'alias', customerId: profile.ref.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      if (link.mergedVisitorRev !== undefined) {
        items.push({
          Update: {
            TableName,
            Key: { pk: profilePk({ workspace, kind: 'visitor', id: link.anonymousId }), sk: PROFILE_SK },
            UpdateExpression: 'SET mergedInto = :customer, rev = rev + :one',
            ConditionExpression: 'rev = :expected',
            ExpressionAttributeValues: { ':customer': profile.ref.id, ':expected': link.mergedVisitorRev, ':one': 1 },
          },
        });
      }
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: 'committed' };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
      const duplicates = failed.flatMap((index) => dedupeOf.get(index) ?? []);
      if (duplicates.length > 0) return { kind: 'duplicate', eventIds: duplicates };
      if (profile.ref.kind === 'customer' && failed.includes(erasureCheck)) return { kind: 'erased' };
      if (codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) return { kind: 'conflict' };
      throw error;
    }
  }
}

/** An event's history item: the stream source evaluation reads, with the profile as of the event. */
export const eventItem = (ref: ProfileRef, { event, view }: CommittedEventView, now: Date, retentionDays: number): Record<string, unknown> => ({
  pk: profilePk(ref),
  sk: eventSk(event.occurredAt, event.eventId),
  entity: 'event',
  workspace: ref.workspace,
  eventId: event.eventId,
  type: event.type,
  occurredAt: event.occurredAt,
  receivedAt: now.toISOString(),
  customerId: ref.id,
  profileKind: ref.kind,
  event: JSON.stringify(event),
  profile: JSON.stringify(view),
  ttl: Math.floor(now.getTime() / 1000) + retentionDays * DAY_SECONDS,
});

/**
 * A profile item's attributes as every write sets them: state, revision and the index
 * attributes (`undefined` removes one). Benchmarks seed profile items with these too.
 */
export const profileAttributes = (profile: Pick<EventCommit['profile'], 'ref' | 'state' | 'view'>, rev: number, now: string): Record<string, unknown> => ({
  entity: 'profile',
  workspace: profile.ref.workspace,
  kind: profile.ref.kind,
  customerId: profile.ref.id,
  state: JSON.stringify(profile.state),
  rev,
  updatedAt: now,
  ...profileIndexAttributes(profile.ref, profile.view),
});

/** The profile write: its attributes, conditioned on the revision read. */
const profileUpdate = (profile: EventCommit['profile'], now: string) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = profile.expectedRev === undefined ? {} : { ':expected': profile.expectedRev };
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(profileAttributes(profile, (profile.expectedRev ?? 0) + 1, now)).forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    if (value === undefined) removes.push(`#a${index}`);
    else {
      values[`:a${index}`] = value;
      sets.push(`#a${index} = :a${index}`);
    }
  });
  return {
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: profile.expectedRev === undefined ? 'attribute_not_exists(pk)' : 'rev = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

export const storedProfileOf = (ref: ProfileRef, item: Record<string, unknown>): StoredProfile => ({
  ref,
  state: JSON.parse(String(item['state'])) as ProfileState,
  rev: Number(item['rev']),
  tags: item['tags'] instanceof Set ? [...(item['tags'] as Set<string>)] : [],
  ...(typeof item['mergedInto'] === 'string' ? { mergedInto: item['mergedInto'] } : {}),
});

import type { CommitOutcome, CommittedEventView, EventCommit } from '../../lib/profiles/profile-store.js';
import { eventItem, profileAttributes } from '../../lib/store/dynamo-profile-store.js';
import { anonymousAliasPk, conversionSk, dedupePk, PROFILE_SK } from '../../lib/store/keys.js';
import { dynamoItemBytes } from './dynamo-item-size.js';
import { InMemoryProfileStore } from './in-memory-profile-store.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const LONGEST_RULE_ID = 'r'.repeat(63);

/**
 * An in-memory ProfileStore that also checks each commit against what DynamoDB would
 * refuse — key lengths (2048-byte partition keys, 1024-byte sort keys, a conversion's key
 * included) and 400 KB items — and lists every commit that would not be storable.
 */
export class StorabilityCheckingStore extends InMemoryProfileStore {
  readonly unstorable: string[] = [];

  override async commitEvent(commit: EventCommit): Promise<CommitOutcome> {
    const { profile, link } = commit;
    const now = new Date('2026-06-01T00:00:00Z');
    for (const entry of commit.events) this.check(entry, profile, link, now);
    return super.commitEvent(commit);
  }

  private check({ event, view }: CommittedEventView, profile: EventCommit['profile'], link: EventCommit['link'], now: Date): void {
    const item = eventItem(profile.ref, { event, view }, now, 180);
    const problems = [
      bytes(String(item['pk'])) > 2048 && `profile key ${bytes(String(item['pk']))} bytes`,
      bytes(String(item['sk'])) > 1024 && `event sort key ${bytes(String(item['sk']))} bytes`,
      bytes(dedupePk(event.workspace, event.eventId)) > 2048 && 'dedupe key',
      link && bytes(anonymousAliasPk(event.workspace, link.anonymousId)) > 2048 && 'alias key',
      event.type === 'order_placed' && bytes(conversionSk(event.order.orderId, LONGEST_RULE_ID)) > 1024 && 'conversion sort key',
      dynamoItemBytes(item) >= 400 * 1024 && `event item ${dynamoItemBytes(item)} bytes`,
      dynamoItemBytes({ pk: item['pk'], sk: PROFILE_SK, ...profileAttributes(profile, 1, now.toISOString()) }) >= 400 * 1024 && 'profile item',
    ].filter(Boolean);
    if (problems.length > 0) this.unstorable.push(`${event.type} ${event.eventId}: ${problems.join(', ')}`);
  }
}

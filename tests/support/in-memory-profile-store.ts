import type { CanonicalEvent } from '../../lib/events/canonical-event.js';
import type { ProfileRef } from '../../lib/profiles/profile-ref.js';
import type { CommitOutcome, EventCommit, ProfileStore, StoredProfile } from '../../lib/profiles/profile-store.js';

const keyOf = (ref: ProfileRef) => `${ref.workspace}|${ref.kind}|${ref.id}`;

/** An in-memory ProfileStore with the same conditional-commit rules as the DynamoDB one. */
export class InMemoryProfileStore implements ProfileStore {
  readonly profiles = new Map<string, StoredProfile>();
  readonly aliases = new Map<string, string>();
  readonly events = new Map<string, CanonicalEvent>();
  private readonly seen = new Set<string>();

  async getProfile(ref: ProfileRef): Promise<StoredProfile | undefined> {
    const stored = this.profiles.get(keyOf(ref));
    return stored && structuredClone(stored);
  }

  async resolveAnonymousId(workspace: string, anonymousId: string): Promise<string | undefined> {
    return this.aliases.get(`${workspace}|${anonymousId}`);
  }

  async commitEvent({ event, profile, link }: EventCommit): Promise<CommitOutcome> {
    if (this.seen.has(`${event.workspace}|${event.eventId}`)) return 'duplicate';
    const existing = this.profiles.get(keyOf(profile.ref));
    if (existing?.rev !== profile.expectedRev) return 'conflict';
    const visitorKey = link && keyOf({ workspace: event.workspace, kind: 'visitor', id: link.anonymousId });
    if (link) {
      if (this.aliases.has(`${event.workspace}|${link.anonymousId}`)) return 'conflict';
      if (link.mergedVisitorRev !== undefined && this.profiles.get(visitorKey!)?.rev !== link.mergedVisitorRev) return 'conflict';
    }
    this.seen.add(`${event.workspace}|${event.eventId}`);
    this.events.set(`${event.workspace}|${event.eventId}`, event);
    this.profiles.set(keyOf(profile.ref), { ref: profile.ref, state: structuredClone(profile.state), rev: (existing?.rev ?? 0) + 1, tags: existing?.tags ?? [] });
    if (link) {
      this.aliases.set(`${event.workspace}|${link.anonymousId}`, profile.ref.id);
      const visitor = this.profiles.get(visitorKey!);
      if (visitor && link.mergedVisitorRev !== undefined) this.profiles.set(visitorKey!, { ...visitor, rev: visitor.rev + 1, mergedInto: profile.ref.id });
    }
    return 'committed';
  }
}

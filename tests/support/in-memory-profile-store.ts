import type { CanonicalEvent } from '../../lib/events/canonical-event.js';
import type { ProfileRef } from '../../lib/profiles/profile-ref.js';
import type { CommitOutcome, EventCommit, ProfileStore, StoredProfile } from '../../lib/profiles/profile-store.js';
import type { ProfileView } from '../../lib/profiles/profile-view.js';

const keyOf = (ref: ProfileRef) => `${ref.workspace}|${ref.kind}|${ref.id}`;

/** An in-memory ProfileStore with the same conditional-commit rules as the DynamoDB one. */
export class InMemoryProfileStore implements ProfileStore {
  readonly profiles = new Map<string, StoredProfile>();
  readonly aliases = new Map<string, string>();
  readonly events = new Map<string, CanonicalEvent>();
  /** The profile as of each stored event, as its history item keeps it. */
  readonly views = new Map<string, ProfileView>();
  /** Every commit, as the events it held (how many transactions a run of events took). */
  readonly commits: string[][] = [];
  private readonly seen = new Set<string>();

  async getProfile(ref: ProfileRef): Promise<StoredProfile | undefined> {
    const stored = this.profiles.get(keyOf(ref));
    return stored && structuredClone(stored);
  }

  async resolveAnonymousId(workspace: string, anonymousId: string): Promise<string | undefined> {
    return this.aliases.get(`${workspace}|${anonymousId}`);
  }

  async commitEvent({ events, profile, link }: EventCommit): Promise<CommitOutcome> {
    const { workspace } = profile.ref;
    const duplicates = events.filter(({ event }) => this.seen.has(`${workspace}|${event.eventId}`)).map(({ event }) => event.eventId);
    if (duplicates.length > 0) return { kind: 'duplicate', eventIds: duplicates };
    const existing = this.profiles.get(keyOf(profile.ref));
    if (existing?.rev !== profile.expectedRev) return { kind: 'conflict' };
    const visitorKey = link && keyOf({ workspace, kind: 'visitor', id: link.anonymousId });
    if (link) {
      if (this.aliases.has(`${workspace}|${link.anonymousId}`)) return { kind: 'conflict' };
      if (link.mergedVisitorRev !== undefined && this.profiles.get(visitorKey!)?.rev !== link.mergedVisitorRev) return { kind: 'conflict' };
    }
    for (const { event, view } of events) {
      this.seen.add(`${workspace}|${event.eventId}`);
      this.events.set(`${workspace}|${event.eventId}`, event);
      this.views.set(`${workspace}|${event.eventId}`, structuredClone(view));
    }
    this.commits.push(events.map(({ event }) => event.eventId));
    this.profiles.set(keyOf(profile.ref), { ref: profile.ref, state: structuredClone(profile.state), rev: (existing?.rev ?? 0) + 1, tags: existing?.tags ?? [] });
    if (link) {
      this.aliases.set(`${workspace}|${link.anonymousId}`, profile.ref.id);
      const visitor = this.profiles.get(visitorKey!);
      if (visitor && link.mergedVisitorRev !== undefined) this.profiles.set(visitorKey!, { ...visitor, rev: visitor.rev + 1, mergedInto: profile.ref.id });
    }
    return { kind: 'committed' };
  }
}

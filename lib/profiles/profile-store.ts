import type { CanonicalEvent } from '../events/canonical-event.js';
import type { ProfileRef } from './profile-ref.js';
import type { ProfileState } from './profile-state.js';
import type { ProfileView } from './profile-view.js';

export interface StoredProfile {
  ref: ProfileRef;
  state: ProfileState;
  /** Incremented on every write; writers condition on it (optimistic concurrency). */
  rev: number;
  tags: string[];
  /** Set on a visitor profile once it has been merged into a customer. */
  mergedInto?: string;
}

/** An event of a commit, with the profile as of it (every event before it in the commit folded in). */
export interface CommittedEventView {
  event: CanonicalEvent;
  view: ProfileView;
}

/** Everything a run of one profile's events changes, written atomically or not at all. */
export interface EventCommit {
  /** In the order they were folded into the profile; at least one, each event id once. */
  events: CommittedEventView[];
  profile: { ref: ProfileRef; state: ProfileState; view: ProfileView; expectedRev: number | undefined };
  /** Link an anonymous id to the customer, and retire its visitor profile once merged. */
  link?: { anonymousId: string; mergedVisitorRev?: number };
}

/**
 * Nothing is written unless `committed`. `duplicate`: these events were stored before;
 * `conflict`: the profile (or the link) changed since it was read; `erased`: an event
 * happened before its customer was erased, and is refused.
 */
export type CommitOutcome = { kind: 'committed' } | { kind: 'duplicate'; eventIds: string[] } | { kind: 'conflict' } | { kind: 'erased' };

/** The port the ingest use case writes through (DynamoDB in production, a fake in tests). */
export interface ProfileStore {
  getProfile(ref: ProfileRef): Promise<StoredProfile | undefined>;
  /** The customer an anonymous id is linked to, if any. */
  resolveAnonymousId(workspace: string, anonymousId: string): Promise<string | undefined>;
  commitEvent(commit: EventCommit): Promise<CommitOutcome>;
}

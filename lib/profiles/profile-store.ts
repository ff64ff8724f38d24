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

/** Everything one event changes, written atomically or not at all. */
export interface EventCommit {
  event: CanonicalEvent;
  profile: { ref: ProfileRef; state: ProfileState; view: ProfileView; expectedRev: number | undefined };
  /** Link an anonymous id to the customer, and retire its visitor profile once merged. */
  link?: { anonymousId: string; mergedVisitorRev?: number };
}

/** `erased`: the event happened before its customer was erased, and is refused. */
export type CommitOutcome = 'committed' | 'duplicate' | 'conflict' | 'erased';

/** The port the ingest use case writes through (DynamoDB in production, a fake in tests). */
export interface ProfileStore {
  getProfile(ref: ProfileRef): Promise<StoredProfile | undefined>;
  /** The customer an anonymous id is linked to, if any. */
  resolveAnonymousId(workspace: string, anonymousId: string): Promise<string | undefined>;
  commitEvent(commit: EventCommit): Promise<CommitOutcome>;
}

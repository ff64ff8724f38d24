import type { CanonicalEvent } from '../events/canonical-event.js';
import { customerRef, visitorRef, type ProfileRef } from '../profiles/profile-ref.js';
import { applyEvent, emptyProfileState, mergeProfileStates } from '../profiles/profile-state.js';
import type { EventCommit, ProfileStore } from '../profiles/profile-store.js';
import { toProfileView } from '../profiles/profile-view.js';

export type IngestOutcome = 'stored' | 'duplicate' | 'erased';

export class IngestConflictError extends Error {
  override readonly name = 'IngestConflictError';
}

const MAX_ATTEMPTS = 8;

/**
 * Stores one canonical event and folds it into its profile.
 * 1. Find the profile: the customer id, else the customer the anonymous id is linked to,
 *    else the anonymous visitor.
 * 2. Read it, merge the event in (and, the first time a customer id arrives with an
 *    anonymous id, the visitor's profile too).
 * 3. Commit dedupe marker + event + profile (+ link) in one transaction, conditioned on the
 *    revision read; a concurrent write makes it start again from step 1.
 */
export const ingestEvent = async (event: CanonicalEvent, store: ProfileStore): Promise<IngestOutcome> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const commit = await prepareCommit(event, store);
    const outcome = await store.commitEvent(commit);
    if (outcome === 'committed') return 'stored';
    if (outcome === 'duplicate' || outcome === 'erased') return outcome;
  }
  throw new IngestConflictError(`event ${event.eventId}: profile kept changing during ${MAX_ATTEMPTS} attempts`);
};

const prepareCommit = async (event: CanonicalEvent, store: ProfileStore): Promise<EventCommit> => {
  let ref = await targetOf(event, store);
  let current = await store.getProfile(ref);
  if (current?.mergedInto) {
    // The visitor was linked while we looked: write to the customer instead.
    ref = customerRef(event.workspace, current.mergedInto);
    current = await store.getProfile(ref);
  }
  let state = current?.state ?? emptyProfileState();
  let link: EventCommit['link'];
  const { customerId, anonymousId } = event;
  if (customerId && anonymousId && !state.anonymousIds.includes(anonymousId)) {
    const linkedTo = await store.resolveAnonymousId(event.workspace, anonymousId);
    if (linkedTo === undefined) {
      const visitor = await store.getProfile(visitorRef(event.workspace, anonymousId));
      if (visitor && !visitor.mergedInto) state = mergeProfileStates(state, visitor.state);
      link = { anonymousId, ...(visitor && !visitor.mergedInto ? { mergedVisitorRev: visitor.rev } : {}) };
    }
  }
  const next = applyEvent(state, event);
  const identity = { workspace: ref.workspace, customerId: ref.id, anonymous: ref.kind === 'visitor' };
  return {
    event,
    profile: { ref, state: next, view: toProfileView(identity, next, current?.tags), expectedRev: current?.rev },
    ...(link ? { link } : {}),
  };
};

const targetOf = async (event: CanonicalEvent, store: ProfileStore): Promise<ProfileRef> => {
  if (event.customerId) return customerRef(event.workspace, event.customerId);
  if (!event.anonymousId) throw new Error(`event ${event.eventId} has neither a customer id nor an anonymous id`);
  const linked = await store.resolveAnonymousId(event.workspace, event.anonymousId);
  return linked ? customerRef(event.workspace, linked) : visitorRef(event.workspace, event.anonymousId);
};

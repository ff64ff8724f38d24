import type { CanonicalEvent } from '../events/canonical-event.js';
import { customerRef, visitorRef, type ProfileRef } from '../profiles/profile-ref.js';
import { applyEvent, emptyProfileState, mergeProfileStates, type ProfileState } from '../profiles/profile-state.js';
import type { EventCommit, ProfileStore } from '../profiles/profile-store.js';
import { toProfileView } from '../profiles/profile-view.js';
import { MAX_TRAITS, PROFILE_BOUNDS } from '../validation/bounds.js';
import type { FieldIssue } from '../validation/field-issues.js';

/** `refused`: the event would take its profile past a bound the client can keep to (see IngestOptions). */
export type IngestOutcome = 'stored' | 'duplicate' | 'erased' | { refused: FieldIssue[] };

export interface IngestOptions {
  /**
   * Refuse an event whose new trait names would take the profile past MAX_TRAITS (a client
   * answered synchronously can fix its message). Without it, such an event is stored and the
   * profile keeps its most recently set traits: how a retried or platform event, already
   * acknowledged or not the sender's fault, is always stored.
   */
  refuseTraitsPastBound?: boolean;
}

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
 *    A customer links at most PROFILE_BOUNDS.anonymousIds anonymous ids; later ones stay visitors.
 * 3. Commit dedupe marker + event + profile (+ link) in one transaction, conditioned on the
 *    revision read; a concurrent write makes it start again from step 1 (so the bounds
 *    checked against the profile read hold for the profile written).
 */
export const ingestEvent = async (event: CanonicalEvent, store: ProfileStore, options: IngestOptions = {}): Promise<IngestOutcome> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const { base, ...commit } = await prepareCommit(event, store);
    if (options.refuseTraitsPastBound) {
      const issues = traitBoundIssues(event, base);
      if (issues.length > 0) return { refused: issues };
    }
    const outcome = await store.commitEvent(commit);
    if (outcome === 'committed') return 'stored';
    if (outcome === 'duplicate' || outcome === 'erased') return outcome;
  }
  throw new IngestConflictError(`event ${event.eventId}: profile kept changing during ${MAX_ATTEMPTS} attempts`);
};

const prepareCommit = async (event: CanonicalEvent, store: ProfileStore): Promise<EventCommit & { base: ProfileState }> => {
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
  // Past the bound, the customer's event is kept without its anonymous id: nothing is linked, and erasure finds every link in the list.
  const unlinkable = Boolean(customerId && anonymousId && !state.anonymousIds.includes(anonymousId) && state.anonymousIds.length >= PROFILE_BOUNDS.anonymousIds);
  if (customerId && anonymousId && !state.anonymousIds.includes(anonymousId) && !unlinkable) {
    const linkedTo = await store.resolveAnonymousId(event.workspace, anonymousId);
    if (linkedTo === undefined) {
      const visitor = await store.getProfile(visitorRef(event.workspace, anonymousId));
      if (visitor && !visitor.mergedInto) state = mergeProfileStates(state, visitor.state);
      link = { anonymousId, ...(visitor && !visitor.mergedInto ? { mergedVisitorRev: visitor.rev } : {}) };
    }
  }
  const next = applyEvent(state, unlinkable ? withoutAnonymousId(event) : event);
  const identity = { workspace: ref.workspace, customerId: ref.id, anonymous: ref.kind === 'visitor' };
  return {
    base: state,
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

const withoutAnonymousId = (event: CanonicalEvent): CanonicalEvent => {
  const { anonymousId: _anonymousId, ...rest } = event;
  return rest as CanonicalEvent;
};

/** The event's trait names the profile does not have yet, if they would take it past MAX_TRAITS. */
const traitBoundIssues = (event: CanonicalEvent, base: ProfileState): FieldIssue[] => {
  if (!('traits' in event)) return [];
  const kept = Object.keys(base.traits).length;
  const added = Object.keys(event.traits).filter((name) => !Object.hasOwn(base.traits, name));
  const count = kept + added.length;
  if (added.length === 0 || count <= MAX_TRAITS) return [];
  return [
    {
      path: 'traits',
      message: `the profile keeps ${kept} traits and this adds ${added.length} new ones (${added.slice(0, 5).map((name) => JSON.stringify(name)).join(', ')}${added.length > 5 ? ', …' : ''}); a profile keeps at most ${MAX_TRAITS}: reuse existing trait names or send fewer`,
    },
  ];
};

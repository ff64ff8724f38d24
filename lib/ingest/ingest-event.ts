import type { CanonicalEvent } from '../events/canonical-event.js';
import { customerRef, visitorRef, type ProfileRef } from '../profiles/profile-ref.js';
import { applyEvent, emptyProfileState, mergeProfileStates } from '../profiles/profile-state.js';
import type { CommittedEventView, EventCommit, ProfileStore } from '../profiles/profile-store.js';
import { toProfileView } from '../profiles/profile-view.js';

export type IngestOutcome = 'stored' | 'duplicate' | 'erased';

export class IngestConflictError extends Error {
  override readonly name = 'IngestConflictError';
}

const MAX_ATTEMPTS = 8;
/** A transaction holds 100 items: two per event (dedupe marker, history item), and up to four for the profile and a link. */
export const MAX_EVENTS_PER_COMMIT = 48;
/** Well inside a transaction's 4 MB, with room for the profile item itself. */
const MAX_COMMIT_BYTES = 2 * 1024 * 1024;

/** Stores one canonical event and folds it into its profile (see `ingestEvents`). */
export const ingestEvent = async (event: CanonicalEvent, store: ProfileStore): Promise<IngestOutcome> => {
  let outcome: IngestOutcome | undefined;
  await ingestEvents([event], store, (_, result) => (outcome = result));
  return outcome!;
};

/**
 * Stores events of one profile (one customer id, or one anonymous id without a customer),
 * in their order, folding them into the profile a run at a time:
 * 1. find the profile (the customer id, else the customer the anonymous id is linked to, else
 *    the visitor), read it, and fold in as many of the next events as one transaction holds —
 *    an event that links an anonymous id (merging the visitor's profile) starts a run;
 * 2. commit their dedupe markers, history items (each with the profile as of it) and the
 *    profile in one transaction, conditioned on the revision read;
 * 3. duplicates are reported and left out, a concurrent write makes the run start again, and
 *    an erasure refusal is settled one event at a time (only events before it are refused).
 * `report` hears each event's outcome as it is known; `canStart` is asked before each
 * transaction — once it answers false, the events without an outcome are left to the caller.
 */
export const ingestEvents = async (
  events: readonly CanonicalEvent[],
  store: ProfileStore,
  report: (index: number, outcome: IngestOutcome) => void,
  canStart: () => boolean = () => true,
): Promise<void> => {
  let pending = events.map((event, index) => ({ event, index }));
  let perCommit = MAX_EVENTS_PER_COMMIT;
  for (let conflicts = 0; pending.length > 0 && canStart(); ) {
    const { commit, count } = await prepareCommit(pending.map(({ event }) => event), store, perCommit);
    const run = pending.slice(0, count);
    const outcome = await store.commitEvent(commit);
    switch (outcome.kind) {
      case 'committed':
        for (const { index } of run) report(index, 'stored');
        pending = pending.slice(count);
        conflicts = 0;
        break;
      case 'duplicate': {
        const duplicates = new Set(outcome.eventIds);
        for (const { event, index } of run) if (duplicates.has(event.eventId)) report(index, 'duplicate');
        pending = pending.filter((entry, position) => position >= count || !duplicates.has(entry.event.eventId));
        conflicts = 0;
        break;
      }
      case 'erased':
        if (count > 1) perCommit = 1;
        else {
          report(run[0]!.index, 'erased');
          pending = pending.slice(1);
        }
        break;
      case 'conflict':
        conflicts += 1;
        if (conflicts >= MAX_ATTEMPTS) throw new IngestConflictError(`event ${run[0]!.event.eventId}: profile kept changing during ${MAX_ATTEMPTS} attempts`);
        break;
    }
  }
};

const prepareCommit = async (events: readonly CanonicalEvent[], store: ProfileStore, max: number): Promise<{ commit: EventCommit; count: number }> => {
  const first = events[0]!;
  let ref = await targetOf(first, store);
  let current = await store.getProfile(ref);
  if (current?.mergedInto) {
    // The visitor was linked while we looked: write to the customer instead.
    ref = customerRef(first.workspace, current.mergedInto);
    current = await store.getProfile(ref);
  }
  const identity = { workspace: ref.workspace, customerId: ref.id, anonymous: ref.kind === 'visitor' };
  let state = current?.state ?? emptyProfileState();
  let link: EventCommit['link'];
  const folded: CommittedEventView[] = [];
  const ids = new Set<string>();
  let bytes = 0;
  for (const event of events.slice(0, max)) {
    // A transaction may not touch one dedupe marker twice: a repeat goes into the next run.
    if (ids.has(event.eventId)) break;
    const { customerId, anonymousId } = event;
    const linking = customerId && anonymousId && !state.anonymousIds.includes(anonymousId) ? anonymousId : undefined;
    if (linking !== undefined && folded.length > 0) break;
    let next = state;
    if (linking !== undefined) {
      const anonymousId = linking;
      const linkedTo = await store.resolveAnonymousId(event.workspace, anonymousId);
      if (linkedTo === undefined) {
        const visitor = await store.getProfile(visitorRef(event.workspace, anonymousId));
        if (visitor && !visitor.mergedInto) next = mergeProfileStates(next, visitor.state);
        link = { anonymousId, ...(visitor && !visitor.mergedInto ? { mergedVisitorRev: visitor.rev } : {}) };
      }
    }
    next = applyEvent(next, event);
    const view = toProfileView(identity, next, current?.tags);
    const size = Buffer.byteLength(JSON.stringify(event)) + Buffer.byteLength(JSON.stringify(view));
    if (folded.length > 0 && bytes + size > MAX_COMMIT_BYTES) break;
    folded.push({ event, view });
    ids.add(event.eventId);
    bytes += size;
    state = next;
  }
  const view = folded[folded.length - 1]!.view;
  return { commit: { events: folded, profile: { ref, state, view, expectedRev: current?.rev }, ...(link ? { link } : {}) }, count: folded.length };
};

const targetOf = async (event: CanonicalEvent, store: ProfileStore): Promise<ProfileRef> => {
  if (event.customerId) return customerRef(event.workspace, event.customerId);
  if (!event.anonymousId) throw new Error(`event ${event.eventId} has neither a customer id nor an anonymous id`);
  const linked = await store.resolveAnonymousId(event.workspace, event.anonymousId);
  return linked ? customerRef(event.workspace, linked) : visitorRef(event.workspace, event.anonymousId);
};

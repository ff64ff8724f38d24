import type { CanonicalEvent } from '../events/canonical-event.js';
import { customerRef, visitorRef, type ProfileRef } from '../profiles/profile-ref.js';
import { applyEvent, emptyProfileState, mergeProfileStates, type ProfileState } from '../profiles/profile-state.js';
import type { CommittedEventView, EventCommit, ProfileStore } from '../profiles/profile-store.js';
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
/** A transaction holds 100 items: two per event (dedupe marker, history item), and up to four for the profile and a link. */
export const MAX_EVENTS_PER_COMMIT = 48;
/** Well inside a transaction's 4 MB, with room for the profile item itself. */
const MAX_COMMIT_BYTES = 2 * 1024 * 1024;

/** Stores one canonical event and folds it into its profile (see `ingestEvents`). */
export const ingestEvent = async (event: CanonicalEvent, store: ProfileStore, options: IngestOptions = {}): Promise<IngestOutcome> => {
  let outcome: IngestOutcome | undefined;
  await ingestEvents([event], store, (_, result) => (outcome = result), () => true, options);
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
 *    an erasure refusal is settled one event at a time (only events before it are refused);
 * 4. a customer links at most PROFILE_BOUNDS.anonymousIds anonymous ids (later ones stay
 *    visitors), and with `refuseTraitsPastBound` an event that would take the profile past
 *    MAX_TRAITS is refused (it ends the run; the bound is checked against the profile read,
 *    which the revision condition makes the profile written).
 * `report` hears each event's outcome as it is known; `canStart` is asked before each
 * transaction — once it answers false, the events without an outcome are left to the caller.
 */
export const ingestEvents = async (
  events: readonly CanonicalEvent[],
  store: ProfileStore,
  report: (index: number, outcome: IngestOutcome) => void,
  canStart: () => boolean = () => true,
  options: IngestOptions = {},
): Promise<void> => {
  let pending = events.map((event, index) => ({ event, index }));
  let perCommit = MAX_EVENTS_PER_COMMIT;
  for (let conflicts = 0; pending.length > 0 && canStart(); ) {
    const prepared = await prepareCommit(pending.map(({ event }) => event), store, perCommit, options);
    if ('refused' in prepared) {
      report(pending[0]!.index, { refused: prepared.refused });
      pending = pending.slice(1);
      continue;
    }
    const { commit, count } = prepared;
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

const prepareCommit = async (
  events: readonly CanonicalEvent[],
  store: ProfileStore,
  max: number,
  options: IngestOptions,
): Promise<{ commit: EventCommit; count: number } | { refused: FieldIssue[] }> => {
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
    if (options.refuseTraitsPastBound) {
      const refused = traitBoundIssues(event, state);
      if (refused.length > 0) {
        if (folded.length > 0) break;
        return { refused };
      }
    }
    const { customerId, anonymousId } = event;
    const newId = Boolean(customerId && anonymousId && !state.anonymousIds.includes(anonymousId));
    // Past the bound, the customer's event is kept without its anonymous id: nothing is linked, and erasure finds every link in the list.
    const unlinkable = newId && state.anonymousIds.length >= PROFILE_BOUNDS.anonymousIds;
    const linking = newId && !unlinkable ? anonymousId : undefined;
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
    next = applyEvent(next, unlinkable ? withoutAnonymousId(event) : event);
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

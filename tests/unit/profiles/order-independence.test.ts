import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyProfileState, mergeProfileStates, profileStateOf } from '../../../lib/profiles/profile-state.js';
import { toProfileView } from '../../../lib/profiles/profile-view.js';
import type { CanonicalEvent } from '../../../lib/events/canonical-event.js';
import { customerEvents, deliveryOf } from '../../support/event-arbitraries.js';

const identity = { workspace: 'ws-prop', customerId: 'c-1', anonymous: false };
const viewAfter = (events: CanonicalEvent[]) => toProfileView(identity, events.reduce(applyEvent, emptyProfileState()));

describe('profile aggregates', () => {
  it('are the same for any order and any number of deliveries of the same events', () => {
    fc.assert(
      fc.property(
        customerEvents().chain((events) => fc.tuple(fc.constant(events), deliveryOf(events), deliveryOf(events))),
        ([events, firstDelivery, secondDelivery]) => {
          // Arrange
          const expected = viewAfter(events);
          // Act
          const first = viewAfter(firstDelivery);
          const second = viewAfter(secondDelivery);
          // Assert
          expect(first).toEqual(expected);
          expect(second).toEqual(expected);
        },
      ),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it('merge is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(customerEvents(), (events) => {
        // Arrange
        const [a, b, c] = [0, 1, 2].map((part) =>
          events.filter((_, index) => index % 3 === part).map(profileStateOf).reduce(mergeProfileStates, emptyProfileState()),
        ) as [ReturnType<typeof emptyProfileState>, ReturnType<typeof emptyProfileState>, ReturnType<typeof emptyProfileState>];
        const view = (state: typeof a) => toProfileView(identity, state);
        // Act + Assert
        expect(view(mergeProfileStates(a, b))).toEqual(view(mergeProfileStates(b, a)));
        expect(view(mergeProfileStates(mergeProfileStates(a, b), c))).toEqual(view(mergeProfileStates(a, mergeProfileStates(b, c))));
        expect(view(mergeProfileStates(a, a))).toEqual(view(a));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

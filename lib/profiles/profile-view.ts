import { cartView } from './cart.js';
import { consentSince } from './consent.js';
import { orderTotals } from './orders.js';
import type { ProfileState } from './profile-state.js';
import { visitCount, visitStarts } from './visits.js';
import type { LineItem } from '../events/canonical-event.js';

/**
 * The profile as marketers and rules see it (`GET /v1/customers/{id}`, JSON Logic `profile`):
 * the aggregates of DESIGN.md at the top level, times as ISO strings, unknown values null.
 */
export interface ProfileView {
  workspace: string;
  customerId: string;
  /** An anonymous visitor not (yet) linked to a customer id. */
  anonymous: boolean;
  isMember: boolean;
  signupAt: string | null;
  visitCount: number;
  firstVisitAt: string | null;
  lastVisitAt: string | null;
  lastSeenAt: string | null;
  /** Start of each visit in roughly the last 400 days (at most the latest 200), oldest first. */
  recentVisits: string[];
  orderCount: number;
  totalSpent: number;
  currency: string | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  avgOrderIntervalDays: number | null;
  lastOrderCategories: string[];
  cart: { token: string | null; currency: string | null; items: LineItem[]; value: number; updatedAt: string } | null;
  traits: Record<string, unknown>;
  consent: Record<string, Record<string, { state: 'granted' | 'denied'; at: string; source: string }>>;
  tags: string[];
  anonymousIds: string[];
  firstEventAt: string | null;
  lastEventAt: string | null;
}

export interface ProfileIdentity {
  workspace: string;
  customerId: string;
  anonymous: boolean;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

export const toProfileView = (identity: ProfileIdentity, state: ProfileState, tags: readonly string[] = []): ProfileView => {
  const totals = orderTotals(state.orders, state.foldedOrders);
  const cart = cartView(state.cart);
  const starts = visitStarts(state.visits);
  return {
    ...identity,
    isMember: state.member,
    signupAt: iso(state.signupAt),
    visitCount: visitCount(state.visits),
    firstVisitAt: iso(state.visits.first),
    lastVisitAt: iso(starts[starts.length - 1]),
    lastSeenAt: iso(state.visits.last),
    recentVisits: starts.map((start) => new Date(start).toISOString()),
    orderCount: totals.orderCount,
    totalSpent: totals.totalSpent,
    currency: totals.currency ?? null,
    firstOrderAt: iso(totals.firstOrderAt),
    lastOrderAt: iso(totals.lastOrderAt),
    avgOrderIntervalDays: totals.avgOrderIntervalDays,
    lastOrderCategories: totals.lastOrderCategories,
    cart: cart
      ? { token: cart.token ?? null, currency: cart.currency ?? null, items: cart.items, value: cart.value, updatedAt: iso(cart.updatedAt)! }
      : null,
    traits: Object.fromEntries(
      Object.entries(state.traits)
        .filter(([, trait]) => trait.value !== null && trait.value !== undefined)
        .map(([key, trait]) => [key, trait.value]),
    ),
    consent: Object.fromEntries(
      Object.entries(state.consent).map(([channel, purposes]) => [
        channel,
        Object.fromEntries(
          // A grant shows when it holds from (no later than its receipt), so a 2099 date never keeps it fresh.
          Object.entries(purposes).map(([purpose, record]) => [
            purpose,
            { state: record.state, at: iso(record.state === 'granted' ? consentSince(record) : record.at)!, source: record.source },
          ]),
        ),
      ]),
    ),
    tags: [...tags].sort(),
    anonymousIds: state.anonymousIds,
    firstEventAt: iso(state.firstEventAt),
    lastEventAt: iso(state.lastEventAt),
  };
};

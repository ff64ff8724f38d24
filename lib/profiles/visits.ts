import { PROFILE_BOUNDS } from '../validation/bounds.js';
import { maxDefined, minDefined } from './stamp.js';

/** A new visit starts after more than 30 minutes without activity. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
/** Visit spans older than this (before the latest activity) are folded into a count. */
export const VISIT_HISTORY_MS = 400 * 24 * 60 * 60 * 1000;

/**
 * The customer's activity as visit spans: each span is a cluster of activity times whose
 * gaps are at most 30 minutes. Merging spans is exactly merging the underlying activity
 * times, so the visit count does not depend on the order events arrive in.
 */
export interface VisitSet {
  /** Flattened [start, end, start, end, …] in epoch ms, sorted, non-linked spans. */
  spans: number[];
  /** Visits older than the kept history, folded into a number. */
  folded: number;
  first?: number;
  last?: number;
}

export const emptyVisits = (): VisitSet => ({ spans: [], folded: 0 });

export const visitsAt = (at: number): VisitSet => ({ spans: [at, at], folded: 0, first: at, last: at });

const pairs = (spans: number[]): Array<[number, number]> => {
  const result: Array<[number, number]> = [];
  for (let i = 0; i + 1 < spans.length; i += 2) result.push([spans[i]!, spans[i + 1]!]);
  return result;
};

export const mergeVisits = (a: VisitSet, b: VisitSet): VisitSet => {
  const all = [...pairs(a.spans), ...pairs(b.spans)].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of all) {
    const previous = merged[merged.length - 1];
    if (previous && start <= previous[1] + VISIT_GAP_MS) previous[1] = Math.max(previous[1], end);
    else merged.push([start, end]);
  }
  const last = maxDefined(a.last, b.last);
  return fold({
    spans: merged.flat(),
    folded: Math.max(a.folded, b.folded),
    first: minDefined(a.first, b.first),
    last,
  });
};

/**
 * Keeps the profile small: spans that ended long before the latest activity, and all but the
 * latest PROFILE_BOUNDS.visits, become a count. Only an activity that arrives later than the
 * history window, or after that many newer visits, can be counted twice.
 */
const fold = (visits: VisitSet): VisitSet => {
  if (visits.last === undefined) return visits;
  const horizon = visits.last - VISIT_HISTORY_MS;
  const spans = pairs(visits.spans);
  const kept = spans.filter(([, end]) => end >= horizon).slice(-PROFILE_BOUNDS.visits);
  if (kept.length === spans.length) return visits;
  return { ...visits, spans: kept.flat(), folded: visits.folded + spans.length - kept.length };
};

export const visitCount = (visits: VisitSet): number => visits.folded + visits.spans.length / 2;

/** Start of each kept visit, oldest first. */
export const visitStarts = (visits: VisitSet): number[] => pairs(visits.spans).map(([start]) => start);

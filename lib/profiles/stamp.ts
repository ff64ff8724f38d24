/**
 * A last-writer-wins stamp: the event time, then the event id to break ties, so two
 * replicas that saw the same events in any order pick the same winner.
 */
export interface Stamp {
  at: number;
  id: string;
}

export const compareStamps = (a: Stamp, b: Stamp): number =>
  a.at !== b.at ? a.at - b.at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export const laterOf = <T extends Stamp>(a: T | undefined, b: T | undefined): T | undefined => {
  if (!a) return b;
  if (!b) return a;
  return compareStamps(a, b) >= 0 ? a : b;
};

export const minDefined = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

export const maxDefined = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/** Merge two records key by key with a merge for the values present in both. */
export const mergeRecords = <V>(
  a: Record<string, V>,
  b: Record<string, V>,
  mergeValues: (x: V, y: V) => V,
): Record<string, V> => {
  const merged: Record<string, V> = {};
  for (const [key, value] of Object.entries(a)) setOwn(merged, key, value);
  for (const [key, value] of Object.entries(b)) {
    const existing = Object.hasOwn(merged, key) ? merged[key] : undefined;
    setOwn(merged, key, existing === undefined ? value : mergeValues(existing, value));
  }
  return merged;
};

/** Sets a data property even for keys like `__proto__`, which plain assignment would not. */
export const setOwn = <V>(target: Record<string, V>, key: string, value: V): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

import type { ProfileView } from '../profiles/profile-view.js';

/** A customer of a segment as lists and exports show them: who, how to reach them, what they bought. */
export interface SegmentMember {
  customerId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  orderCount: number;
  totalSpent: number;
  lastOrderAt: string | null;
  tags: string[];
}

/** The columns of an export, in order. */
export const MEMBER_FIELDS = ['customerId', 'name', 'email', 'phone', 'orderCount', 'totalSpent', 'lastOrderAt', 'tags'] as const satisfies ReadonlyArray<keyof SegmentMember>;

/**
 * A trait as a column: text as it is, a finite number or a boolean as text; any other JSON
 * shape (an object, a list, `{"toString": 1}`, which String() cannot even convert) is left
 * out rather than guessed at, so one customer's odd trait never breaks a page.
 */
const trait = (profile: ProfileView, name: string): string | null => {
  const value: unknown = profile.traits[name];
  if (typeof value === 'string') return value === '' ? null : value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return null;
};

export const segmentMember = (profile: ProfileView): SegmentMember => ({
  customerId: profile.customerId,
  name: trait(profile, 'name'),
  email: trait(profile, 'email'),
  phone: trait(profile, 'phone'),
  orderCount: profile.orderCount,
  totalSpent: profile.totalSpent,
  lastOrderAt: profile.lastOrderAt,
  tags: profile.tags,
});

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

const trait = (profile: ProfileView, name: string): string | null => {
  const value = profile.traits[name];
  return value === undefined || value === null || value === '' ? null : String(value);
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

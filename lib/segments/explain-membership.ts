import type { ProfileReader } from '../profiles/profile-reader.js';
import type { Explanation } from '../rules/explain-logic.js';
import type { Segment } from './load-segment.js';

export interface MembershipExplanation {
  segmentId: string;
  customerId: string;
  inSegment: boolean;
  /** The condition as a tree of its sub-conditions, each with its value for this customer and whether it held. */
  explanation: Explanation;
}

/** Why a customer is or is not in a segment, from their profile as it is now; undefined for an unknown customer. */
export const explainMembership = async (workspace: string, segment: Segment, customerId: string, deps: { profiles: ProfileReader }): Promise<MembershipExplanation | undefined> => {
  const profile = await deps.profiles.profile(workspace, customerId);
  if (profile === undefined) return undefined;
  return { segmentId: segment.id, customerId, inSegment: segment.matches(profile), explanation: segment.explain(profile) };
};

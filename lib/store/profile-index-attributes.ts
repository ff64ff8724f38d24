import type { ProfileRef } from '../profiles/profile-ref.js';
import type { ProfileView } from '../profiles/profile-view.js';
import { anchorIndexAttributes } from './anchor-indexes.js';
import { profileListAttributes } from './profile-list-index.js';

/**
 * Attributes written on a profile item so secondary indexes can find it (date anchors for
 * scheduled rules, the workspace's profile list for segments). `undefined` removes the
 * attribute, so a profile drops out of an index when its value goes away.
 */
export const profileIndexAttributes = (ref: ProfileRef, view: ProfileView): Record<string, string | number | undefined> => ({
  ...anchorIndexAttributes(ref, view),
  ...profileListAttributes(ref),
});

import { customerRef } from './profile-ref.js';
import type { ProfileStore } from './profile-store.js';
import { toProfileView, type ProfileView } from './profile-view.js';

/** A customer's profile as the API shows it, or undefined when Retain has never heard of them. */
export const getCustomerProfile = async (workspace: string, customerId: string, store: Pick<ProfileStore, 'getProfile'>): Promise<ProfileView | undefined> => {
  const stored = await store.getProfile(customerRef(workspace, customerId));
  return stored && toProfileView({ workspace, customerId, anonymous: false }, stored.state, stored.tags);
};

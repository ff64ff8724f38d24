import type { ProfileView } from './profile-view.js';

/** Customer profiles as they are now, for paths that act later than the event (waits, scheduled rules). */
export interface ProfileReader {
  profile(workspace: string, customerId: string): Promise<ProfileView | undefined>;
  /** The profiles that exist among `customerIds`, in no particular order. */
  profiles(workspace: string, customerIds: readonly string[]): Promise<ProfileView[]>;
}

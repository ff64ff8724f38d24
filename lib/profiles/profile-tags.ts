/** The port tags are changed through (rule actions, bulk tagging of a segment). */
export interface ProfileTagStore {
  /** Adds and removes tags of an existing customer profile; a profile that does not exist is left alone. */
  changeTags(workspace: string, customerId: string, change: { add: readonly string[]; remove: readonly string[] }): Promise<'changed' | 'no-profile'>;
}

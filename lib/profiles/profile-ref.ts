/**
 * Which profile: a customer (the shop's own customer id) or an anonymous visitor
 * (an `anonymousId` not yet linked to a customer).
 */
export interface ProfileRef {
  workspace: string;
  kind: 'customer' | 'visitor';
  id: string;
}

export const customerRef = (workspace: string, id: string): ProfileRef => ({ workspace, kind: 'customer', id });
export const visitorRef = (workspace: string, id: string): ProfileRef => ({ workspace, kind: 'visitor', id });

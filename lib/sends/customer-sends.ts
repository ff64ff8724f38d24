import type { SendStore } from './send-store.js';
import type { SendRecord } from './send-record.js';

/** One ledger entry as `GET /v1/customers/{id}/sends` shows it: the decision, its reason, its history. */
export interface CustomerSend {
  sendId: string;
  rule: SendRecord['rule'];
  occurrence: string;
  actionIndex: number;
  channel: SendRecord['channel'];
  purpose: SendRecord['purpose'];
  arm: string | null;
  state: SendRecord['state'];
  outcome: SendRecord['outcome'];
  reason: string | null;
  matchedAt: string;
  notBefore: string | null;
  expiresAt: string | null;
  queuedAt: string | null;
  deliveredAt: string | null;
  attempts: number;
  lastError: string | null;
  content: { text: string; title?: string; link?: string; templateCode?: string } | null;
  /** Repeated triggers refused as duplicates of this send. */
  duplicates: number;
  lastDuplicateAt: string | null;
  history: SendRecord['history'];
}

const view = (record: SendRecord): CustomerSend => ({
  sendId: record.sendId,
  rule: record.rule,
  occurrence: record.key.occurrence,
  actionIndex: record.key.actionIndex,
  channel: record.channel,
  purpose: record.purpose,
  arm: record.arm,
  state: record.state,
  outcome: record.outcome,
  reason: record.reason ?? null,
  matchedAt: record.matchedAt,
  notBefore: record.notBefore ?? null,
  expiresAt: record.expiresAt ?? null,
  queuedAt: record.queuedAt ?? null,
  deliveredAt: record.deliveredAt ?? null,
  attempts: record.attempts,
  lastError: record.lastError ?? null,
  content: record.message?.content ?? null,
  duplicates: record.duplicates?.count ?? 0,
  lastDuplicateAt: record.duplicates?.lastAt ?? null,
  history: record.history,
});

/** Every send decision about a customer, newest match first. */
export const customerSends = async (workspace: string, customerId: string, deps: { sends: Pick<SendStore, 'listForCustomer'> }): Promise<CustomerSend[]> =>
  (await deps.sends.listForCustomer(workspace, customerId)).sort((a, b) => b.matchedAt.localeCompare(a.matchedAt)).map(view);

import { randomUUID } from 'node:crypto';
import type { Clock } from '../time/clock.js';
import type { ErasureRequestMessage } from './erasure-request.js';
import type { ErasureReceipt, ErasureStore } from './erasure-store.js';

/**
 * Erases one customer (PIPA / GDPR): deletes everything Retain keeps about them and writes a
 * receipt without personal data. Safe to run again: a second run deletes nothing more.
 */
export const eraseCustomer = async (request: ErasureRequestMessage, deps: { store: ErasureStore; clock: Clock }): Promise<ErasureReceipt> => {
  const itemsDeleted = await deps.store.deleteCustomerData(request.workspace, request.customerId);
  const receipt: ErasureReceipt = {
    receiptId: randomUUID(),
    workspace: request.workspace,
    source: request.source,
    requestedAt: request.requestedAt,
    completedAt: deps.clock.now().toISOString(),
    itemsDeleted,
  };
  await deps.store.writeReceipt(receipt);
  return receipt;
};

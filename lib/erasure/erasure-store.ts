import type { ErasureRequest } from '../webhooks/webhook-result.js';

/** What an erasure leaves behind: when, why and how much — never who. */
export interface ErasureReceipt {
  receiptId: string;
  workspace: string;
  source: string;
  requestedAt: string;
  completedAt: string;
  itemsDeleted: number;
}

/** The port erasure goes through. */
export interface ErasureStore {
  /**
   * Marks the customer as erased as of `requestedAt` (keeping no readable id), so events that
   * happened before it — late retries — are refused while later ones start a fresh profile.
   */
  markErased(request: ErasureRequest): Promise<void>;
  /** Deletes the customer's profile, events, timers, sends, aliases and merged visitors; returns how many items. */
  deleteCustomerData(workspace: string, customerId: string): Promise<number>;
  writeReceipt(receipt: ErasureReceipt): Promise<void>;
  receipts(workspace: string, limit: number): Promise<ErasureReceipt[]>;
}

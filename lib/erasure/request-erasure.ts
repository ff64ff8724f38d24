import type { MessageQueue } from '../queue/message-queue.js';
import type { ErasureRequest } from '../webhooks/webhook-result.js';
import type { ErasureRequestMessage } from './erasure-request.js';
import type { ErasureStore } from './erasure-store.js';

/**
 * Accepts a withdrawal, deletion or redaction:
 * 1. mark the customer erased as of the request (stops late retries at once);
 * 2. queue the deletion, which is retried and, if it keeps failing, kept in the queue's DLQ.
 */
export const requestErasure = async (request: ErasureRequest, deps: { store: ErasureStore; queue: MessageQueue<ErasureRequestMessage> }): Promise<void> => {
  await deps.store.markErased(request);
  await deps.queue.send(request);
};

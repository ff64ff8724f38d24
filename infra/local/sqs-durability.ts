import type { JournalEntry, SqsJournal, StoredMessage } from './sqs-journal.js';

/** The part of a fauxqs 1.9.2 queue (`SqsQueue`) whose changes the journal follows. */
export interface FauxqsQueue {
  readonly name: string;
  inflightMessages: Map<string, { message: StoredMessage; visibilityDeadline: number }>;
  enqueue(message: StoredMessage): void;
  dequeue(maxCount: number, visibilityTimeoutOverride?: number, dlqResolver?: (arn: string) => FauxqsQueue | undefined): Array<{ MessageId: string; ReceiptHandle: string }>;
  deleteMessage(receiptHandle: string): boolean;
  changeVisibility(receiptHandle: string, timeoutSeconds: number): void;
  purge(): void;
}

/** The part of fauxqs's `SqsStore` through which every queue is made and deleted. */
export interface FauxqsStore {
  createQueue(name: string, url: string, arn: string, attributes?: Record<string, string>, tags?: Record<string, string>): FauxqsQueue;
  deleteQueue(url: string): boolean;
  getQueue(url: string): FauxqsQueue | undefined;
}

/**
 * Makes every queue of the store write its changes to the journal before they are answered,
 * and puts a queue's kept messages back when the queue is created again (`npm start`
 * provisions its queues on every start, before any consumer polls).
 */
export const journalQueues = (store: FauxqsStore, journal: SqsJournal): void => {
  const createQueue = store.createQueue.bind(store);
  store.createQueue = (name, url, arn, attributes, tags) => {
    const queue = createQueue(name, url, arn, attributes, tags);
    for (const { message, hiddenUntil } of journal.messagesOf(name)) {
      queue.enqueue(hiddenUntil !== undefined && hiddenUntil > Date.now() ? { ...message, delayUntil: hiddenUntil } : message);
    }
    follow(queue, journal);
    return queue;
  };
  const deleteQueue = store.deleteQueue.bind(store);
  store.deleteQueue = (url) => {
    const queue = store.getQueue(url);
    if (queue) journal.record([{ op: 'purge', queue: queue.name }]);
    return deleteQueue(url);
  };
};

const follow = (queue: FauxqsQueue, journal: SqsJournal): void => {
  const { enqueue, dequeue, deleteMessage, changeVisibility, purge } = queue;
  const inflight = (handle: string) => queue.inflightMessages.get(handle)?.message;

  queue.enqueue = (message) => {
    // A move to the dead-letter queue arrives here too, so the journal follows the message there.
    journal.record([{ op: 'put', queue: queue.name, message }]);
    enqueue.call(queue, message);
  };
  queue.dequeue = (maxCount, visibilityTimeoutOverride, dlqResolver) => {
    const received = dequeue.call(queue, maxCount, visibilityTimeoutOverride, dlqResolver);
    journal.record(
      received.flatMap(({ ReceiptHandle }): JournalEntry[] => {
        const message = inflight(ReceiptHandle);
        return message ? [{ op: 'receive', id: message.messageId, count: message.approximateReceiveCount, ...(message.approximateFirstReceiveTimestamp ? { firstAt: message.approximateFirstReceiveTimestamp } : {}) }] : [];
      }),
    );
    return received;
  };
  queue.deleteMessage = (handle) => {
    const message = inflight(handle);
    if (message) journal.record([{ op: 'delete', id: message.messageId }]);
    return deleteMessage.call(queue, handle);
  };
  queue.changeVisibility = (handle, timeoutSeconds) => {
    const message = inflight(handle);
    if (message) journal.record([{ op: 'hide', id: message.messageId, until: Date.now() + timeoutSeconds * 1000 }]);
    changeVisibility.call(queue, handle, timeoutSeconds);
  };
  queue.purge = () => {
    journal.record([{ op: 'purge', queue: queue.name }]);
    purge.call(queue);
  };
};

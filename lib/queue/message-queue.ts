/** The port for putting a message on a queue (SQS in production and locally). */
export interface MessageQueue<T> {
  send(message: T, options?: { delaySeconds?: number }): Promise<void>;
}

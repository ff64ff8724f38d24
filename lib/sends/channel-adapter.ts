import type { SendMessage } from './send-message.js';

/** One way out to customers (a provider bridge, the log): the only thing that differs between channels at delivery. */
export interface ChannelAdapter {
  readonly name: string;
  /** Resolves once the provider has accepted the message; throws DeliveryError otherwise. */
  deliver(message: SendMessage): Promise<void>;
}

/**
 * A provider that did not accept a message. `retryable`: worth trying again later (a
 * timeout, 429, 5xx); otherwise no retry can help (a rejected request, missing
 * configuration) and the message goes to the dead-letter queue at once.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

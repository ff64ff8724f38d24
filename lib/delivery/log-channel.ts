import type { ChannelAdapter } from '../sends/channel-adapter.js';
import type { SendMessage } from '../sends/send-message.js';

/** Where the log adapter writes: a structured logger that masks personal data. */
export interface LogSink {
  info(message: string, attributes: Record<string, unknown>): void;
}

/** The local default: every message is "delivered" to the log, so the whole flow runs without a provider. */
export class LogChannel implements ChannelAdapter {
  readonly name = 'log';

  constructor(private readonly sink: LogSink) {}

  async deliver(message: SendMessage): Promise<void> {
    this.sink.info('message delivered to the log', {
      sendId: message.sendId,
      rule: message.rule,
      variant: message.variant,
      channel: message.channel,
      purpose: message.purpose,
      recipient: message.recipient,
      content: message.content,
    });
  }
}

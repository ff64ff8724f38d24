import { DeliveryError, type ChannelAdapter } from '../sends/channel-adapter.js';
import type { SendMessage } from '../sends/send-message.js';
import type { Clock } from '../time/clock.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

export interface WebhookChannelOptions {
  url: string;
  secret: string;
  clock: Clock;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Statuses worth another try: the endpoint is busy, overloaded or briefly down. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Delivers through the shop's own endpoint — the bridge to any SMS or Kakao provider: a POST
 * of the send message (version 1, JSON) signed with HMAC-SHA256 (`x-retain-signature`),
 * with the send's dedupe key as `idempotency-key` so a bridge can drop a repeat.
 * 2xx is delivered; a timeout, a network error, 408, 425, 429 and 5xx are retried; any
 * other answer is final.
 */
export class WebhookChannel implements ChannelAdapter {
  readonly name = 'webhook';

  constructor(private readonly options: WebhookChannelOptions) {}

  async deliver(message: SendMessage): Promise<void> {
    const body = JSON.stringify(message);
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.options.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [SIGNATURE_HEADER]: signWebhook(body, this.options.secret, this.options.clock.now()),
          'idempotency-key': message.dedupeKey,
          'user-agent': 'Retain-Delivery/1',
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        redirect: 'error',
      });
    } catch (error) {
      throw new DeliveryError(`webhook ${hostOf(this.options.url)}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, true, { cause: error });
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return;
    throw new DeliveryError(`webhook ${hostOf(this.options.url)} answered ${response.status}`, RETRYABLE.has(response.status));
  }
}

/** Errors name the host only: a URL's path or query may hold a token. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
};

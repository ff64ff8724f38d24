import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { DeliveryError, type ChannelAdapter } from '../sends/channel-adapter.js';
import type { SendMessage } from '../sends/send-message.js';
import type { Clock } from '../time/clock.js';
import { checkedLookup, DeliveryTargetError, type ResolveName } from './checked-lookup.js';
import { deliveryUrlProblem, type DeliveryTargetPolicy } from './delivery-target.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** Where webhooks may go, and the connection pool that connects only to addresses the policy allows. */
export interface DeliveryTargets {
  policy: DeliveryTargetPolicy;
  dispatcher: Dispatcher;
}

/** One pool per function (connections are reused across messages and workspaces), every address checked as it connects. */
export const deliveryTargets = (policy: DeliveryTargetPolicy, resolve?: ResolveName): DeliveryTargets => ({
  policy,
  dispatcher: new Agent({ connect: { lookup: checkedLookup(policy, resolve) } }),
});

export interface WebhookChannelOptions {
  url: string;
  secret: string;
  clock: Clock;
  targets: DeliveryTargets;
  timeoutMs?: number;
  fetch?: typeof undiciFetch;
}

/** Statuses worth another try: the endpoint is busy, overloaded or briefly down. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Delivers through the shop's own endpoint — the bridge to any SMS or Kakao provider: a POST
 * of the send message (version 1, JSON) signed with HMAC-SHA256 (`x-retain-signature`),
 * with the send's dedupe key as `idempotency-key` so a bridge can drop a repeat.
 * 2xx is delivered; a timeout, a network error, 408, 425, 429 and 5xx are retried; any
 * other answer is final, and so is a URL or an address the targets' policy does not allow.
 */
export class WebhookChannel implements ChannelAdapter {
  readonly name = 'webhook';

  constructor(private readonly options: WebhookChannelOptions) {}

  async deliver(message: SendMessage): Promise<void> {
    const { url, targets } = this.options;
    // Settings stored before a check existed, or under another policy, are checked again here.
    const problem = deliveryUrlProblem(url, targets.policy);
    if (problem) throw new DeliveryError(`webhook ${hostOf(url)}: delivery.url ${problem}`, false);
    const body = JSON.stringify(message);
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await (this.options.fetch ?? undiciFetch)(url, {
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
        dispatcher: targets.dispatcher,
      });
    } catch (error) {
      const cause = error instanceof Error ? error.cause : undefined;
      if (cause instanceof DeliveryTargetError) throw new DeliveryError(`webhook ${hostOf(url)}: delivery.url ${cause.message}, which Retain does not deliver to`, false, { cause: error });
      throw new DeliveryError(`webhook ${hostOf(url)}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, true, { cause: error });
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return;
    throw new DeliveryError(`webhook ${hostOf(url)} answered ${response.status}`, RETRYABLE.has(response.status));
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

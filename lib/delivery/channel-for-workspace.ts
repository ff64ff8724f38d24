import { DeliveryError, type ChannelAdapter } from '../sends/channel-adapter.js';
import type { SendMessage } from '../sends/send-message.js';
import type { Clock } from '../time/clock.js';
import type { WorkspaceSecrets } from '../workspaces/workspace-secrets.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import { LogChannel, type LogSink } from './log-channel.js';
import type { DeliveryTargetPolicy } from './delivery-target.js';
import { deliveryTargets, WebhookChannel, type WebhookChannelOptions } from './webhook-channel.js';

/** Fails every message with a reason no retry can fix; redrive after fixing the configuration. */
class MisconfiguredChannel implements ChannelAdapter {
  readonly name = 'misconfigured';
  constructor(private readonly reason: string) {}
  async deliver(_message: SendMessage): Promise<void> {
    throw new DeliveryError(this.reason, false);
  }
}

/** The adapter a workspace's settings choose: `log` (default) or `webhook` with the workspace's signing secret, to the targets `policy` allows. */
export const channelForWorkspace = (deps: {
  settings: WorkspaceSettingsStore;
  secrets: WorkspaceSecrets;
  clock: Clock;
  log: LogSink;
  policy: DeliveryTargetPolicy;
  fetch?: WebhookChannelOptions['fetch'];
}) => {
  const targets = deliveryTargets(deps.policy);
  return async (workspace: string): Promise<ChannelAdapter> => {
    const { delivery } = await deps.settings.get(workspace);
    if (delivery.adapter === 'log') return new LogChannel(deps.log);
    const secret = (await deps.secrets.credentials(workspace))?.deliveryWebhookSecret;
    if (!secret) return new MisconfiguredChannel(`webhook delivery needs "deliveryWebhookSecret" in the secrets of workspace "${workspace}"`);
    return new WebhookChannel({ url: delivery.url, secret, clock: deps.clock, targets, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  };
};

import type { ProfileTagStore } from '../profiles/profile-tags.js';
import type { MessageQueue } from '../queue/message-queue.js';
import type { Clock } from '../time/clock.js';
import type { TimerStore } from '../timers/timer-store.js';
import type { WorkspaceSettingsStore } from '../workspaces/workspace-settings.js';
import type { SendMessage } from './send-message.js';
import type { SendStore } from './send-store.js';

/** The ports the send gate works through. */
export interface SendDeps {
  store: SendStore;
  queue: MessageQueue<SendMessage>;
  timers: TimerStore;
  settings: WorkspaceSettingsStore;
  /** Flags customers whose ad consent needs re-confirmation. */
  tags: ProfileTagStore;
  clock: Clock;
  /**
   * Rule counters and the re-confirmation tag follow the ledger change they belong to; if
   * they fail, the send still stands (the ledger is the record) and the failure lands here.
   */
  onError: (what: string, error: unknown) => void;
}

/** A send deferred past what an SQS delay can hold is resumed by a timer of this kind. */
export const SEND_DEFERRED_TIMER = 'send-deferred' as const;

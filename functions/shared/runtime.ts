import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@aws-lambda-powertools/logger';
import { QUEUES, type QueueKey } from '../../infra/resources.js';
import { createLogger, type LogLevel } from '../../lib/log/create-logger.js';
import type { MessageQueue } from '../../lib/queue/message-queue.js';
import { SqsMessageQueue } from '../../lib/queue/sqs-message-queue.js';
import type { IngestDeps } from '../../lib/ingest/ingest-all.js';
import { DynamoErasureStore } from '../../lib/store/dynamo-erasure-store.js';
import { DynamoEventStatsStore } from '../../lib/store/dynamo-event-stats-store.js';
import { DynamoUnhandledWebhookLog } from '../../lib/store/dynamo-unhandled-webhook-log.js';
import { DynamoProfileTagStore } from '../../lib/store/dynamo-profile-tags.js';
import { StoredRuleRepository, type RuleRepository } from '../../lib/rules/rule-repository.js';
import { pushRule, type PushOutcome, type PushRuleInput } from '../../lib/rules/push-rule.js';
import type { RuleStore } from '../../lib/rules/rule-store.js';
import { RULE_ACTION_CHECKS } from '../../lib/sends/message-template-check.js';
import { DynamoRuleStore } from '../../lib/store/dynamo-rule-store.js';
import { DynamoProfileStore } from '../../lib/store/dynamo-profile-store.js';
import { DynamoWorkspaceSettingsStore } from '../../lib/store/dynamo-workspace-settings-store.js';
import type { Clock } from '../../lib/time/clock.js';
import type { WorkspaceSecrets } from '../../lib/workspaces/workspace-secrets.js';
import { PUBLIC_HTTPS_ONLY, type DeliveryTargetPolicy } from '../../lib/delivery/delivery-target.js';
import { ActiveRules } from '../../lib/automations/active-rules.js';
import type { RuleActivity } from '../../lib/automations/rule-activity.js';
import { loggedRuleActivity } from '../../lib/log/logged-rule-activity.js';
import type { SendGate } from '../../lib/sends/send-gate.js';
import { DynamoAnchorIndex } from '../../lib/store/dynamo-anchor-index.js';
import { DynamoProfileReader } from '../../lib/store/dynamo-profile-reader.js';
import { DynamoCustomerList } from '../../lib/store/dynamo-customer-list.js';
import { DynamoScheduleMarkers } from '../../lib/store/dynamo-schedule-markers.js';
import { DynamoTimerStore } from '../../lib/store/dynamo-timer-store.js';
import type { Timer, TimerHandler } from '../../lib/timers/timer-store.js';
import { TriggerWaitHandler } from '../../lib/triggers/trigger-wait-handler.js';
import { TriggerSettleHandler } from '../../lib/triggers/trigger-settle-handler.js';
import { TRIGGER_SETTLE_MS } from '../../lib/triggers/trigger-settle.js';
import type { TriggerDeps } from '../../lib/triggers/evaluate-triggers.js';
import { DynamoSameTimeEvents } from '../../lib/store/dynamo-same-time-events.js';
import { DynamoSendStore } from '../../lib/store/dynamo-send-store.js';
import { DynamoSendStatsStore } from '../../lib/store/dynamo-send-stats-store.js';
import { DynamoSetAsideStore } from '../../lib/store/dynamo-set-aside-store.js';
import { SqsDeadLetterQueue } from '../../lib/queue/sqs-dead-letter-queue.js';
import type { DeadLetterQueue } from '../../lib/sends/dead-letter-queue.js';
import type { SendDeps } from '../../lib/sends/send-deps.js';
import { LedgerSendGate } from '../../lib/sends/request-send.js';
import { SendDeferredTimerHandler } from '../../lib/sends/resume-deferred-sends.js';
import { getCustomerProfile } from '../../lib/profiles/get-customer-profile.js';

/** Everything a handler needs to know about where it runs. */
export interface RuntimeConfig {
  tableName: string;
  queueUrls: Record<QueueKey, string>;
  /** Dead-letter queue URLs, for the queues a function dead-letters to or redrives. */
  deadLetterQueueUrls?: Partial<Record<QueueKey, string>>;
  eventRetentionDays: number;
  secrets: WorkspaceSecrets;
  clock: Clock;
  logLevel?: LogLevel;
  /** Where active rules come from; by default the rules pushed to the table. Tests may pass their own. */
  rules?: RuleRepository;
  /** Set by the local harness: endpoints of DynamoDB Local and the SQS server. */
  aws?: { region: string; dynamodbEndpoint: string; sqsEndpoint: string };
  /** The send gate matched rules hand their sends to; by default the sends queue. */
  sendGate?: SendGate;
  /** Handlers of due timers by kind, replacing the defaults. */
  timerHandlers?: Partial<Record<Timer['kind'], TimerHandler>>;
  /** The settle window of triggers without a wait (default TRIGGER_SETTLE_MS); 0 acts on the profile as of the event, at once. */
  triggerSettleMs?: number;
  /** Where rule activity is reported; by default the log. */
  ruleActivity?: RuleActivity;
  /** Profiles one segment request reads at most before it answers with a cursor, besides its time budget (tests set it low). */
  segmentScanLimit?: number;
  /** Where delivery webhooks may go; by default public https endpoints only. The local harness may allow loopback. */
  deliveryPolicy?: DeliveryTargetPolicy;
}

/** The adapters, built once per cold start (or once per local harness). */
export class Runtime {
  readonly clock: Clock;
  readonly secrets: WorkspaceSecrets;
  readonly dynamo: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly profiles: DynamoProfileStore;
  readonly eventStats: DynamoEventStatsStore;
  readonly settings: DynamoWorkspaceSettingsStore;
  readonly erasures: DynamoErasureStore;
  readonly unhandledWebhooks: DynamoUnhandledWebhookLog;
  readonly tags: DynamoProfileTagStore;
  readonly ruleStore: RuleStore;
  readonly rules: RuleRepository;
  readonly timers: DynamoTimerStore;
  readonly activeRules: ActiveRules;
  readonly profileReader: DynamoProfileReader;
  readonly customers: DynamoCustomerList;
  readonly anchors: DynamoAnchorIndex;
  readonly scheduleMarkers: DynamoScheduleMarkers;
  readonly sendGate: SendGate;
  readonly ruleActivity: RuleActivity;
  /** What the sweep does with a due timer of each kind. */
  readonly timerHandlers: Record<Timer['kind'], TimerHandler>;
  readonly sends: DynamoSendStore;
  readonly sendStats: DynamoSendStatsStore;
  readonly deliveryPolicy: DeliveryTargetPolicy;
  /** Records consumers set aside instead of retrying them, listed and replayed through the API. */
  readonly setAside: DynamoSetAsideStore;
  private readonly queues = new Map<QueueKey, MessageQueue<unknown>>();

  constructor(readonly config: RuntimeConfig) {
    const local = config.aws && { region: config.aws.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    this.clock = config.clock;
    this.secrets = config.secrets;
    this.deliveryPolicy = config.deliveryPolicy ?? PUBLIC_HTTPS_ONLY;
    this.dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...local, ...(config.aws ? { endpoint: config.aws.dynamodbEndpoint } : {}) }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    this.sqs = new SQSClient({ ...local, ...(config.aws ? { endpoint: config.aws.sqsEndpoint } : {}) });
    const table = { tableName: config.tableName, clock: config.clock };
    this.profiles = new DynamoProfileStore(this.dynamo, { ...table, eventRetentionDays: config.eventRetentionDays });
    this.eventStats = new DynamoEventStatsStore(this.dynamo, table);
    this.settings = new DynamoWorkspaceSettingsStore(this.dynamo, table);
    this.erasures = new DynamoErasureStore(this.dynamo, table);
    this.unhandledWebhooks = new DynamoUnhandledWebhookLog(this.dynamo, table);
    this.tags = new DynamoProfileTagStore(this.dynamo, table);
    this.ruleStore = new DynamoRuleStore(this.dynamo, { tableName: config.tableName });
    this.rules = config.rules ?? new StoredRuleRepository(this.ruleStore);
    const rulesLogger = this.logger('rules');
    this.timers = new DynamoTimerStore(this.dynamo, table);
    this.activeRules = new ActiveRules(this.rules, config.clock, {
      onInvalidRule: (workspace, rule, error) => rulesLogger.error('rule left out: it does not compile', { workspace, ruleId: rule.id, version: rule.version, error: error as Error }),
    });
    this.profileReader = new DynamoProfileReader(this.dynamo, this.profiles, table);
    this.customers = new DynamoCustomerList(this.dynamo, table);
    this.anchors = new DynamoAnchorIndex(this.dynamo, table);
    this.scheduleMarkers = new DynamoScheduleMarkers(this.dynamo, table);
    // Send ledger entries and conversions are kept as long as the events they come from.
    this.sends = new DynamoSendStore(this.dynamo, { ...table, retentionDays: config.eventRetentionDays });
    this.sendStats = new DynamoSendStatsStore(this.dynamo, { tableName: config.tableName, retentionDays: config.eventRetentionDays });
    this.setAside = new DynamoSetAsideStore(this.dynamo, table);
    const sendsLogger = this.logger('sends');
    this.sendGate = config.sendGate ?? new LedgerSendGate(this.sendDeps(sendsLogger));
    this.ruleActivity = config.ruleActivity ?? loggedRuleActivity(rulesLogger);
    this.timerHandlers = {
      'trigger-wait': new TriggerWaitHandler({ ...this.actionDeps(), rules: this.activeRules, profiles: this.profileReader, settings: this.settings }),
      'trigger-settle': new TriggerSettleHandler({ ...this.actionDeps(), rules: this.activeRules, profiles: this.profileReader, settings: this.settings }),
      'send-deferred': new SendDeferredTimerHandler({
        ...this.sendDeps(sendsLogger),
        currentProfile: (workspace, customerId) => getCustomerProfile(workspace, customerId, this.profiles),
        activity: this.ruleActivity,
      }),
      ...config.timerHandlers,
    };
  }

  /** What evaluating trigger rules on committed events needs, with the settle window. */
  triggerDeps(): TriggerDeps {
    const settleMs = this.config.triggerSettleMs ?? TRIGGER_SETTLE_MS;
    return {
      ...this.actionDeps(),
      rules: this.activeRules,
      timers: this.timers,
      settings: this.settings,
      clock: this.clock,
      ...(settleMs > 0 ? { settle: { ms: settleMs, profiles: this.profileReader, sameTime: new DynamoSameTimeEvents(this.dynamo, { tableName: this.config.tableName }) } } : {}),
    };
  }

  /** What acting on a matched rule needs: the send gate, tags, and where activity is reported. */
  actionDeps() {
    return { gate: this.sendGate, tags: this.tags, activity: this.ruleActivity };
  }

  /**
   * Pushes a rule, its message templates checked too. The rules in force of this process are
   * read again at the next event; other warm functions see the push within ActiveRules' TTL.
   */
  async pushRule(input: PushRuleInput): Promise<PushOutcome> {
    const outcome = await pushRule(input, { store: this.ruleStore, actionChecks: RULE_ACTION_CHECKS });
    this.activeRules.invalidate(input.workspace);
    return outcome;
  }

  /** What the send gate works through. */
  sendDeps(logger: Logger): SendDeps {
    return {
      store: this.sends,
      queue: this.queue('sends'),
      timers: this.timers,
      settings: this.settings,
      tags: this.tags,
      clock: this.clock,
      onError: (what, error) => logger.error(`send bookkeeping failed: ${what}`, { error: error as Error }),
    };
  }

  deadLetters(key: QueueKey): DeadLetterQueue {
    return new SqsDeadLetterQueue(this.sqs, this.config.deadLetterQueueUrls?.[key] ?? '');
  }

  /** What storing events needs: the profile store, the retry queue, and erasure. */
  ingestDeps(logger: Logger): IngestDeps {
    return {
      store: this.profiles,
      retryQueue: this.queue('ingestRetry'),
      erasure: { store: this.erasures, queue: this.queue('erasures') },
      onDeferred: (events, error) =>
        logger.warn(error === undefined ? 'events not stored in time; queued for retry' : 'event write failed; queued for retry', {
          eventIds: events.map((event) => event.eventId),
          ...(error === undefined ? {} : { error: error as Error }),
        }),
    };
  }

  queue<T>(key: QueueKey): MessageQueue<T> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new SqsMessageQueue<unknown>(this.sqs, this.config.queueUrls[key]);
      this.queues.set(key, queue);
    }
    return queue as MessageQueue<T>;
  }

  logger(serviceName: string): Logger {
    return createLogger(serviceName, this.config.logLevel);
  }
}

export const queueKeys = Object.keys(QUEUES) as QueueKey[];

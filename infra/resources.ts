/**
 * Retain's AWS resources as plain data: the one definition that the CDK stack deploys
 * and the local harness (`npm start`, tests) provisions and runs. No imports on purpose —
 * the CDK app, the harness and the handlers' configuration all read it.
 */

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Attributes copied into the index besides the keys. */
  include?: string[];
}

export const TABLE = {
  id: 'Table',
  partitionKey: { name: 'pk', type: 'S' } as KeyAttribute,
  sortKey: { name: 'sk', type: 'S' } as KeyAttribute,
  timeToLiveAttribute: 'ttl',
  /** Evaluation needs the inserted item itself, nothing else. */
  streamView: 'NEW_IMAGE' as const,
  indexes: [
    /** Due timers for the sweep: `DUE#<shard>` (shards across workspaces), by next attempt time. */
    { name: 'timers-due', partitionKey: { name: 'timerDuePk', type: 'S' }, sortKey: { name: 'timerDueAt', type: 'S' }, include: ['workspace', 'customerId', 'timerKey'] },
    /** Date anchors of customer profiles for scheduled rules: `W#<ws>#<anchor>#<shard>`, by the anchor instant. */
    { name: 'anchor-signup', partitionKey: { name: 'anchorSignupPk', type: 'S' }, sortKey: { name: 'anchorSignupAt', type: 'S' }, include: ['customerId'] },
    { name: 'anchor-first-order', partitionKey: { name: 'anchorFirstOrderPk', type: 'S' }, sortKey: { name: 'anchorFirstOrderAt', type: 'S' }, include: ['customerId'] },
    { name: 'anchor-last-order', partitionKey: { name: 'anchorLastOrderPk', type: 'S' }, sortKey: { name: 'anchorLastOrderAt', type: 'S' }, include: ['customerId'] },
    { name: 'anchor-last-visit', partitionKey: { name: 'anchorLastVisitPk', type: 'S' }, sortKey: { name: 'anchorLastVisitAt', type: 'S' }, include: ['customerId'] },
    /** The purchase cycle: last order + the customer's own average interval (2+ orders). */
    { name: 'cycle-due', partitionKey: { name: 'cycleDuePk', type: 'S' }, sortKey: { name: 'cycleDueAt', type: 'S' }, include: ['customerId'] },
    /**
     * A workspace's customers, for segment count, list, export and tag: partition
     * `W#{ws}#PL#{shard}`, sort key the customer id (lib/store/profile-list-index.ts). Keys
     * only, so profile writes do not write the index again; profiles are read in batches.
     */
    { name: 'profile-list', partitionKey: { name: 'plPk', type: 'S' }, sortKey: { name: 'plSk', type: 'S' } },
    /**
     * Records a consumer set aside (lib/store/dynamo-set-aside-store.ts): partition `W#{ws}#ASIDE`,
     * by when. Sparse: only set-aside entries carry the keys; each sits in its record's partition.
     */
    {
      name: 'set-aside',
      partitionKey: { name: 'asidePk', type: 'S' },
      sortKey: { name: 'asideAt', type: 'S' },
      include: ['consumer', 'workspace', 'customerId', 'recordId', 'recordType', 'occurredAt', 'failures', 'firstSetAsideAt', 'setAsideAt', 'times', 'replayRequestedAt'],
    },
  ] as IndexDefinition[],
};

export interface QueueDefinition {
  /** Name suffix; deployed as `<stack>-<name>`, locally as `<prefix>-<name>`. */
  name: string;
  visibilityTimeoutSeconds: number;
  /** Deliveries before a message moves to the queue's dead-letter queue. */
  maxReceiveCount: number;
  /** Environment variable that carries the queue URL to the handlers. */
  urlEnv: string;
  /** Environment variable for the dead-letter queue's URL, for queues whose consumer dead-letters with a reason or that can be redriven. */
  deadLetterUrlEnv?: string;
}

export const QUEUES = {
  /** Valid events whose first write failed: retried until stored, then kept in the DLQ. */
  ingestRetry: { name: 'ingest-retry', visibilityTimeoutSeconds: 60, maxReceiveCount: 5, urlEnv: 'INGEST_RETRY_QUEUE_URL' },
  /** Customers to erase (withdrawal, deletion, redaction): deleted by `erase`, kept in the DLQ if that keeps failing. */
  erasures: { name: 'erasures', visibilityTimeoutSeconds: 360, maxReceiveCount: 5, urlEnv: 'ERASURES_QUEUE_URL' },
  /** Where stream batches that kept failing evaluation are reported (the stream's on-failure destination). */
  evaluateFailures: { name: 'evaluate-failures', visibilityTimeoutSeconds: 60, maxReceiveCount: 5, urlEnv: 'EVALUATE_FAILURES_QUEUE_URL' },
  /** Messages the send gate let through, for `deliver`; after maxReceiveCount attempts (with backoff) they rest in the DLQ with a reason until redriven. */
  sends: { name: 'sends', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, urlEnv: 'SENDS_QUEUE_URL', deadLetterUrlEnv: 'SENDS_DLQ_URL' },
} satisfies Record<string, QueueDefinition>;

export type QueueKey = keyof typeof QUEUES;

/** A Lambda event-source filter pattern (the subset the local harness understands: exact values, prefix, exists). */
export type FilterPattern = Record<string, unknown>;

export interface StreamSource {
  batchSize: number;
  maxBatchingWindowSeconds: number;
  retryAttempts: number;
  /** Queue that receives the batch description once retries are exhausted. */
  onFailure: QueueKey;
  filters: FilterPattern[];
}

export interface QueueSource {
  queue: QueueKey;
  batchSize: number;
}

export interface FunctionDefinition {
  /** Entry module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  /** HTTP API routes, as API Gateway route keys. */
  routes?: string[];
  stream?: StreamSource;
  queue?: QueueSource;
  /** Queues the function sends to. */
  sendsTo?: QueueKey[];
  /** Queues whose dead-letter queue the function writes to itself, with a reason. */
  deadLettersTo?: QueueKey[];
  /** Queues whose dead-letter queue the function reads and moves back to the queue (redrive). */
  redrives?: QueueKey[];
  /** What the function may do with the table. */
  table: 'read' | 'write' | 'read-write';
  /** The function reads the workspace secrets (API keys, webhook secrets). */
  readsSecrets?: boolean;
}

export const FUNCTIONS = {
  ingest: {
    entry: 'functions/ingest/handler.ts',
    description: 'Segment-spec events in: validate, map, store event + profile in one transaction',
    memorySize: 1024,
    timeoutSeconds: 15,
    routes: ['POST /v1/events'],
    sendsTo: ['ingestRetry', 'erasures'],
    table: 'read-write',
    readsSecrets: true,
  },
  webhooks: {
    entry: 'functions/webhooks/handler.ts',
    description: 'Shopify, Cafe24 and shopby webhooks: verify, map, store; erasure requests',
    memorySize: 1024,
    timeoutSeconds: 10,
    routes: ['POST /webhooks/shopify/{workspace}', 'POST /webhooks/cafe24/{workspace}', 'POST /webhooks/shopby/{workspace}'],
    sendsTo: ['ingestRetry', 'erasures'],
    table: 'read-write',
    readsSecrets: true,
  },
  erase: {
    entry: 'functions/erase/handler.ts',
    description: 'Erases a customer: profile, events, timers, sends, aliases; writes a receipt without personal data',
    memorySize: 512,
    timeoutSeconds: 60,
    queue: { queue: 'erasures', batchSize: 1 },
    table: 'read-write',
  },
  ingestRetry: {
    entry: 'functions/ingest-retry/handler.ts',
    description: 'Stores valid events not stored when they arrived (a write failed, or the request ran out of time)',
    memorySize: 512,
    timeoutSeconds: 30,
    queue: { queue: 'ingestRetry', batchSize: 10 },
    // It stores events as ingest does (lib/ingest/ingest-all.ts storeEvents), withdrawals included.
    sendsTo: ['erasures'],
    table: 'read-write',
  },
  api: {
    entry: 'functions/api/handler.ts',
    description: 'Read API: customers, stats, set-aside records, health',
    memorySize: 512,
    timeoutSeconds: 10,
    routes: [
      'GET /health',
      'GET /v1/customers/{customerId}',
      'GET /v1/stats/events',
      'GET /v1/erasures',
      'GET /v1/settings',
      'GET /v1/rules/{ruleId}/stats',
      'GET /v1/customers/{customerId}/sends',
      'GET /v1/set-aside',
    ],
    table: 'read',
    readsSecrets: true,
  },
  evaluate: {
    entry: 'functions/evaluate/handler.ts',
    description: 'Every committed event, from the table stream: daily counts, trigger rules (act, start or cancel waits)',
    memorySize: 512,
    timeoutSeconds: 60,
    stream: {
      batchSize: 100,
      maxBatchingWindowSeconds: 1,
      retryAttempts: 5,
      onFailure: 'evaluateFailures',
      filters: [
        { eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'E#' }] } } } },
        // A replay of a set-aside event (POST /v1/set-aside/replay) marks its item, and the change comes through here.
        { eventName: ['MODIFY'], dynamodb: { Keys: { sk: { S: [{ prefix: 'E#' }] } }, NewImage: { replayRequestedAt: { S: [{ exists: true }] } } } },
      ],
    },
    sendsTo: ['sends'],
    table: 'read-write',
  },
  sweepTimers: {
    entry: 'functions/sweep-timers/handler.ts',
    description: 'Every minute: claims due timers from the sharded due index and fires each (trigger waits, deferred sends)',
    memorySize: 512,
    timeoutSeconds: 60,
    sendsTo: ['sends'],
    table: 'read-write',
  },
  runSchedules: {
    entry: 'functions/run-schedules/handler.ts',
    description: 'Scheduled rules at their local time: customers found by date-anchor indexes; missed days caught up',
    memorySize: 1024,
    timeoutSeconds: 900,
    sendsTo: ['sends'],
    table: 'read-write',
    // The workspace list is the secret's; nothing else of it is used.
    readsSecrets: true,
  },
  deliver: {
    entry: 'functions/deliver/handler.ts',
    description: 'Delivers send messages once through the workspace channel adapter (webhook, log); retries with backoff, dead-letters with a reason',
    memorySize: 512,
    timeoutSeconds: 30,
    queue: { queue: 'sends', batchSize: 10 },
    deadLettersTo: ['sends'],
    table: 'read-write',
    readsSecrets: true,
  },
  admin: {
    entry: 'functions/admin/handler.ts',
    description: 'Write API: workspace settings, redrive of dead-lettered sends, replay of set-aside records',
    memorySize: 512,
    timeoutSeconds: 30,
    routes: ['PUT /v1/settings', 'POST /v1/sends/redrive', 'POST /v1/set-aside/replay'],
    redrives: ['sends'],
    table: 'write',
    readsSecrets: true,
  },
  rules: {
    entry: 'functions/rules/handler.ts',
    description: 'Rules: list, read, push (a new immutable version, validated), version history, test on a customer',
    memorySize: 512,
    timeoutSeconds: 10,
    routes: ['GET /v1/rules', 'GET /v1/rules/{ruleId}', 'PUT /v1/rules/{ruleId}', 'GET /v1/rules/{ruleId}/versions', 'POST /v1/rules/{ruleId}/test'],
    table: 'read-write',
    readsSecrets: true,
  },
  segments: {
    entry: 'functions/segments/handler.ts',
    description: 'Segment operations over stored profiles: count, list, CSV export, bulk tag, explain; long walks answer with a cursor',
    // 1769 MB is one full vCPU: profiles are parsed and evaluated by the thousand.
    memorySize: 1769,
    // API Gateway waits 30 s at most; walks stop early enough to answer with a cursor.
    timeoutSeconds: 29,
    routes: [
      'GET /v1/segments/{segmentId}/count',
      'GET /v1/segments/{segmentId}/customers',
      'GET /v1/segments/{segmentId}/customers/{customerId}',
      'GET /v1/segments/{segmentId}/export',
      'POST /v1/segments/{segmentId}/tag',
    ],
    table: 'read-write',
    readsSecrets: true,
  },
} satisfies Record<string, FunctionDefinition>;

export type FunctionKey = keyof typeof FUNCTIONS;

export interface ScheduleDefinition {
  /** EventBridge Scheduler expression: `rate(1 minute)` or `cron(0 10 * * ? *)`. */
  expression: string;
  target: FunctionKey;
  description: string;
}

export const SCHEDULES: Record<string, ScheduleDefinition> = {
  sweepTimers: { expression: 'rate(1 minute)', target: 'sweepTimers', description: 'Fires due timers: trigger waits, deferred sends' },
  // Every quarter hour (UTC-aligned): a rule's local "at" time runs within 15 minutes; missed runs catch up.
  runSchedules: { expression: 'cron(0/15 * * * ? *)', target: 'runSchedules', description: 'Runs scheduled rules whose local time has come' },
};

/** Environment variables the handlers read (besides each queue's `urlEnv`). */
export const ENV = {
  tableName: 'TABLE_NAME',
  secretsName: 'RETAIN_SECRETS_NAME',
  eventRetentionDays: 'EVENT_RETENTION_DAYS',
} as const;

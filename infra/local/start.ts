import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { systemClock } from '../../lib/time/clock.js';
import type { LogLevel } from '../../lib/log/create-logger.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { startLocalApp, type LocalApp } from './local-app.js';
import { LocalStackError } from './local-stack-error.js';
import { ensurePortFree } from './ports.js';
import { startSqsLocal, type SqsLocal } from './sqs-local.js';
import { localSecretsFromEnv } from './local-secrets.js';
import { DEMO_SETTINGS } from '../../lib/workspaces/demo-settings.js';
import { seedRules } from './seed-rules.js';
import { lockDataDir } from './data-dir-lock.js';
import { Readiness } from './readiness.js';

/** The repository, whose rules/ is the rule library the demo workspace starts with. */
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npm start`: DynamoDB Local + the SQS server + Retain's handlers on one machine.
 * Everything is configured by environment variables (see the README's local contract).
 */
const main = async () => {
  const env = process.env;
  // Retain pins its SDK versions; the SDK's notice about future Node 22 releases is noise here.
  env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const port = Number(env['PORT'] ?? 3000);
  const dynamoPort = Number(env['DYNAMODB_PORT'] ?? 8000);
  const sqsPort = Number(env['SQS_PORT'] ?? 4566);
  const dataDir = resolve(env['DATA_DIR'] ?? '.data');

  // Stopped in reverse: the app (requests, then consumers), the SQS server (its journal), DynamoDB Local, the DATA_DIR lock.
  const started: Array<{ stop(): Promise<void> }> = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const component of started.reverse()) await component.stop().catch(() => undefined);
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C: at once. Acknowledged queue messages are in the journal; DynamoDB Local is ended by the next start.
      console.error(`retain: ${signal} again — stopping at once`);
      process.exit(130);
    }
    console.log(`\nretain: stopping (${signal}) — finishing requests and handlers in flight; ${signal} again stops at once`);
    void stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    try {
      mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
    } catch (error) {
      throw new LocalStackError(`DATA_DIR ${dataDir} cannot hold the local data: ${(error as Error).message}`);
    }
    const lock = await lockDataDir(dataDir);
    started.push({ stop: async () => lock.release() });
    await ensurePortFree(port, 'PORT');
    const dynamodb: DynamoDbLocal = await startDynamoDbLocal({ port: dynamoPort, dataDir: join(dataDir, 'dynamodb') });
    lock.holdDynamoDb(dynamodb.pid);
    started.push(dynamodb);
    const sqs: SqsLocal = await startSqsLocal({ port: sqsPort, dataDir });
    started.push(sqs);
    // Ready means the rule library is in force: the first events meet the rules.
    const readiness = new Readiness();
    const rulesStep = readiness.step('rules', 'rules/ is not pushed yet');
    const app: LocalApp = await startLocalApp({
      dynamodbEndpoint: dynamodb.endpoint,
      sqsEndpoint: sqs.endpoint,
      tableName: 'retain',
      queuePrefix: 'retain',
      port,
      secrets: localSecretsFromEnv(env),
      clock: systemClock,
      logLevel: (env['LOG_LEVEL'] as LogLevel | undefined) ?? 'INFO',
      checkpointFile: join(dataDir, 'stream-checkpoints.json'),
      allowLoopbackDelivery: ['1', 'true'].includes(env['RETAIN_ALLOW_LOOPBACK_DELIVERY'] ?? ''),
      readiness,
    });
    started.push(app);
    // Ads need a sender and an opt-out line: `demo` gets placeholders unless it has its own settings.
    await app.runtime.settings.putIfAbsent('demo', DEMO_SETTINGS);
    const rules = await seedRules('demo', { cwd: REPOSITORY, push: (input) => app.runtime.pushRule(input), store: app.runtime.ruleStore, pushedAt: app.runtime.clock.now().toISOString() });
    rulesStep.done(`${rules.inForce} in force in "demo"`);
    console.log(
      [
        `retain: running at ${app.url}  (workspace "demo", Authorization: Bearer <RETAIN_API_KEY>)`,
        `  GET  ${app.url}/health`,
        `  POST ${app.url}/v1/events`,
        `  GET  ${app.url}/v1/customers/{customerId}`,
        `  rules: ${rules.inForce} in force (${rules.created} new${rules.keptNewer.length > 0 ? `; newer in the table, kept: ${rules.keptNewer.join(', ')}` : ''}) — GET ${app.url}/v1/rules`,
        `  DynamoDB Local ${dynamodb.endpoint}, SQS ${sqs.endpoint} (data of both in ${dataDir}) — Ctrl-C stops everything`,
      ].join('\n'),
    );
  } catch (error) {
    const message = error instanceof LocalStackError ? error.message : error instanceof Error ? error.message : String(error);
    console.error(`retain: ${message}`);
    if (!(error instanceof LocalStackError) && env['DEBUG']) console.error(error);
    await stop(1);
  }
};

void main();

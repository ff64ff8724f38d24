import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { Readiness } from '../../../infra/local/readiness.js';
import { readRuleFiles } from '../../../lib/rules/rule-files.js';
import { customerRef } from '../../../lib/profiles/profile-ref.js';
import { PROFILE_SK, profilePk } from '../../../lib/store/keys.js';
import { addDays } from '../../../lib/time/local-date.js';
import { localStackHome, spawnLocalStack, type LocalStackProcess } from '../../support/local-stack-process.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps) await app.stop().catch(() => undefined);
  apps = [];
});

const health = async (url: string) => {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: await bodyOf(response) };
};

describe('GET /health of the local stack', () => {
  it('answers 503 naming the step it waits for, and 200 once every check passes', async () => {
    // Arrange
    const readiness = new Readiness();
    const rules = readiness.step('rules', 'rules/ is not pushed yet');
    const app = await startTestApp({ readiness });
    apps.push(app);
    // Act
    const waiting = await health(app.url);
    rules.done('3 in force');
    const ready = await health(app.url);
    // Assert
    expect(waiting).toMatchObject({ status: 503, body: { status: 'starting', checks: { rules: { ok: false, detail: 'rules/ is not pushed yet' }, table: { ok: true } } } });
    expect(ready).toEqual({
      status: 200,
      body: {
        status: 'ok',
        checks: {
          rules: { ok: true, detail: '3 in force' },
          table: { ok: true, detail: 'the api function reads it' },
          queues: { ok: true, detail: expect.stringContaining('queues') },
          streamConsumers: { ok: true, detail: '1 of 1 running' },
          queueConsumers: { ok: true, detail: '3 of 3 running' },
        },
      },
    });
  });
});

describe('npm start', () => {
  let home: Awaited<ReturnType<typeof localStackHome>>;
  let stack: LocalStackProcess;
  const answers: number[] = [];
  let rulesAtFirst200: unknown[] = [];
  beforeAll(async () => {
    home = await localStackHome();
    stack = spawnLocalStack(home.dataDir, home.ports);
    // Asked from the moment it starts, until the first 200; then what is in force at that moment.
    while (answers.at(-1) !== 200) {
      answers.push(await fetch(`${stack.url}/health`).then((response) => response.status, () => 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    rulesAtFirst200 = (await fetch(`${stack.url}/v1/rules`, { headers: { authorization: `Bearer ${stack.apiKey}` } }).then(bodyOf)).rules;
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
    home?.remove();
  });

  it('says 200 only once the rule library is in force', () => {
    expect(rulesAtFirst200).toHaveLength(readRuleFiles(['rules']).length);
    expect(answers).toContain(503); // it was asked while it was starting
  });

  it('refuses a second npm start on the same DATA_DIR, and the first one serves on', { timeout: 60_000 }, async () => {
    // Arrange
    const other = await localStackHome();
    other.remove();
    // Act
    const second = spawnLocalStack(home.dataDir, other.ports);
    onTestFinished(() => second.dispose());
    const code = await second.exited;
    // Assert
    expect(code).toBe(1);
    expect(second.output()).toContain(`DATA_DIR ${home.dataDir} is in use by another npm start`);
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
  });
});

describe('stopping the local stack', () => {
  it('answers the request in flight, and 503 to one that arrives meanwhile', async () => {
    // Arrange: a request whose headers are in and whose body is still coming
    const app = await startTestApp();
    const event = JSON.stringify({ type: 'identify', messageId: 'in-flight-1', userId: 'in-flight-kim', traits: { name: '김하늘' } });
    const inFlight = httpRequest(`${app.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${app.apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(event), expect: '100-continue' } });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      inFlight.once('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      inFlight.once('error', reject);
    });
    await new Promise((resolve) => inFlight.once('continue', resolve));
    // Act
    const stopped = app.stop();
    const meanwhile = await app.postEvents({ type: 'identify', messageId: 'too-late-1', userId: 'too-late-kim', traits: {} });
    const healthMeanwhile = await health(app.url);
    inFlight.end(event);
    const first = await answered;
    await stopped;
    // Assert
    expect(meanwhile.status).toBe(503);
    expect(meanwhile.headers.get('retry-after')).toBe('5');
    expect(healthMeanwhile).toMatchObject({ status: 503, body: { status: 'stopping' } });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ accepted: 1 });
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
    const stored = await dynamo.send(new GetCommand({ TableName: app.runtime.config.tableName, Key: { pk: profilePk(customerRef(app.workspace, 'in-flight-kim')), sk: PROFILE_SK } }));
    dynamo.destroy();
    expect(stored.Item).toBeDefined();
  });

  it('hands a stream batch that is failing to nobody: the next start reads it again from the checkpoint', async () => {
    // Arrange: evaluation fails and the stream poller is between retries of the batch
    const folder = mkdtempSync(join(tmpdir(), 'retain-checkpoints-'));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const checkpointFile = join(folder, 'stream-checkpoints.json');
    const app = await startTestApp({ checkpointFile, retryDelayMs: 1_000 });
    let failing!: () => void;
    const failed = new Promise<void>((resolve) => (failing = resolve));
    vi.spyOn(app.runtime.eventStats, 'countOnce').mockImplementation(async () => {
      failing();
      // A server fault, as the SDK reports one: transient, so the batch is retried rather than set aside
      throw Object.assign(new Error('stats table unavailable'), { name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
    });
    await app.postEvents({ type: 'page', messageId: 'batch-at-stop-1', userId: 'lee-1', timestamp: new Date().toISOString(), properties: { path: '/' } });
    await failed;
    // Act
    await app.stop();
    const next = await startTestApp({ checkpointFile, tableName: app.runtime.config.tableName, queuePrefix: app.runtime.config.tableName /* the test app names its queues as its table */ });
    apps.push(next);
    await next.drain();
    // Assert
    const today = new Date().toISOString().slice(0, 10);
    const counted = await next.runtime.eventStats.daily(app.workspace, addDays(today, -1), addDays(today, 1));
    expect(counted.flatMap((day) => Object.entries(day.counts))).toEqual([['page_viewed', 1]]);
    const { Attributes } = await next.runtime.sqs.send(new GetQueueAttributesCommand({ QueueUrl: next.queues.evaluateFailures.url, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(Attributes?.['ApproximateNumberOfMessages']).toBe('0');
  });
});

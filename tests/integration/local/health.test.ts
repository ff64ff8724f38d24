import { request as httpRequest } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Readiness } from '../../../infra/local/readiness.js';
import { readRuleFiles } from '../../../lib/rules/rule-files.js';
import { customerRef } from '../../../lib/profiles/profile-ref.js';
import { PROFILE_SK, profilePk } from '../../../lib/store/keys.js';
import { localStackHome, spawnLocalStack, type LocalStackProcess } from '../../support/local-stack-process.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let apps: TestApp[] = [];
let stacks: LocalStackProcess[] = [];
let cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const app of apps) await app.stop().catch(() => undefined);
  for (const stack of stacks) await stack.dispose();
  for (const cleanup of cleanups) cleanup();
  apps = [];
  stacks = [];
  cleanups = [];
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

  it('says 200 from `npm start` only once the rule library is in force', { timeout: 120_000 }, async () => {
    // Arrange
    const home = await localStackHome();
    cleanups.push(home.remove);
    const stack = spawnLocalStack(home.dataDir, home.ports);
    stacks.push(stack);
    const library = readRuleFiles(['rules']).length;
    // Act: the first 200
    const answers: number[] = [];
    while (answers.at(-1) !== 200) {
      answers.push(await fetch(`${stack.url}/health`).then((response) => response.status, () => 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rules = await fetch(`${stack.url}/v1/rules`, { headers: { authorization: `Bearer ${stack.apiKey}` } }).then(bodyOf);
    // Assert
    expect(rules.rules).toHaveLength(library);
    expect(answers).toContain(503); // it was asked while it was starting
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
});

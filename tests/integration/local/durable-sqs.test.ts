import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../infra/local/ports.js';
import { startSqsLocal, type SqsLocal } from '../../../infra/local/sqs-local.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

let dataDir: string;
let servers: SqsLocal[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'retain-sqs-'));
});
afterEach(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

/** The server on `dataDir` with a queue and its DLQ (maxReceiveCount 2), created as `npm start` provisions them on every start. */
const open = async (port = 0) => {
  const server = await startSqsLocal({ port, dataDir });
  servers.push(server);
  const client = new SQSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials });
  const dlq = (await client.send(new CreateQueueCommand({ QueueName: 'work-dlq' }))).QueueUrl!;
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }));
  const queue = (await client.send(new CreateQueueCommand({ QueueName: 'work', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!['QueueArn'], maxReceiveCount: 2 }) } }))).QueueUrl!;
  const receive = async (url = queue): Promise<Message[]> =>
    (await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }))).Messages ?? [];
  const counts = async (url = queue) => {
    const { Attributes: attributes = {} } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
    );
    return { visible: Number(attributes['ApproximateNumberOfMessages']), inFlight: Number(attributes['ApproximateNumberOfMessagesNotVisible']), delayed: Number(attributes['ApproximateNumberOfMessagesDelayed']) };
  };
  const send = async (body: string, extra: { DelaySeconds?: number } = {}) =>
    (await client.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: body, MessageAttributes: { kind: { DataType: 'String', StringValue: body } }, ...extra }))).MessageId!;
  return { server, client, queue, dlq, receive, counts, send };
};

describe('the local SQS server on a data folder', () => {
  it('keeps every message across a stop: bodies, ids, attributes, delays, receive counts and backoffs; consumed ones stay gone', async () => {
    // Arrange
    const before = await open();
    const kept = await before.send('kept');
    await before.send('delayed', { DelaySeconds: 600 });
    await before.send('consumed');
    await before.send('backed-off');
    await before.send('in-flight');
    for (const message of await before.receive()) {
      if (message.Body === 'consumed') await before.client.send(new DeleteMessageCommand({ QueueUrl: before.queue, ReceiptHandle: message.ReceiptHandle! }));
      if (message.Body === 'backed-off') await before.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: before.queue, ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 600 }));
      if (message.Body === 'kept') await before.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: before.queue, ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 }));
    }
    // Act
    await before.server.stop();
    const after = await open();
    // Assert: the kept and in-flight ones are visible at once (their consumer is gone), the others wait as they did
    expect(await after.counts()).toEqual({ visible: 2, inFlight: 0, delayed: 2 });
    const received = await after.receive();
    expect(received.map((message) => [message.Body, message.Attributes?.['ApproximateReceiveCount'], message.MessageAttributes?.['kind']?.StringValue]).sort()).toEqual([
      ['in-flight', '2', 'in-flight'],
      ['kept', '2', 'kept'],
    ]);
    expect(received.find((message) => message.Body === 'kept')?.MessageId).toBe(kept);
  });

  it('keeps a message that the redrive policy moved to the dead-letter queue there', async () => {
    // Arrange: received twice without being deleted, so the third receive moves it
    const before = await open();
    await before.send('poison');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [message] = await before.receive();
      await before.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: before.queue, ReceiptHandle: message!.ReceiptHandle!, VisibilityTimeout: 0 }));
    }
    expect(await before.receive()).toEqual([]);
    // Act
    await before.server.stop();
    const after = await open();
    // Assert
    expect(await after.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect((await after.receive(after.dlq)).map((message) => message.Body)).toEqual(['poison']);
  });

  it('keeps every acknowledged message when the process is killed, and skips a line the kill cut short', { timeout: 30_000 }, async () => {
    // Arrange: the server in a process of its own
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { startSqsLocal } from './infra/local/sqs-local.ts'; await startSqsLocal({ port: ${port}, dataDir: ${JSON.stringify(dataDir)} }); console.log('up');`],
      { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    const client = new SQSClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials });
    const queue = (await client.send(new CreateQueueCommand({ QueueName: 'work' }))).QueueUrl!;
    const sent = [];
    for (let index = 0; index < 20; index += 1) sent.push((await client.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: `m-${index}` }))).MessageId!);
    // Act
    child.kill('SIGKILL');
    await exited;
    client.destroy();
    appendFileSync(join(dataDir, 'sqs-journal.ndjson'), '{"op":"put","queue":"work","mess');
    const after = await open();
    // Assert
    const received: Message[] = [];
    for (let batch = await after.receive(after.queue); batch.length > 0; batch = await after.receive(after.queue)) received.push(...batch);
    expect(received.map((message) => message.MessageId).sort()).toEqual([...sent].sort());
  });
});

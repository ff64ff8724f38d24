import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Reads what sits in a queue (for dead-letter and failure queues), waiting up to `timeoutMs` for `count` messages. */
export const receiveAll = async (client: SQSClient, queueUrl: string, count: number, timeoutMs = 30_000): Promise<unknown[]> => {
  const bodies: unknown[] = [];
  const deadline = Date.now() + timeoutMs;
  while (bodies.length < count && Date.now() < deadline) {
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 300 }));
    bodies.push(...Messages.map((message) => JSON.parse(message.Body ?? 'null')));
  }
  return bodies;
};

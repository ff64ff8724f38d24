import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, QUEUES, SCHEDULES } from '../../infra/resources.js';
import { arnOf, logicalIdOf, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';

const FOURTEEN_DAYS = 14 * 24 * 60 * 60;
const queueEntries = Object.entries(QUEUES);

describe('the queues', () => {
  let real: Synthesized;

  // Arrange + Act once per file; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const queueResource = (key: string) => real.template.toJSON()['Resources'][logicalIdOf(real.stack.queues[key]!.queue)];
  const dlqResource = (key: string) => real.template.toJSON()['Resources'][logicalIdOf(real.stack.queues[key]!.deadLetterQueue)];

  it.each(queueEntries)('%s is named <stack>-<name>, its DLQ <stack>-<name>-dlq', (key, definition) => {
    expect(queueResource(key).Properties.QueueName).toBe(`Retain-${definition.name}`);
    expect(dlqResource(key).Properties.QueueName).toBe(`Retain-${definition.name}-dlq`);
  });

  it.each(queueEntries)('%s moves a message to its DLQ after maxReceiveCount deliveries', (key, definition) => {
    expect(queueResource(key).Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: arnOf(real.stack.queues[key]!.deadLetterQueue),
      maxReceiveCount: definition.maxReceiveCount,
    });
  });

  it.each(queueEntries)("%s's DLQ keeps messages for 14 days", (key) => {
    expect(dlqResource(key).Properties.MessageRetentionPeriod).toBe(FOURTEEN_DAYS);
  });

  it.each(queueEntries)('%s hides a received message for at least its definition and 6× its consumer timeout', (key, definition) => {
    const consumer = Object.values(FUNCTIONS).find((fn) => 'queue' in fn && fn.queue.queue === key);

    const visibility = queueResource(key).Properties.VisibilityTimeout as number;

    expect(visibility).toBeGreaterThanOrEqual(definition.visibilityTimeoutSeconds);
    expect(visibility).toBeGreaterThanOrEqual(6 * (consumer?.timeoutSeconds ?? 0));
  });

  it('gives the ingest-retry queue 6× the ingest-retry function timeout when that is longer', () => {
    expect(queueResource('ingestRetry').Properties.VisibilityTimeout).toBe(Math.max(QUEUES.ingestRetry.visibilityTimeoutSeconds, 6 * FUNCTIONS.ingestRetry.timeoutSeconds));
  });

  it('encrypts every queue, DLQs included, with SQS-managed keys', () => {
    const queues = Object.values(real.template.findResources('AWS::SQS::Queue'));

    // Each queue and its DLQ, and the schedules' failure queue.
    expect(queues.length).toBe(2 * queueEntries.length + (Object.keys(SCHEDULES).length > 0 ? 1 : 0));
    for (const queue of queues) expect(queue['Properties'].SqsManagedSseEnabled).toBe(true);
  });

  it('refuses requests without TLS on every queue, DLQs included', () => {
    const queueIds = Object.keys(real.template.findResources('AWS::SQS::Queue'));

    for (const queueId of queueIds) {
      real.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

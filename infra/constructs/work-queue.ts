import { Duration, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../resources.js';

/** How long a dead letter waits for someone to look at it: SQS's maximum. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * AWS asks for a visibility timeout of at least six times the consuming function's
 * timeout, so a batch that is retried after throttling is not redelivered while a slow
 * invocation still holds it. The definition's own value is kept when it is larger.
 */
export const visibilityTimeoutSeconds = (definition: QueueDefinition, consumerTimeoutSeconds?: number): number =>
  Math.max(definition.visibilityTimeoutSeconds, 6 * (consumerTimeoutSeconds ?? 0));

/** The settings every Retain queue shares: encrypted at rest, TLS only. */
export const secureQueueProps = {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies sqs.QueueProps;

export interface WorkQueueProps {
  definition: QueueDefinition;
  /** Timeout of the function that consumes the queue, if one does. */
  consumerTimeoutSeconds?: number;
}

/**
 * One queue of `resources.ts` and its dead-letter queue, named `<stack>-<name>` as the
 * definition promises. A message moves to the DLQ after `maxReceiveCount` deliveries.
 */
export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const name = `${Stack.of(this).stackName}-${props.definition.name}`;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...secureQueueProps,
      queueName: `${name}-dlq`,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...secureQueueProps,
      queueName: name,
      visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(props.definition, props.consumerTimeoutSeconds)),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.definition.maxReceiveCount },
    });
  }
}

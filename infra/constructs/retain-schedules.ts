import { Aws, Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../resources.js';
import { acknowledge, defaultPolicyOf } from './acknowledge.js';
import { pascalCase } from './names.js';
import { DEAD_LETTER_RETENTION, secureQueueProps } from './work-queue.js';

/**
 * Retries while Lambda cannot be invoked. A run that is still undelivered after an hour
 * goes to the failure queue: scheduled handlers catch up on missed runs, and the queue
 * keeps the evidence.
 */
export const SCHEDULE_RETRY = { retryAttempts: 3, maxEventAge: Duration.hours(1) };
/** Scheduler invokes asynchronously; a handler that fails gets Lambda's two async retries. */
export const ASYNC_RETRY = { retryAttempts: 2, maxEventAge: Duration.hours(1) };

export interface RetainSchedulesProps {
  schedules: Record<string, ScheduleDefinition>;
  functions: Record<string, lambda.IFunction>;
}

/**
 * The EventBridge Scheduler schedules of `resources.ts` (expressions in UTC, as the local
 * harness reads them). Each invokes its function with `{ schedule, scheduledTime }`
 * (lib/time/scheduled-invocation.ts), the time filled in by Scheduler. Runs that could
 * not be delivered, and runs whose handler kept failing, land in one failure queue.
 */
export class RetainSchedules extends Construct {
  readonly failureQueue: sqs.Queue;
  readonly schedules: Record<string, Schedule> = {};

  constructor(scope: Construct, id: string, props: RetainSchedulesProps) {
    super(scope, id);
    this.failureQueue = new sqs.Queue(this, 'FailureQueue', {
      ...secureQueueProps,
      queueName: `${Stack.of(this).stackName}-schedule-failures`,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    acknowledge(
      this.failureQueue,
      'AwsSolutions-SQS3',
      "This queue is itself the dead-letter queue of the schedules (Scheduler's DLQ and the targets' async on-failure destination); nothing consumes it, so a dead-letter queue behind it would never receive anything.",
    );

    const roles = new Map<string, iam.Role>();
    for (const [name, definition] of Object.entries(props.schedules)) {
      let role = roles.get(definition.target);
      if (!role) {
        role = this.invokerRole(definition.target);
        roles.set(definition.target, role);
      }
      // The shape of ScheduledInvocation (lib/time/scheduled-invocation.ts), which the handlers parse.
      const input = { schedule: name, scheduledTime: ContextAttribute.scheduledTime };
      this.schedules[name] = new Schedule(this, pascalCase(name), {
        schedule: ScheduleExpression.expression(definition.expression),
        description: definition.description,
        target: new LambdaInvoke(props.functions[definition.target]!, {
          input: ScheduleTargetInput.fromObject(input),
          role,
          deadLetterQueue: this.failureQueue,
          ...SCHEDULE_RETRY,
        }),
      });
    }

    for (const [target, role] of roles) {
      const functionId = Stack.of(this).getLogicalId(props.functions[target]!.node.defaultChild as CfnElement);
      acknowledge(
        defaultPolicyOf(role),
        `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
        "LambdaInvoke grants lambda:InvokeFunction on the target function and on <function ARN>:*, its own versions and aliases; the wildcard reaches no other function, and the role can only be assumed by this account's default schedule group.",
      );
    }

    const targets = new Set(Object.values(props.schedules).map((definition) => definition.target));
    for (const target of targets) {
      props.functions[target]!.configureAsyncInvoke({ ...ASYNC_RETRY, onFailure: new SqsDestination(this.failureQueue) });
    }
  }

  /**
   * The role Scheduler assumes to invoke one function, trusted only for schedules of this
   * account's default group (the confused-deputy conditions CDK's own role would carry).
   */
  private invokerRole(target: string): iam.Role {
    const stack = Stack.of(this);
    return new iam.Role(this, `${pascalCase(target)}InvokerRole`, {
      description: `EventBridge Scheduler invokes the ${target} function`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });
  }
}

import { beforeAll, describe, expect, it } from 'vitest';
import { ASYNC_RETRY, SCHEDULE_RETRY } from '../../infra/constructs/retain-schedules.js';
import { actionsOf, arnOf, logicalIdOf, resourcesOf, statementsOfRole, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';
import { SCHEDULES } from '../../infra/resources.js';
import { SWEEP_SCHEDULE, withSchedules } from './support/variants.js';

describe('the schedules', () => {
  let variant: Synthesized;

  // Arrange + Act once per file: resources.ts has no schedule yet, so a variant with one.
  beforeAll(() => {
    variant = synthRetain({ definitions: withSchedules({ sweepTimers: SWEEP_SCHEDULE }), bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const schedule = () => {
    const schedules = Object.values(variant.template.findResources('AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(1);
    return schedules[0]!['Properties'];
  };
  const target = () => variant.stack.functions[SWEEP_SCHEDULE.target]!.function;
  const failureQueue = () => variant.stack.schedules!.failureQueue;

  it('run on the expression of resources.ts, in UTC as the local harness reads it', () => {
    expect(schedule()).toMatchObject({ ScheduleExpression: SWEEP_SCHEDULE.expression, ScheduleExpressionTimezone: 'Etc/UTC', State: 'ENABLED' });
  });

  it('invoke their target function', () => {
    expect(schedule().Target.Arn).toEqual(arnOf(target()));
  });

  it('pass the schedule name and the scheduled time Scheduler fills in', () => {
    expect(JSON.parse(schedule().Target.Input)).toEqual({ schedule: 'sweepTimers', scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  it('retry a run that cannot be delivered', () => {
    expect(schedule().Target.RetryPolicy).toEqual({
      MaximumRetryAttempts: SCHEDULE_RETRY.retryAttempts,
      MaximumEventAgeInSeconds: SCHEDULE_RETRY.maxEventAge.toSeconds(),
    });
  });

  it('send undeliverable runs to a dead-letter queue', () => {
    expect(schedule().Target.DeadLetterConfig).toEqual({ Arn: arnOf(failureQueue()) });
  });

  it('keep dead letters 14 days, encrypted, TLS only', () => {
    variant.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Retain-schedule-failures', MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    variant.template.hasResourceProperties('AWS::SQS::QueuePolicy', { Queues: [{ Ref: logicalIdOf(failureQueue()) }] });
  });

  it('send runs whose handler kept failing to the same queue', () => {
    variant.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(target()) },
      MaximumRetryAttempts: ASYNC_RETRY.retryAttempts,
      DestinationConfig: { OnFailure: { Destination: arnOf(failureQueue()) } },
    });
  });

  it("assume a role that may invoke the target (and its versions) and write to the failure queue, nothing else", () => {
    const roleId = (schedule().Target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    const statements = statementsOfRole(variant.template, roleId);

    expect(statements.map((statement) => actionsOf(statement))).toEqual([['lambda:InvokeFunction'], ['sqs:SendMessage']]);
    expect(resourcesOf(statements[0]!)).toEqual([arnOf(target()), { 'Fn::Join': ['', [arnOf(target()), ':*']] }]);
    expect(resourcesOf(statements[1]!)).toEqual([arnOf(failureQueue())]);
  });

  it("trust only Scheduler acting for this account's default schedule group", () => {
    const roleId = (schedule().Target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    const trust = variant.template.toJSON()['Resources'][roleId].Properties.AssumeRolePolicyDocument.Statement[0];

    expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(Object.keys(trust.Condition.StringEquals).sort()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
  });
});

describe('the schedules of resources.ts', () => {
  let real: Synthesized;

  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const deployed = () => Object.values(real.template.findResources('AWS::Scheduler::Schedule')).map((resource) => resource['Properties']);

  it('are one EventBridge schedule each', () => {
    real.template.resourceCountIs('AWS::Scheduler::Schedule', Object.keys(SCHEDULES).length);
  });

  it.each(Object.entries(SCHEDULES))('%s runs on its expression and invokes its target with its name', (name, definition) => {
    const schedule = deployed().find((properties) => JSON.parse(properties.Target.Input).schedule === name);

    expect(schedule).toMatchObject({ ScheduleExpression: definition.expression, ScheduleExpressionTimezone: 'Etc/UTC' });
    expect(schedule.Target.Arn).toEqual(arnOf(real.stack.functions[definition.target]!.function));
    expect(schedule.Target.DeadLetterConfig).toEqual({ Arn: arnOf(real.stack.schedules!.failureQueue) });
  });

  it('sweep due timers every minute', () => {
    expect(SCHEDULES['sweepTimers']).toMatchObject({ expression: 'rate(1 minute)', target: 'sweepTimers' });
  });

  it('run scheduled rules at least every quarter hour', () => {
    expect(SCHEDULES['runSchedules']).toMatchObject({ expression: 'cron(0/15 * * * ? *)', target: 'runSchedules' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRetainApp } from '../../infra/retain-app.js';
import { SCHEDULES } from '../../infra/resources.js';
import { logicalIdOf, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';
import { ANCHOR_INDEX, DUE_INDEX, SWEEP_SCHEDULE, withIndexes } from './support/variants.js';

/**
 * cdk-nag 3 runs as a CDK validation plugin: it reports to the cloud assembly's
 * validation report (and fails synthesis on errors) instead of adding annotations.
 * These tests read what it reports; `validateScope` is the plugin's own entry point
 * for tests and honours the same acknowledgements.
 */
const findings = (synthesized: Synthesized, severity: 'error' | 'warning') =>
  new AwsSolutionsChecks()
    .validateScope(synthesized.app)
    .violations.filter((violation) => violation.severity === severity)
    .map((violation) => `${violation.ruleName} at ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`);

interface Acknowledgement {
  id: string;
  reason: string;
}

describe('cdk-nag AwsSolutions on the stack', () => {
  let real: Synthesized;

  // Arrange + Act once per file, bundled exactly as `cdk synth` does; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain();
  }, SYNTH_TIMEOUT_MS);

  it('finds no unacknowledged error', () => {
    expect(findings(real, 'error')).toEqual([]);
  });

  it('finds no unacknowledged warning', () => {
    expect(findings(real, 'warning')).toEqual([]);
  });

  it('leaves no violation in the validation report of the cloud assembly, which `cdk synth` prints', () => {
    const report = JSON.parse(readFileSync(join(real.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; violations: unknown[] }>;
    };

    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
  });

  // cdk-nag 2 reported through annotations; version 3 does not, so this alone would prove
  // little. It stays so that a return to annotations (or a second pack using them) is caught.
  it('adds no AwsSolutions error or warning annotation to the stack', () => {
    const annotations = Annotations.fromStack(real.stack);

    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('gives every acknowledgement in the template a reason of at least a sentence', () => {
    const resources = Object.entries(real.template.toJSON()['Resources'] as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: Acknowledgement[] } } }>);

    const acknowledgements = resources.flatMap(([id, resource]) => (resource.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((rule) => ({ resource: id, ...rule })));
    const tooShort = acknowledgements.filter(({ reason }) => reason.trim().split(/\s+/).length < 12 || !/[.!?]$/.test(reason.trim()));

    expect(acknowledgements.length).toBeGreaterThan(0);
    expect(tooShort).toEqual([]);
  });

  it('acknowledges only the rules it has reasons for', () => {
    const resources = Object.values(real.template.toJSON()['Resources'] as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: Acknowledgement[] } } }>);

    const ids = new Set(resources.flatMap((resource) => (resource.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((rule) => rule.id)));

    // The table's own indexes, and each schedule target's versions (<function ARN>:*), are the only wildcards; the schedule failure queue is itself a DLQ.
    const tableId = logicalIdOf(real.stack.table);
    const scheduleTargets = [...new Set(Object.values(SCHEDULES).map((schedule) => schedule.target))].map((key) => logicalIdOf(real.stack.functions[key]!.function));
    expect([...ids].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
        ...scheduleTargets.map((id) => `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`),
        'AwsSolutions-L1',
        'AwsSolutions-SMG4',
        'AwsSolutions-SQS3',
      ].sort(),
    );
  });
});

describe('cdk-nag AwsSolutions in the app', () => {
  it('fails synthesis on a finding nobody acknowledged', () => {
    const { app, stack } = createRetainApp({ appProps: { context: { 'aws:cdk:bundling-stacks': [] } } });
    new sqs.Queue(stack, 'QueueWithoutDeadLetters', { enforceSSL: true });

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  }, SYNTH_TIMEOUT_MS);
});

describe('cdk-nag AwsSolutions on a stack with indexes, a schedule and an imported secret', () => {
  let variant: Synthesized;

  beforeAll(() => {
    variant = synthRetain({
      definitions: { ...withIndexes(DUE_INDEX, ANCHOR_INDEX), schedules: { sweepTimers: SWEEP_SCHEDULE } },
      secretName: 'retain/workspaces',
      bundle: false,
    });
  }, SYNTH_TIMEOUT_MS);

  it('finds no unacknowledged error', () => {
    expect(findings(variant, 'error')).toEqual([]);
  });

  it('finds no unacknowledged warning', () => {
    expect(findings(variant, 'warning')).toEqual([]);
  });
});

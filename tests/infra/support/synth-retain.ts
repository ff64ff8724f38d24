import { readFileSync } from 'node:fs';
import type { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { createRetainApp } from '../../../infra/retain-app.js';
import type { RetainDefinitions } from '../../../infra/retain-definitions.js';
import type { RetainStack } from '../../../infra/retain-stack.js';

/** For `beforeAll`: bundling four functions takes longer than vitest's default hook timeout. */
export const SYNTH_TIMEOUT_MS = 180_000;

export interface SynthOptions {
  definitions?: RetainDefinitions;
  secretName?: string;
  context?: Record<string, unknown>;
  /**
   * Run esbuild for every function (default). Tests about the template's shape can skip it:
   * CDK's `aws:cdk:bundling-stacks` context leaves everything but the asset hash unchanged.
   */
  bundle?: boolean;
}

export interface Synthesized {
  app: App;
  stack: RetainStack;
  template: Template;
  /** The cloud assembly directory (templates, assets, validation-report.json). */
  outdir: string;
}

/** The feature flags of cdk.json, which the CLI passes to the app and a test must pass itself. */
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

/** The app `cdk synth` builds (cdk-nag included), synthesized: it throws on any unacknowledged nag error. */
export const synthRetain = (options: SynthOptions = {}): Synthesized => {
  const context = { ...CDK_JSON_CONTEXT, ...options.context, ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}) };
  const { app, stack } = createRetainApp({
    appProps: { context },
    ...(options.definitions ? { definitions: options.definitions } : {}),
    ...(options.secretName ? { secretName: options.secretName } : {}),
  });
  const assembly = app.synth();
  return { app, stack, template: Template.fromStack(stack), outdir: assembly.directory };
};

/** The logical id of a construct's CloudFormation resource (or of the resource itself). */
export const logicalIdOf = (construct: IConstruct): string => {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return element.stack.getLogicalId(element);
};

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
export const resourcesOf = (statement: Statement): unknown[] => [statement.Resource].flat();

/** Every statement of every inline policy attached to the role. */
export const statementsOfRole = (template: Template, roleLogicalId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy['Properties'].Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })))
    .flatMap((policy) => policy['Properties'].PolicyDocument.Statement as Statement[]);

/** The statements of one function's role (`stack.functions[key]`). */
export const statementsOfFunction = (synthesized: Synthesized, key: string): Statement[] =>
  statementsOfRole(synthesized.template, logicalIdOf(synthesized.stack.functions[key]!.role));

/** `{ "Fn::GetAtt": [id, "Arn"] }`, how the template names a resource's ARN. */
export const arnOf = (construct: IConstruct, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalIdOf(construct), attribute] });

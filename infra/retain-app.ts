import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { RetainDefinitions } from './retain-definitions.js';
import { RetainStack } from './retain-stack.js';

export interface RetainAppOptions {
  appProps?: AppProps;
  definitions?: RetainDefinitions;
  /** An existing workspace secret; defaults to the `secretName` context value (`cdk deploy -c secretName=…`). */
  secretName?: string;
  stackName?: string;
}

/**
 * The CDK app with the Retain stack and cdk-nag's AwsSolutions checks, which run during
 * synthesis and fail it on any unacknowledged error. The app is the same for
 * `cdk synth` and the infra tests, so the tests check what gets deployed.
 */
export const createRetainApp = (options: RetainAppOptions = {}): { app: App; stack: RetainStack } => {
  const app = new App(options.appProps);
  const secretName = options.secretName ?? (app.node.tryGetContext('secretName') as string | undefined);
  // Environment-agnostic on purpose: synthesis needs no credentials and does no lookups.
  const stack = new RetainStack(app, options.stackName ?? 'Retain', {
    description: 'Retain: serverless retention-marketing engine (events, profiles, rules, consented sends)',
    ...(options.definitions ? { definitions: options.definitions } : {}),
    ...(secretName ? { secretName } : {}),
  });
  // Acknowledged rules are also written into the template's metadata, as an audit trail.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return { app, stack };
};

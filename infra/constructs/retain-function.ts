import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../resources.js';
import { acknowledge } from './acknowledge.js';

/** The runtime Retain is built and tested for (DESIGN.md, "Versions known to work here"). */
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

/** esbuild's ESM output has no `require`; CommonJS dependencies that call it need one. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface RetainFunctionProps {
  definition: FunctionDefinition;
  /** Absolute path of the repository: `definition.entry` and the lock file are relative to it. */
  repoRoot: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
}

/**
 * One function of `resources.ts`: bundled locally with esbuild as an ES module, with its
 * own log group and its own role. The role starts with nothing but writing to that log
 * group (instead of AWSLambdaBasicExecutionRole, which allows every log group in the
 * account); the stack adds exactly the grants the definition asks for.
 */
export class RetainFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RetainFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: props.logRetention });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      // Not the definition's description: IAM accepts only Latin-1 there, Lambda any text.
      description: `Execution role of the Retain ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.repoRoot, definition.entry),
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: join(props.repoRoot, 'package-lock.json'),
      description: definition.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memorySize,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Maps keep file and line numbers; the sources themselves would only make the zip bigger.
        sourcesContent: false,
        // The SDK versions package-lock.json pins, not whichever the runtime happens to carry.
        bundleAwsSDK: true,
      },
    });

    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'The runtime is pinned to nodejs22.x on purpose: Retain and its pinned dependencies are built and tested for Node 22 (DESIGN.md), so moving to a newer runtime is a deliberate upgrade with its own test run, not something a deploy should do silently.',
    );
  }
}

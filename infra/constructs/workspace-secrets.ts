import { RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge, defaultPolicyOf } from './acknowledge.js';

export interface WorkspaceSecretsProps {
  /** An existing secret to use instead of creating one. */
  secretName?: string;
}

/**
 * The Secrets Manager document `{ "workspaces": { "<id>": { "apiKey", "shopifySecret", "shopifyShopDomains", … } } }`
 * (lib/workspaces/workspace-secrets.ts) the HTTP functions authenticate against.
 *
 * Either an existing secret, by name, or a new one. A new one starts as
 * `{ "workspaces": {} }`: nobody can call the API until an operator writes the real
 * document (`aws secretsmanager put-secret-value`). CloudFormation can only generate a
 * top-level key, so the generated value sits under `placeholder`, which the document
 * schema ignores; the template never carries a secret value.
 */
export class WorkspaceSecrets extends Construct {
  readonly secret: secretsmanager.ISecret;
  /** What the functions get in RETAIN_SECRETS_NAME: any SecretId works for GetSecretValue. */
  readonly secretId: string;
  /** Set when the secret was imported: a grant on it is a `<name>-??????` ARN pattern. */
  readonly importedName?: string;

  constructor(scope: Construct, id: string, props: WorkspaceSecretsProps = {}) {
    super(scope, id);
    if (props.secretName) {
      this.secret = secretsmanager.Secret.fromSecretNameV2(this, 'Secret', props.secretName);
      this.secretId = props.secretName;
      this.importedName = props.secretName;
      return;
    }
    const secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Retain workspace credentials: API keys and shop webhook secrets per workspace',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ workspaces: {} }),
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
      // Shops' webhook secrets and issued API keys cannot be regenerated if the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.secret = secret;
    // The full ARN: a generated name ends in a random suffix that GetSecretValue may misread.
    this.secretId = secret.secretArn;
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'No automatic rotation: the document holds webhook secrets issued by Shopify, Cafe24 and shopby, which are rotated on those platforms and then written here, and the API keys Retain hands to each shop, which are rotated together with the shop; a rotation Lambda could change neither side safely.',
    );
  }

  /** Read access for one function's role (GetSecretValue, DescribeSecret). */
  grantRead(role: iam.Role): void {
    this.secret.grantRead(role);
    if (this.importedName === undefined) return;
    acknowledge(
      defaultPolicyOf(role),
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${this.importedName}-??????]`,
      'An imported secret is known by name only, and Secrets Manager appends six random characters to every secret ARN, so the grant can only name it as <name>-??????, which matches this one secret.',
    );
  }
}

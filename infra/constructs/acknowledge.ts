import { Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag finding on one CloudFormation resource (the construct's default
 * child), not on a whole subtree, so the `cdk_nag` metadata in the template names
 * exactly the resource the reason is about.
 */
export const acknowledge = (construct: IConstruct, id: string, reason: string): void => {
  Validations.of(construct.node.defaultChild ?? construct).acknowledge({ id, reason });
};

/** The inline policy grants add statements to (`<role>/DefaultPolicy`). */
export const defaultPolicyOf = (role: iam.Role): IConstruct => role.node.findChild('DefaultPolicy');

import { Stack, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { FunctionDefinition } from '../resources.js';
import { acknowledge, defaultPolicyOf } from './acknowledge.js';

/**
 * Item actions per access level. These are CDK's grantReadData / grantWriteData lists
 * minus two kinds of extra: dynamodb:GetRecords and GetShardIterator, which
 * grantReadData adds although they belong to the stream (only stream consumers get them,
 * through grantStreamRead), and dynamodb:DescribeTable, which no handler calls.
 * Transactions need no action of their own: TransactWriteItems is authorised per item
 * as PutItem / UpdateItem / DeleteItem / ConditionCheckItem.
 */
export const TABLE_ACTIONS: Record<FunctionDefinition['table'], string[]> = {
  read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem'],
  write: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  'read-write': [
    'dynamodb:BatchGetItem',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
};

/** Grants the definition's access level on the table, and on its indexes when it has any. */
export const grantTableAccess = (table: dynamodb.Table, role: iam.Role, access: FunctionDefinition['table'], hasIndexes: boolean): iam.Grant => {
  const grant = table.grant(role, ...TABLE_ACTIONS[access]);
  if (hasIndexes) {
    const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
    acknowledge(
      defaultPolicyOf(role),
      `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      "The wildcard is the table's own indexes (<table ARN>/index/*): the same item actions on this table's GSIs, which date-anchored rules and the timer sweep query; no other table is reachable.",
    );
  }
  return grant;
};

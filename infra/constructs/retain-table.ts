import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { KeyAttribute } from '../resources.js';
import type { TableDefinition } from '../retain-definitions.js';

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
});

/**
 * The one table: profiles, events, timers, ledgers and rules (DESIGN.md, "Data").
 * It holds customers' history and consent records, so it is kept when the stack goes
 * (RETAIN + deletion protection) and can be restored to any second of the last 35 days.
 * Encrypted with the AWS-managed key (aws/dynamodb): key use is auditable in CloudTrail
 * without a key policy to maintain or kms:Decrypt grants for every reader and the stream.
 */
export const createTable = (scope: Construct, definition: TableDefinition): dynamodb.Table => {
  const table = new dynamodb.Table(scope, definition.id, {
    partitionKey: attribute(definition.partitionKey),
    sortKey: attribute(definition.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    timeToLiveAttribute: definition.timeToLiveAttribute,
    stream: dynamodb.StreamViewType[definition.streamView],
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
  });
  for (const index of definition.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      // Index queries find keys (who is due today); items are read from the table only when needed.
      ...(index.include
        ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: index.include }
        : { projectionType: dynamodb.ProjectionType.KEYS_ONLY }),
    });
  }
  return table;
};

import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../infra/resources.js';
import { synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';
import { ANCHOR_INDEX, DUE_INDEX, withIndexes } from './support/variants.js';

describe('the table', () => {
  let real: Synthesized;

  // Arrange + Act once per file (synthesis is the slow part); each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('is billed on demand', () => {
    real.template.hasResourceProperties('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST' });
  });

  it('has point-in-time recovery', () => {
    real.template.hasResourceProperties('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
  });

  it('is encrypted with the AWS-managed KMS key', () => {
    // SSEEnabled without a key id is the aws/dynamodb key (false or absent would be the AWS-owned key).
    real.template.hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() } });
  });

  it('expires items on the TTL attribute of resources.ts', () => {
    real.template.hasResourceProperties('AWS::DynamoDB::Table', { TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true } });
  });

  it('streams the view resources.ts asks for', () => {
    real.template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: TABLE.streamView } });
  });

  it('has the partition and sort keys of resources.ts', () => {
    real.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE.partitionKey.name, AttributeType: TABLE.partitionKey.type },
        { AttributeName: TABLE.sortKey.name, AttributeType: TABLE.sortKey.type },
      ]),
    });
  });

  it('is kept, and protected from deletion, when the stack goes', () => {
    real.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('has exactly the indexes of resources.ts', () => {
    const table = Object.values(real.template.findResources('AWS::DynamoDB::Table'))[0]!;

    expect(table['Properties'].GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(TABLE.indexes.map((index) => index.name));
  });

  it.each(TABLE.indexes)('has the $name index with its keys and projection', (index) => {
    real.template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.include } : { ProjectionType: 'KEYS_ONLY' },
        },
      ]),
    });
  });

  it('has the due-timer index the sweep needs, a date-anchor index per anchor and the profile list segments walk', () => {
    expect(TABLE.indexes.map((index) => index.name)).toEqual(
      expect.arrayContaining(['timers-due', 'anchor-signup', 'anchor-first-order', 'anchor-last-order', 'anchor-last-visit', 'cycle-due', 'profile-list']),
    );
  });
});

describe('the table with indexes defined', () => {
  let variant: Synthesized;

  beforeAll(() => {
    variant = synthRetain({ definitions: withIndexes(DUE_INDEX, ANCHOR_INDEX), bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('projects only the keys into an index without `include`', () => {
    variant.template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: DUE_INDEX.name,
          KeySchema: [
            { AttributeName: DUE_INDEX.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: DUE_INDEX.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ]),
    });
  });

  it('projects the listed attributes into an index with `include`', () => {
    variant.template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: ANCHOR_INDEX.name, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ANCHOR_INDEX.include } }),
      ]),
    });
  });

  it('declares the index key attributes with their types', () => {
    variant.template.hasResourceProperties('AWS::DynamoDB::Table', {
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: DUE_INDEX.sortKey.name, AttributeType: 'S' },
        { AttributeName: ANCHOR_INDEX.sortKey.name, AttributeType: 'N' },
      ]),
    });
  });
});

import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QUEUES, TABLE, type IndexDefinition, type QueueKey } from '../resources.js';

const indexOf = (index: IndexDefinition): GlobalSecondaryIndex => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
    { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
  ],
  Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.include } : { ProjectionType: 'KEYS_ONLY' },
});

/** The table of `resources.ts` as a CreateTable request. */
export const createTableInput = (tableName: string): CreateTableCommandInput => {
  const attributes = new Map<string, AttributeDefinition>();
  for (const key of [TABLE.partitionKey, TABLE.sortKey, ...TABLE.indexes.flatMap((index) => [index.partitionKey, index.sortKey])]) {
    attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: [
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamView },
    ...(TABLE.indexes.length > 0 ? { GlobalSecondaryIndexes: TABLE.indexes.map(indexOf) } : {}),
  };
};

/**
 * Creates the table (or adds indexes a newer version defines to a table kept in DATA_DIR)
 * and returns its stream ARN.
 */
export const provisionTable = async (client: DynamoDBClient, tableName: string): Promise<string> => {
  const existing = await client.send(new DescribeTableCommand({ TableName: tableName })).catch((error: Error) => {
    if (error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  });
  if (!existing) {
    const created = await client.send(new CreateTableCommand(createTableInput(tableName)));
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true } }));
    return created.TableDescription!.LatestStreamArn!;
  }
  const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const input = createTableInput(tableName);
  for (const index of TABLE.indexes.filter((candidate) => !present.has(candidate.name))) {
    await client.send(new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: input.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: indexOf(index) }] }));
  }
  return existing.Table!.LatestStreamArn!;
};

export interface ProvisionedQueue {
  url: string;
  arn: string;
  dlqUrl: string;
}

/** Creates each queue of `resources.ts` with its dead-letter queue and redrive policy. */
export const provisionQueues = async (client: SQSClient, prefix: string): Promise<Record<QueueKey, ProvisionedQueue>> => {
  const queues = {} as Record<QueueKey, ProvisionedQueue>;
  for (const [key, definition] of Object.entries(QUEUES) as Array<[QueueKey, (typeof QUEUES)[QueueKey]]>) {
    const dlq = await createQueue(client, `${prefix}-${definition.name}-dlq`, { MessageRetentionPeriod: String(14 * 24 * 60 * 60) });
    const queue = await createQueue(client, `${prefix}-${definition.name}`, {
      VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: definition.maxReceiveCount }),
    });
    queues[key] = { url: queue.url, arn: queue.arn, dlqUrl: dlq.url };
  }
  return queues;
};

const createQueue = async (client: SQSClient, name: string, attributes: Record<string, string>) => {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!['QueueArn']! };
};

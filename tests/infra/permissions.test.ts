import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACTIONS } from '../../infra/constructs/table-access.js';
import { FUNCTIONS, SCHEDULES, TABLE, type FunctionDefinition } from '../../infra/resources.js';
import {
  actionsOf,
  arnOf,
  logicalIdOf,
  resourcesOf,
  statementsOfFunction,
  synthRetain,
  SYNTH_TIMEOUT_MS,
  type Statement,
  type Synthesized,
} from './support/synth-retain.js';

const definitions = Object.entries(FUNCTIONS) as Array<[string, FunctionDefinition]>;
const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const STREAM_READS = ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream'];

/** Grants are a set: compare them whatever order CDK renders them in. */
const bySource = (resources: unknown[]) => [...resources].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('least privilege', () => {
  let real: Synthesized;

  // Arrange + Act once per file; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const statements = (key: string): Statement[] => statementsOfFunction(real, key);
  const actions = (key: string): string[] => statements(key).flatMap(actionsOf);
  const resourcesFor = (key: string, action: string): unknown[] =>
    statements(key)
      .filter((statement) => actionsOf(statement).includes(action))
      .flatMap(resourcesOf);

  it('gives the api function no write action on the table', () => {
    expect(actions('api').filter((action) => TABLE_WRITES.includes(action))).toEqual([]);
  });

  it('gives the api function no sqs:SendMessage', () => {
    expect(actions('api')).not.toContain('sqs:SendMessage');
  });

  it('lets ingest send to the ingest-retry and erasures queues and no other', () => {
    expect(bySource(resourcesFor('ingest', 'sqs:SendMessage'))).toEqual(bySource([arnOf(real.stack.queues['ingestRetry']!.queue), arnOf(real.stack.queues['erasures']!.queue)]));
  });

  it.each(definitions)('lets %s send only to its sendsTo queues, its stream failure queue, the DLQs it dead-letters to, the queues it redrives and (a schedule target) the schedule failure queue', (key, definition) => {
    const scheduled = Object.values(SCHEDULES).some((schedule) => schedule.target === key);
    const allowed = [
      ...[...(definition.sendsTo ?? []), ...(definition.stream ? [definition.stream.onFailure] : []), ...(definition.redrives ?? [])].map((queueKey) => arnOf(real.stack.queues[queueKey]!.queue)),
      ...(definition.deadLettersTo ?? []).map((queueKey) => arnOf(real.stack.queues[queueKey]!.deadLetterQueue)),
      ...(scheduled ? [arnOf(real.stack.schedules!.failureQueue)] : []),
    ];

    expect(bySource(resourcesFor(key, 'sqs:SendMessage'))).toEqual(bySource(allowed));
  });

  it.each(definitions)('lets %s receive only from the queue it consumes and the DLQs it redrives', (key, definition) => {
    const allowed = [
      ...(definition.queue ? [arnOf(real.stack.queues[definition.queue.queue]!.queue)] : []),
      ...(definition.redrives ?? []).map((queueKey) => arnOf(real.stack.queues[queueKey]!.deadLetterQueue)),
    ];

    expect(bySource(resourcesFor(key, 'sqs:ReceiveMessage'))).toEqual(bySource(allowed));
  });

  it('lets deliver put messages in the sends DLQ (with a reason) but not read it', () => {
    const dlq = JSON.stringify(arnOf(real.stack.queues['sends']!.deadLetterQueue));

    expect(resourcesFor('deliver', 'sqs:SendMessage').map((resource) => JSON.stringify(resource))).toContain(dlq);
    expect(resourcesFor('deliver', 'sqs:ReceiveMessage').map((resource) => JSON.stringify(resource))).not.toContain(dlq);
  });

  it('lets the segments function query the indexes (the profile list) and set tags, and send to no queue', () => {
    const indexes = JSON.stringify({ 'Fn::Join': ['', [arnOf(real.stack.table), '/index/*']] });

    expect(resourcesFor('segments', 'dynamodb:Query').map((resource) => JSON.stringify(resource))).toContain(indexes);
    expect(actions('segments')).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']));
    expect(actions('segments')).not.toContain('sqs:SendMessage');
  });

  it('gives the admin function no read action on the table: settings are written whole', () => {
    expect(actions('admin').filter((action) => ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'].includes(action))).toEqual([]);
  });

  it.each(definitions)('gives %s dynamodb:GetRecords only if it consumes the stream, and then on the stream only', (key, definition) => {
    const expected = definition.stream ? [arnOf(real.stack.table, 'StreamArn')] : [];

    for (const action of STREAM_READS) expect(resourcesFor(key, action)).toEqual(expected);
  });

  it.each(definitions)('gives %s exactly the table actions of its access level, on the table and its indexes only', (key, definition) => {
    const table = JSON.stringify(arnOf(real.stack.table));
    const indexes = JSON.stringify({ 'Fn::Join': ['', [arnOf(real.stack.table), '/index/*']] });
    const tableStatements = statements(key).filter((statement) => resourcesOf(statement).some((resource) => JSON.stringify(resource) === table));

    expect(tableStatements.flatMap(resourcesOf).map((resource) => JSON.stringify(resource))).toEqual(tableStatements.flatMap(() => (TABLE.indexes.length > 0 ? [table, indexes] : [table])));

    expect(tableStatements.flatMap(actionsOf).sort()).toEqual([...TABLE_ACTIONS[definition.table]].sort());
  });

  it.each(definitions)('lets %s read the workspace secret only if it readsSecrets', (key, definition) => {
    const expected = definition.readsSecrets ? [{ Ref: logicalIdOf(real.stack.workspaceSecrets.secret) }] : [];

    expect(resourcesFor(key, 'secretsmanager:GetSecretValue')).toEqual(expected);
  });

  it.each(definitions)('lets %s write logs to its own log group only', (key) => {
    expect(resourcesFor(key, 'logs:PutLogEvents')).toEqual([arnOf(real.stack.functions[key]!.logGroup)]);
    expect(actions(key)).not.toContain('logs:CreateLogGroup');
  });

  it('attaches no managed policy (no AWSLambdaBasicExecutionRole) to any function role', () => {
    for (const [key] of definitions) {
      const role = real.template.toJSON()['Resources'][logicalIdOf(real.stack.functions[key]!.role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('grants nothing on "*" but dynamodb:ListStreams, which IAM cannot scope', () => {
    const onEverything = definitions.flatMap(([key]) => statements(key).filter((statement) => resourcesOf(statement).includes('*')));

    expect(onEverything.flatMap(actionsOf)).toEqual(definitions.filter(([, definition]) => definition.stream).map(() => 'dynamodb:ListStreams'));
  });
});

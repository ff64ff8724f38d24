import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionDefinition, type QueueSource, type StreamSource } from '../../infra/resources.js';
import { arnOf, logicalIdOf, synthRetain, SYNTH_TIMEOUT_MS, type Synthesized } from './support/synth-retain.js';

const definitions = Object.entries(FUNCTIONS) as Array<[string, FunctionDefinition]>;
const streamConsumers = definitions.filter((entry): entry is [string, FunctionDefinition & { stream: StreamSource }] => entry[1].stream !== undefined);
const queueConsumers = definitions.filter((entry): entry is [string, FunctionDefinition & { queue: QueueSource }] => entry[1].queue !== undefined);

describe('event source mappings', () => {
  let real: Synthesized;

  // Arrange + Act once per file; each test asserts one behaviour.
  beforeAll(() => {
    real = synthRetain({ bundle: false });
  }, SYNTH_TIMEOUT_MS);

  const mappingOf = (key: string) => {
    const mappings = real.template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionName: { Ref: logicalIdOf(real.stack.functions[key]!.function) } },
    });
    expect(Object.keys(mappings)).toHaveLength(1);
    return Object.values(mappings)[0]!['Properties'];
  };

  it('exist for the stream and queue consumers and nothing else', () => {
    const mappings = real.template.findResources('AWS::Lambda::EventSourceMapping');

    expect(Object.keys(mappings)).toHaveLength(streamConsumers.length + queueConsumers.length);
  });

  it('has a stream consumer to test', () => {
    expect(streamConsumers.map(([key]) => key)).toContain('evaluate');
  });

  describe.each(streamConsumers)('the %s stream consumer', (key, definition) => {
    it("reads the table's stream from the oldest record", () => {
      expect(mappingOf(key)).toMatchObject({ EventSourceArn: arnOf(real.stack.table, 'StreamArn'), StartingPosition: 'TRIM_HORIZON' });
    });

    it('reports batch item failures', () => {
      expect(mappingOf(key).FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    });

    it('receives only records that pass the filters of resources.ts', () => {
      const patterns = (mappingOf(key).FilterCriteria.Filters as Array<{ Pattern: string }>).map((filter) => JSON.parse(filter.Pattern));

      expect(patterns).toEqual(definition.stream.filters);
    });

    it('passes only inserted event items (the evaluate filter)', () => {
      const patterns = (mappingOf(key).FilterCriteria.Filters as Array<{ Pattern: string }>).map((filter) => JSON.parse(filter.Pattern));

      expect(patterns).toContainEqual({ eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'E#' }] } } } });
    });

    it('retries as often as defined, without splitting batches', () => {
      expect(mappingOf(key)).toMatchObject({ MaximumRetryAttempts: definition.stream.retryAttempts, BisectBatchOnFunctionError: false });
    });

    it('batches as defined', () => {
      expect(mappingOf(key)).toMatchObject({ BatchSize: definition.stream.batchSize, MaximumBatchingWindowInSeconds: definition.stream.maxBatchingWindowSeconds });
    });

    it('sends exhausted batches to its on-failure queue', () => {
      const failureQueue = real.stack.queues[definition.stream.onFailure]!.queue;

      expect(mappingOf(key).DestinationConfig).toEqual({ OnFailure: { Destination: arnOf(failureQueue) } });
    });
  });

  it('sends evaluate failures to the evaluate-failures queue', () => {
    real.template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Retain-evaluate-failures' });
    expect(mappingOf('evaluate').DestinationConfig.OnFailure.Destination).toEqual(arnOf(real.stack.queues['evaluateFailures']!.queue));
  });

  describe.each(queueConsumers)('the %s queue consumer', (key, definition) => {
    it('polls the queue of resources.ts', () => {
      expect(mappingOf(key).EventSourceArn).toEqual(arnOf(real.stack.queues[definition.queue.queue]!.queue));
    });

    it('reports batch item failures', () => {
      expect(mappingOf(key).FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    });

    it('takes batches of the defined size', () => {
      expect(mappingOf(key).BatchSize).toBe(definition.queue.batchSize);
    });
  });

  it('lets every SQS mapping report batch item failures', () => {
    const sqsMappings = real.template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
    });

    expect(Object.keys(sqsMappings)).toHaveLength(queueConsumers.length);
    for (const mapping of Object.values(sqsMappings)) expect(mapping['Properties'].FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });
});

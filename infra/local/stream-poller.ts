import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionDefinition, StreamSource } from '../resources.js';
import { matchesAny } from './filter-pattern.js';
import { invoke, type LocalHandler } from './lambda-context.js';
import { delay, PollingLoop } from './polling-loop.js';

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  functionName: string;
  definition: FunctionDefinition & { stream: StreamSource };
  handler: LocalHandler;
  /** Where a batch goes once its retries are exhausted (the on-failure destination). */
  onFailure: (message: unknown) => Promise<void>;
  pollIntervalMs: number;
  retryDelayMs: number;
  /** Keeps the position in the stream across restarts of `npm start`. */
  checkpointFile?: string;
  log: (message: string) => void;
}

interface ShardState {
  shard: Shard;
  iterator?: string;
  closed: boolean;
  lastSequence?: string;
}

const DESCRIBE_EVERY_MS = 2_000;

/**
 * Polls the table's stream like Lambda's event source mapping: per shard in order, parents
 * before children, filtered, in batches; a batch that reports failures is retried from the
 * first failed record, and after `retryAttempts` it is described on the failure queue and skipped.
 */
export class StreamPoller extends PollingLoop {
  private readonly shards = new Map<string, ShardState>();
  private lastDescribe = 0;
  private cycle = 0;
  private quietCycle = -1;
  private checkpoints: Record<string, string>;

  constructor(private readonly options: StreamPollerOptions) {
    super();
    this.checkpoints = options.checkpointFile && existsSync(options.checkpointFile) ? JSON.parse(readFileSync(options.checkpointFile, 'utf8'))[options.streamArn] ?? {} : {};
  }

  /** Resolves once a whole pass that began after this call found nothing new. */
  async caughtUp(): Promise<void> {
    const after = this.cycle;
    while (this.running && this.quietCycle <= after) await delay(20);
  }

  protected async run(): Promise<void> {
    while (this.running) {
      const cycle = ++this.cycle;
      let read = 0;
      try {
        if (Date.now() - this.lastDescribe > DESCRIBE_EVERY_MS || this.shards.size === 0) await this.describe();
        for (const state of this.readyShards()) read += await this.poll(state);
      } catch (error) {
        this.options.log(`stream poll failed: ${error instanceof Error ? error.message : String(error)}`);
        read = 1;
      }
      if (read === 0) this.quietCycle = cycle;
      if (read === 0) await this.pause(this.options.pollIntervalMs);
    }
  }

  private async describe(): Promise<void> {
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.client.send(new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId }));
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId && !this.shards.has(shard.ShardId)) this.shards.set(shard.ShardId, { shard, closed: false });
      }
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    this.lastDescribe = Date.now();
  }

  /** Open shards whose parent (if we know it) has been read to its end. */
  private readyShards(): ShardState[] {
    return [...this.shards.values()].filter((state) => {
      if (state.closed) return false;
      const parent = state.shard.ParentShardId ? this.shards.get(state.shard.ParentShardId) : undefined;
      return !parent || parent.closed;
    });
  }

  private async poll(state: ShardState): Promise<number> {
    const shardId = state.shard.ShardId!;
    if (!state.iterator) {
      const position = state.lastSequence ?? this.checkpoints[shardId];
      const { ShardIterator } = await this.options.client.send(
        new GetShardIteratorCommand({
          StreamArn: this.options.streamArn,
          ShardId: shardId,
          ...(position ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      state.iterator = ShardIterator;
    }
    let response;
    try {
      response = await this.options.client.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
    } catch (error) {
      if (error instanceof Error && error.name === 'ExpiredIteratorException') {
        state.iterator = undefined;
        return 1;
      }
      throw error;
    }
    const records = (response.Records ?? []).map((record) => this.toLambdaRecord(record));
    const passing = records.filter((record) => matchesAny(this.options.definition.stream.filters, record));
    for (let start = 0; start < passing.length; start += this.options.definition.stream.batchSize) {
      const batch = passing.slice(start, start + this.options.definition.stream.batchSize);
      // Stopped between attempts: the batch is read again, from the last checkpoint, after a restart.
      if (!(await this.deliver(batch, shardId))) return records.length;
      this.checkpoint(state, batch[batch.length - 1]!.dynamodb!.SequenceNumber!);
    }
    const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
    if (last) this.checkpoint(state, last);
    state.iterator = response.NextShardIterator;
    if (!state.iterator) state.closed = true;
    return records.length;
  }

  /** Hands the batch over until it succeeds or goes to the failure queue (true), or until stopped between attempts (false). */
  private async deliver(records: DynamoDBRecord[], shardId: string): Promise<boolean> {
    const { retryAttempts } = this.options.definition.stream;
    let batch = records;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0 && !this.running) return false;
      let failedFrom = 0;
      try {
        const result = (await invoke(this.options.functionName, this.options.definition, this.options.handler, { Records: batch } satisfies DynamoDBStreamEvent)) as
          | { batchItemFailures?: Array<{ itemIdentifier?: string }> }
          | undefined;
        const failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
        if (failed.size === 0) return true;
        const index = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber));
        failedFrom = index < 0 ? 0 : index; // an unknown identifier fails the whole batch, as on AWS
      } catch (error) {
        this.options.log(`${this.options.functionName} failed on a batch of ${batch.length}: ${error instanceof Error ? error.message : String(error)}`);
      }
      batch = batch.slice(failedFrom);
      if (attempt >= retryAttempts) {
        await this.options.onFailure(this.failureRecord(batch, shardId, attempt + 1));
        this.options.log(`${this.options.functionName}: ${batch.length} record(s) sent to the failure queue after ${attempt + 1} attempts`);
        return true;
      }
      await this.pause(Math.min(this.options.retryDelayMs * 2 ** attempt, 10_000));
    }
  }

  /** The on-failure destination message of a DynamoDB stream event source mapping. */
  private failureRecord(batch: DynamoDBRecord[], shardId: string, attempts: number) {
    const first = batch[0]?.dynamodb;
    const last = batch[batch.length - 1]?.dynamodb;
    return {
      requestContext: { requestId: crypto.randomUUID(), functionArn: `arn:aws:lambda:${this.options.region}:000000000000:function:retain-local-${this.options.functionName}`, condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempts },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: first?.SequenceNumber,
        endSequenceNumber: last?.SequenceNumber,
        approximateArrivalOfFirstRecord: first?.ApproximateCreationDateTime ? new Date(first.ApproximateCreationDateTime * 1000).toISOString() : undefined,
        approximateArrivalOfLastRecord: last?.ApproximateCreationDateTime ? new Date(last.ApproximateCreationDateTime * 1000).toISOString() : undefined,
        batchSize: batch.length,
        streamArn: this.options.streamArn,
      },
    };
  }

  private toLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const created = record.dynamodb?.ApproximateCreationDateTime;
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion,
      eventSource: 'aws:dynamodb',
      awsRegion: this.options.region,
      eventSourceARN: this.options.streamArn,
      dynamodb: {
        ...(record.dynamodb as DynamoDBRecord['dynamodb']),
        ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      },
    } as DynamoDBRecord;
  }

  private checkpoint(state: ShardState, sequence: string): void {
    state.lastSequence = sequence;
    const shardId = state.shard.ShardId!;
    this.checkpoints[shardId] = sequence;
    if (!this.options.checkpointFile) return;
    const all = existsSync(this.options.checkpointFile) ? JSON.parse(readFileSync(this.options.checkpointFile, 'utf8')) : {};
    all[this.options.streamArn] = this.checkpoints;
    // Written aside and renamed: a kill mid-write leaves the previous checkpoint, never half a file.
    writeFileSync(`${this.options.checkpointFile}.next`, JSON.stringify(all, null, 2));
    renameSync(`${this.options.checkpointFile}.next`, this.options.checkpointFile);
  }
}


/**
 * A workspace's customers (not anonymous visitors), for segment operations: spread over
 * shards that can be read in parallel, each in a stable order of customer ids, so a walk
 * can stop anywhere and continue after the last id it took.
 */
export interface CustomerList {
  readonly shards: number;
  /** Up to `limit` ids of the shard after `after` (from its start without); `more` while the shard may go on. */
  page(workspace: string, shard: number, after: string | undefined, limit: number): Promise<{ ids: string[]; more: boolean }>;
}

/**
 * Spreads one logical index partition over several, so a busy day (or a busy minute of
 * timers) is not one hot partition. A key always lands on the same shard; readers query
 * every shard.
 */
export const shardOf = (key: string, shards: number): number => {
  // FNV-1a: cheap, stable across processes and versions (unlike a language's own string hash).
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
};

export const allShards = (shards: number): number[] => Array.from({ length: shards }, (_, shard) => shard);

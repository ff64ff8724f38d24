import type { CustomerList } from '../../lib/segments/customer-list.js';
import { shardOf } from '../../lib/store/index-shards.js';
import type { InMemoryProfileReader } from './rule-fixtures.js';

/** The customer list over in-memory profiles: customers (not visitors) by shard, in id order. */
export class InMemoryCustomerList implements CustomerList {
  constructor(
    private readonly profiles: InMemoryProfileReader,
    readonly shards = 4,
  ) {}

  async page(_workspace: string, shard: number, after: string | undefined, limit: number): Promise<{ ids: string[]; more: boolean }> {
    const ids = [...this.profiles.views.values()]
      .filter((view) => !view.anonymous && shardOf(view.customerId, this.shards) === shard)
      .map((view) => view.customerId)
      .sort()
      .filter((id) => after === undefined || id > after);
    return { ids: ids.slice(0, limit), more: ids.length > limit };
  }
}

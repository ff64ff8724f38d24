import type { ProfileTagStore } from '../../../lib/profiles/profile-tags.js';
import type { ProfileView } from '../../../lib/profiles/profile-view.js';
import { StaticRuleRepository } from '../../../lib/rules/rule-repository.js';
import type { Rule } from '../../../lib/rules/rule-schema.js';
import { loadSegment } from '../../../lib/segments/load-segment.js';
import type { WalkBudget, WalkDeps } from '../../../lib/segments/walk-segment.js';
import { InMemoryCustomerList } from '../../support/in-memory-customer-list.js';
import { InMemoryProfileReader, profileOf, ruleOf, seoulSettings } from '../../support/rule-fixtures.js';

export const NOW = '2026-03-02T01:00:00.000Z';

/** Customers with at least one order. */
export const BUYERS = ruleOf({ id: 'buyers', kind: 'segment', condition: { '>=': [{ var: 'profile.orderCount' }, 1] } });

/** Tags kept on the in-memory profiles themselves, as the table keeps them on the profile item. */
class InMemoryTags implements ProfileTagStore {
  constructor(private readonly profiles: InMemoryProfileReader) {}

  async changeTags(_workspace: string, customerId: string, change: { add: readonly string[]; remove: readonly string[] }): Promise<'changed' | 'no-profile'> {
    const view = this.profiles.views.get(customerId);
    if (!view) return 'no-profile';
    const tags = new Set([...view.tags.filter((tag) => !change.remove.includes(tag)), ...change.add]);
    this.profiles.put({ ...view, tags: [...tags].sort() });
    return 'changed';
  }
}

/**
 * `count` customers `c-0000`, `c-0001`, … of workspace `shop` over 4 shards; every third has
 * ordered (c-0000, c-0003, …), so BUYERS has ⌈count / 3⌉ members.
 */
export const segmentHarness = (count: number, rules: Rule[] = [BUYERS]) => {
  const profiles = new InMemoryProfileReader();
  for (let index = 0; index < count; index += 1) {
    profiles.put(profileOf({ customerId: `c-${String(index).padStart(4, '0')}`, orderCount: index % 3 === 0 ? 1 : 0 }));
  }
  const customers = new InMemoryCustomerList(profiles);
  return {
    profiles,
    customers,
    tags: new InMemoryTags(profiles),
    put: (overrides: Partial<ProfileView>) => profiles.put(profileOf(overrides)),
    /** Customers on whom the condition threw, by id. */
    unevaluable: [] as string[],
    segment(id = 'buyers') {
      return loadSegment('shop', id, { rules: new StaticRuleRepository(rules), settings: seoulSettings, now: new Date(NOW), onUnevaluable: (customerId) => this.unevaluable.push(customerId) });
    },
    /** The walk's ports; without a budget it never stops early. */
    deps: (budget: WalkBudget = () => true): WalkDeps => ({ customers, profiles, budget }),
  };
};

/** A budget of about `profiles` profiles per request (a walk may read a batch per shard beyond it). */
export const profileBudget = (profiles: number): WalkBudget => (scanned) => scanned < profiles;

/** Every page of an operation, following its cursors until there is none. */
export const allPages = async <T extends { cursor: string | null }>(page: (cursor: string | undefined) => Promise<T>): Promise<T[]> => {
  const pages: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    pages.push(next);
    cursor = next.cursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
};

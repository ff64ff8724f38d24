import type { AnchorName, AnchoredCustomers } from '../../lib/schedules/anchored-customers.js';
import { cycleDueAt } from '../../lib/schedules/purchase-cycle.js';
import type { ScheduleMarkers } from '../../lib/schedules/schedule-markers.js';
import type { InMemoryProfileReader } from './rule-fixtures.js';

/** The date-anchor indexes over in-memory profiles (a scan, which is fine in memory). */
export class InMemoryAnchors implements AnchoredCustomers {
  readonly queries: Array<{ anchor: AnchorName; from: string; to: string }> = [];
  constructor(private readonly profiles: InMemoryProfileReader) {}

  async find(_workspace: string, anchor: AnchorName, from: Date, to: Date): Promise<string[]> {
    this.queries.push({ anchor, from: from.toISOString(), to: to.toISOString() });
    return [...this.profiles.views.values()]
      .filter((view) => {
        const date = anchor === 'cycleDueAt' ? cycleDueAt(view) : view[anchor];
        return date !== undefined && date !== null && Date.parse(date) >= from.getTime() && Date.parse(date) < to.getTime();
      })
      .map((view) => view.customerId);
  }
}

export class InMemoryScheduleMarkers implements ScheduleMarkers {
  readonly days = new Map<string, string>();
  async completedDays(): Promise<Map<string, string>> {
    return new Map(this.days);
  }
  async complete(_workspace: string, ruleId: string, day: string): Promise<void> {
    if ((this.days.get(ruleId) ?? '') < day) this.days.set(ruleId, day);
  }
}

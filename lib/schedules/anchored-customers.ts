import type { ANCHORS } from '../rules/rule-schema.js';

/** The dates customers can be found by: the anchors of scheduled rules, and the purchase cycle's due date. */
export type AnchorName = (typeof ANCHORS)[number] | 'cycleDueAt';

/** The port the daily run finds customers through (date-anchor indexes in production, never a scan). */
export interface AnchoredCustomers {
  /** Ids of the workspace's customers whose date is in `[from, to)`. */
  find(workspace: string, anchor: AnchorName, from: Date, to: Date): Promise<string[]>;
}

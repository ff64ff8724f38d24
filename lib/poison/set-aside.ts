/** Why a record, or one rule on it, was set aside. */
export interface SetAsideFailure {
  reason: string;
  /** Set when one rule failed on the record and the rest of it was handled. */
  ruleId?: string;
  ruleVersion?: number;
}

/** A record its consumer cannot handle, however often it tries: kept with its reasons instead of retried. */
export interface SetAsideRecord {
  /** The consumer that gave up on it (`evaluate`). */
  consumer: string;
  /**
   * The record's item in the table, as its stream record keys it: the entry is kept in the
   * same partition (so erasing the customer erases it) and a replay touches this item.
   */
  itemKey: { pk: string; sk: string };
  workspace: string;
  customerId: string | null;
  /** The record's own id (an event id). */
  recordId: string;
  recordType: string | null;
  occurredAt: string | null;
  /** Epoch seconds after which the entry may go: its record's own expiry. */
  expiresAt?: number;
}

/** A set-aside record as the API lists it. */
export interface SetAsideEntry extends Omit<SetAsideRecord, 'itemKey' | 'expiresAt'> {
  /** What `replay` takes. */
  id: string;
  failures: SetAsideFailure[];
  firstSetAsideAt: string;
  /** The latest time it was set aside (again after a replay that failed the same way). */
  setAsideAt: string;
  times: number;
  replayRequestedAt: string | null;
}

export interface SetAsidePage {
  /** Newest first. */
  entries: SetAsideEntry[];
  cursor: string | null;
}

/** The port consumers set records aside through, and people list and replay them through. */
export interface SetAsideStore {
  setAside(record: SetAsideRecord, failures: readonly SetAsideFailure[]): Promise<void>;
  /** The record was handled after all (a replay): its entry goes. */
  resolve(record: Pick<SetAsideRecord, 'consumer' | 'itemKey'>): Promise<void>;
  /** A bad `cursor` is a ValidationError naming it. */
  list(workspace: string, page: { limit: number; cursor?: string | undefined }): Promise<SetAsidePage>;
  /**
   * Hands each entry's record to its consumer again. Ids that are not the workspace's
   * entries, or whose record is gone (expired, erased), come back as `missing`.
   */
  replay(workspace: string, ids: readonly string[]): Promise<{ replayed: string[]; missing: string[] }>;
}

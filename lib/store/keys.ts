import { createHash } from 'node:crypto';
import type { ProfileRef } from '../profiles/profile-ref.js';

/**
 * Key layout of Retain's single table (see DESIGN.md "Data"). Ids from outside are
 * escaped so a `#` in a customer id cannot forge another item's key.
 */
const part = (value: string): string => value.replace(/[%#]/g, (char) => encodeURIComponent(char));

const workspacePrefix = (workspace: string) => `W#${part(workspace)}`;

export const profilePk = (ref: ProfileRef): string =>
  `${workspacePrefix(ref.workspace)}#${ref.kind === 'customer' ? 'C' : 'V'}#${part(ref.id)}`;

export const PROFILE_SK = 'PROFILE';

/** Event history sorts by time within the customer's partition. */
export const eventSk = (occurredAt: string, eventId: string): string => `E#${occurredAt}#${eventId}`;
export const EVENT_SK_PREFIX = 'E#';

export const dedupePk = (workspace: string, eventId: string): string => `${workspacePrefix(workspace)}#EV#${eventId}`;
export const DEDUPE_SK = 'EV';
/** Marks an event as counted by evaluation, next to its dedupe marker. */
export const COUNTED_SK = 'COUNTED';

export const anonymousAliasPk = (workspace: string, anonymousId: string): string =>
  `${workspacePrefix(workspace)}#A#anon#${part(anonymousId)}`;
export const ALIAS_SK = 'A';

export const statsPk = (workspace: string): string => `${workspacePrefix(workspace)}#STATS#EVENTS`;
export const statsSk = (day: string): string => `D#${day}`;

export const settingsPk = (workspace: string): string => workspacePrefix(workspace);
export const SETTINGS_SK = 'SETTINGS';

/** Erasure tombstones name the customer only by a digest, and expire. */
export const erasedPk = (workspace: string, customerId: string): string =>
  `${workspacePrefix(workspace)}#ERASED#${createHash('sha256').update(`${workspace}\n${customerId}`).digest('base64url')}`;
export const ERASED_SK = 'ERASED';

export const erasureReceiptsPk = (workspace: string): string => `${workspacePrefix(workspace)}#ERASURES`;
export const erasureReceiptSk = (completedAt: string, receiptId: string): string => `R#${completedAt}#${receiptId}`;

export const unhandledWebhookPk = (workspace: string, platform: string): string => `${workspacePrefix(workspace)}#UNHANDLED#${platform}`;
export const unhandledWebhookSk = (topic: string, receivedAt: string, deliveryId: string): string => `T#${part(topic)}#${receivedAt}#${part(deliveryId)}`;

/** Timers sit in their customer's partition, so erasing the customer erases them. */
export const TIMER_SK_PREFIX = 'T#';
export const timerSk = (key: string): string => `${TIMER_SK_PREFIX}${key}`;
/** The sweep's index partitions span workspaces: one sweep serves the whole table. */
export const timerDuePk = (shard: number): string => `DUE#${shard}`;

/** Date-anchor index partitions: per workspace, anchor and shard (see anchor-indexes.ts). */
export const anchorIndexPk = (workspace: string, anchor: string, shard: number): string => `${workspacePrefix(workspace)}#${anchor}#${shard}`;

/** The last local day each scheduled rule completed, per workspace. */
export const scheduleMarkersPk = (workspace: string): string => `${workspacePrefix(workspace)}#SCHEDULES`;
export const scheduleMarkerSk = (ruleId: string): string => `R#${part(ruleId)}`;

/** The send ledger, in the customer's partition (erased with it): one entry per rule, occurrence and send action. */
export const sendSk = (ruleId: string, occurrence: string, actionIndex: number): string => `S#${part(ruleId)}#${part(occurrence)}#${actionIndex}`;
export const SEND_SK_PREFIX = 'S#';
/** Fatigue counters: messages per channel and local day, in the customer's partition. */
export const fatigueSk = (channel: string, day: string): string => `F#${channel}#${day}`;
/** An order attributed to a rule's send, in the customer's partition. */
export const conversionSk = (orderId: string, ruleId: string): string => `CV#${part(orderId)}#${part(ruleId)}`;
/** A rule's send counters, one item per rule version and arm. */
export const ruleCountersPk = (workspace: string, ruleId: string): string => `${workspacePrefix(workspace)}#RS#${part(ruleId)}`;
export const ruleCountersSk = (version: number, arm: string): string => `V#${String(version).padStart(6, '0')}#A#${part(arm)}`;

/** Rules: each pushed version under the rule; the active version of every rule in one workspace partition. */
export const rulePk = (workspace: string, ruleId: string): string => `${workspacePrefix(workspace)}#R#${part(ruleId)}`;
export const ruleVersionSk = (version: number): string => `V#${String(version).padStart(10, '0')}`;
export const RULE_VERSION_SK_PREFIX = 'V#';
export const activeRulesPk = (workspace: string): string => `${workspacePrefix(workspace)}#RULES`;
export const activeRuleSk = (ruleId: string): string => `R#${part(ruleId)}`;

/** A record a consumer set aside sits beside the record's item, in its partition (erased with it). */
export const setAsideSk = (consumer: string, itemSk: string): string => `ASIDE#${part(consumer)}#${itemSk}`;
/** The workspace a partition key belongs to (`W#<workspace>#…`), or undefined for a key of no workspace. */
export const workspaceOfPk = (pk: string): string | undefined => {
  const [prefix, escaped] = pk.split('#');
  if (prefix !== 'W' || !escaped) return undefined;
  try {
    return decodeURIComponent(escaped);
  } catch {
    return undefined;
  }
};
/** Whether a partition key is one of this workspace's (a replay must not reach another workspace's items). */
export const isWorkspacePk = (workspace: string, pk: string): boolean => pk.startsWith(`${workspacePrefix(workspace)}#`);
/** The set-aside index partition: a workspace's set-aside records, newest first. */
export const setAsideIndexPk = (workspace: string): string => `${workspacePrefix(workspace)}#ASIDE`;

/** The sparse index that lists a workspace's customers, spread over shards so a scan runs in parallel. */
export const PROFILE_LIST_SHARDS = 16;
export const profileListPk = (workspace: string, shard: number): string => `${workspacePrefix(workspace)}#PL#${shard}`;

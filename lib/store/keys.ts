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

/** Rules: each pushed version under the rule; the active version of every rule in one workspace partition. */
export const rulePk = (workspace: string, ruleId: string): string => `${workspacePrefix(workspace)}#R#${part(ruleId)}`;
export const ruleVersionSk = (version: number): string => `V#${String(version).padStart(10, '0')}`;
export const RULE_VERSION_SK_PREFIX = 'V#';
export const activeRulesPk = (workspace: string): string => `${workspacePrefix(workspace)}#RULES`;
export const activeRuleSk = (ruleId: string): string => `R#${part(ruleId)}`;

/** The sparse index that lists a workspace's customers, spread over shards so a scan runs in parallel. */
export const PROFILE_LIST_SHARDS = 16;
export const profileListPk = (workspace: string, shard: number): string => `${workspacePrefix(workspace)}#PL#${shard}`;

import type { CanonicalEvent } from '../events/canonical-event.js';
import type { SendRecord } from './send-record.js';
import type { Conversion, SendStatsStore } from './send-stats-store.js';
import type { SendStore } from './send-store.js';

const DAY_MS = 86_400_000;

/** Entries that touched the customer: a delivered message, or an assignment to the holdout. */
const touched = (record: SendRecord): record is SendRecord & { touchedAt: string; goal: NonNullable<SendRecord['goal']> } =>
  (record.state === 'delivered' || record.state === 'holdout') && record.touchedAt !== undefined && record.goal?.event === 'order_placed';

/**
 * Attributes a committed order to the rules that aimed at one: for each rule with an `order_placed`
 * goal, the customer's latest touch of that rule (delivered message or holdout assignment)
 * whose window (`withinDays` from the touch) holds the order gets it, with its revenue, on
 * that touch's rule version and variant. Per rule, so each rule's lift compares like with
 * like; once per order and rule, however often the event is replayed.
 */
export const attributeConversion = async (
  committed: { event: CanonicalEvent; profileKind: 'customer' | 'visitor'; profileId: string },
  deps: { sends: Pick<SendStore, 'listForCustomer'>; stats: Pick<SendStatsStore, 'recordConversion'> },
): Promise<Conversion[]> => {
  const { event } = committed;
  // The profile the event was stored on: an anonymous order resolved to a customer counts for them; a visitor gets no sends.
  if (event.type !== 'order_placed' || committed.profileKind !== 'customer') return [];
  const customerId = committed.profileId;
  const orderedAt = event.order.placedAt ?? event.occurredAt;
  const at = Date.parse(orderedAt);
  const lastTouch = new Map<string, SendRecord & { touchedAt: string }>();
  for (const record of await deps.sends.listForCustomer(event.workspace, customerId)) {
    if (!touched(record)) continue;
    const from = Date.parse(record.touchedAt);
    if (at < from || at > from + record.goal.withinDays * DAY_MS) continue;
    const current = lastTouch.get(record.rule.id);
    if (!current || current.touchedAt < record.touchedAt) lastTouch.set(record.rule.id, record);
  }
  const recorded: Conversion[] = [];
  for (const record of lastTouch.values()) {
    const conversion: Conversion = {
      workspace: event.workspace,
      customerId,
      orderId: event.order.orderId,
      ruleId: record.rule.id,
      version: record.rule.version,
      arm: record.arm ?? 'default',
      sendId: record.sendId,
      revenue: event.order.value,
      currency: event.order.currency ?? null,
      orderedAt,
      touchedAt: record.touchedAt,
    };
    const counters = [{ ruleId: conversion.ruleId, version: conversion.version, arm: conversion.arm, counts: { converted: 1, revenue: conversion.revenue } }];
    if ((await deps.stats.recordConversion(conversion, counters)) === 'recorded') recorded.push(conversion);
  }
  return recorded;
};

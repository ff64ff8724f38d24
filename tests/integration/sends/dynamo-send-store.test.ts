import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupeKeyOf, type SendRecord } from '../../../lib/sends/send-record.js';
import { adAction } from '../../support/sends.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const record = (customerId = randomUUID(), occurrence = 'o-1'): SendRecord => {
  const key = { workspace: app.workspace, customerId, ruleId: 'spring-sale', occurrence, actionIndex: 0 };
  return {
    key,
    sendId: randomUUID(),
    dedupeKey: dedupeKeyOf(key),
    rev: 1,
    rule: { id: 'spring-sale', version: 1, priority: 50 },
    channel: 'sms',
    purpose: 'ad',
    arm: 'default',
    state: 'enqueuing',
    outcome: 'sent',
    matchedAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    attempts: 0,
    deferrals: [],
    history: [],
    action: adAction(),
  };
};
const charge = { channel: 'sms' as const, day: '2026-03-02', limit: 1 };

describe('the DynamoDB send store', () => {
  it('writes a ledger entry once per key', async () => {
    // Arrange
    const first = record();
    // Act
    const results = [await app.runtime.sends.create(first), await app.runtime.sends.create({ ...first, sendId: 'other' })];
    // Assert
    expect(results).toEqual(['created', 'exists']);
    expect((await app.runtime.sends.get(first.key))?.sendId).toBe(first.sendId);
  });

  it('writes neither the entry nor the count when the budget is spent', async () => {
    // Arrange
    const customerId = randomUUID();
    await app.runtime.sends.create(record(customerId, 'first'), charge);
    const second = record(customerId, 'second');
    // Act
    const result = await app.runtime.sends.create(second, charge);
    // Assert
    expect(result).toBe('over-budget');
    expect(await app.runtime.sends.get(second.key)).toBeUndefined();
    expect(await app.runtime.sends.fatigueCounts(app.workspace, customerId, 'sms', '2026-02-24', '2026-03-09')).toEqual({ '2026-03-02': 1 });
  });

  it('replaces an entry only at the revision it was read at', async () => {
    // Arrange
    const original = record();
    await app.runtime.sends.create(original);
    const next = { ...original, rev: 2, state: 'queued' as const };
    // Act
    const results = [await app.runtime.sends.replace(next, 1), await app.runtime.sends.replace({ ...next, rev: 3, state: 'delivered' }, 1)];
    // Assert
    expect(results).toEqual(['replaced', 'conflict']);
    expect((await app.runtime.sends.get(original.key))?.state).toBe('queued');
  });

  it('notes repeated requests without changing the revision, and keeps the note through a replace', async () => {
    // Arrange
    const original = record();
    await app.runtime.sends.create(original);
    // Act
    await app.runtime.sends.noteDuplicate(original.key, '2026-03-02T01:05:00.000Z');
    await app.runtime.sends.noteDuplicate(original.key, '2026-03-02T01:06:00.000Z');
    const replaced = await app.runtime.sends.replace({ ...original, rev: 2, state: 'queued', notBefore: undefined }, 1);
    // Assert
    expect(replaced).toBe('replaced');
    expect(await app.runtime.sends.get(original.key)).toMatchObject({ rev: 2, state: 'queued', duplicates: { count: 2, lastAt: '2026-03-02T01:06:00.000Z' } });
  });

  it('notes nothing for an entry that is gone', async () => {
    // Arrange
    const missing = record();
    // Act
    await app.runtime.sends.noteDuplicate(missing.key, '2026-03-02T01:05:00.000Z');
    // Assert
    expect(await app.runtime.sends.get(missing.key)).toBeUndefined();
  });

  it('lists the ledger of one customer only', async () => {
    // Arrange
    const customerId = randomUUID();
    await app.runtime.sends.create(record(customerId, 'a'));
    await app.runtime.sends.create(record(customerId, 'b#with#hashes'));
    await app.runtime.sends.create(record());
    // Act
    const listed = await app.runtime.sends.listForCustomer(app.workspace, customerId);
    // Assert
    expect(listed.map((entry) => entry.key.occurrence).sort()).toEqual(['a', 'b#with#hashes']);
  });

  it('adds rule counters per version and arm', async () => {
    // Arrange
    const ruleId = `r-${randomUUID().slice(0, 8)}`;
    // Act
    await app.runtime.sends.addCounters(app.workspace, [{ ruleId, version: 2, arm: 'a', counts: { matched: 1, sent: 1 } }]);
    await app.runtime.sends.addCounters(app.workspace, [{ ruleId, version: 2, arm: 'a', counts: { matched: 1, 'deferred-budget': 1 } }]);
    // Assert
    expect(await app.runtime.sendStats.ruleCounters(app.workspace, ruleId)).toEqual([{ version: 2, arm: 'a', counts: { matched: 2, sent: 1, 'deferred-budget': 1 } }]);
  });
});

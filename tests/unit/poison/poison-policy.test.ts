import { describe, expect, it } from 'vitest';
import { handleWithPoisonPolicy, type PoisonPolicyDeps } from '../../../lib/poison/poison-policy.js';
import type { SetAsideFailure } from '../../../lib/poison/set-aside.js';

class Transient extends Error {
  override readonly name = 'Transient';
}

const recording = () => {
  const setAside: Array<{ record: string; failures: readonly SetAsideFailure[] }> = [];
  const handled: string[] = [];
  const deps: PoisonPolicyDeps<string> = {
    isTransient: (error) => error instanceof Transient,
    setAside: async (record, failures) => void setAside.push({ record, failures }),
    onSetAside: () => undefined,
    onHandled: async (record) => void handled.push(record),
  };
  return { deps, setAside, handled };
};

describe('handleWithPoisonPolicy', () => {
  it('throws a transient failure, so the source retries the record, and sets nothing aside', async () => {
    // Arrange
    const { deps, setAside } = recording();
    // Act
    const run = handleWithPoisonPolicy('r1', async () => Promise.reject(new Transient('throttled')), deps);
    // Assert
    await expect(run).rejects.toThrow('throttled');
    expect(setAside).toEqual([]);
  });

  it('sets any other failure aside at once with its reason, with what was contained before it', async () => {
    // Arrange
    const { deps, setAside, handled } = recording();
    // Act
    const outcome = await handleWithPoisonPolicy(
      'r1',
      async (contain) => {
        contain({ ruleId: 'vip', ruleVersion: 2, reason: 'rule "vip" v2: audience cannot be evaluated' });
        throw new RangeError('Invalid time value');
      },
      deps,
    );
    // Assert
    expect(outcome).toBe('set-aside');
    expect(setAside).toEqual([{ record: 'r1', failures: [{ ruleId: 'vip', ruleVersion: 2, reason: 'rule "vip" v2: audience cannot be evaluated' }, { reason: 'RangeError: Invalid time value' }] }]);
    expect(handled).toEqual([]);
  });

  it('sets a record aside in part when only contained failures happened', async () => {
    // Arrange
    const { deps, setAside } = recording();
    // Act
    const outcome = await handleWithPoisonPolicy('r1', async (contain) => contain({ ruleId: 'vip', reason: 'x'.repeat(5000) }), deps);
    // Assert: reasons are bounded.
    expect(outcome).toBe('partly-set-aside');
    expect(setAside[0]?.failures[0]?.reason).toHaveLength(1000);
  });

  it('reports a record handled without failures', async () => {
    // Arrange
    const { deps, setAside, handled } = recording();
    // Act
    const outcome = await handleWithPoisonPolicy('r1', async () => undefined, deps);
    // Assert
    expect(outcome).toBe('handled');
    expect([setAside, handled]).toEqual([[], ['r1']]);
  });

  it('throws when the record cannot be set aside, so it is retried rather than lost', async () => {
    // Arrange
    const { deps } = recording();
    deps.setAside = async () => Promise.reject(new Transient('table unavailable'));
    // Act
    const run = handleWithPoisonPolicy('r1', async () => Promise.reject(new TypeError('bad data')), deps);
    // Assert
    await expect(run).rejects.toThrow('table unavailable');
  });
});

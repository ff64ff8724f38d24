import { describe, expect, it } from 'vitest';
import { performActions, type MatchedRule } from '../../../lib/automations/perform-actions.js';
import type { SendDecision, SendGate, SendOutcome, SendRequest } from '../../../lib/sends/send-gate.js';
import { infoSend, profileOf, RecordingActivity, RecordingTags, ruleOf } from '../../support/rule-fixtures.js';

/** A gate that answers each request with the next of the given decisions. */
class ScriptedGate implements SendGate {
  readonly requests: SendRequest[] = [];
  constructor(private readonly decisions: SendDecision[]) {}
  async request(send: SendRequest): Promise<SendDecision> {
    this.requests.push(send);
    return this.decisions.shift() ?? { outcome: 'sent' };
  }
}

const matchOf = (actions: unknown[]): MatchedRule => ({
  rule: ruleOf({ id: 'welcome', kind: 'trigger', on: ['signed_up'], actions }) as MatchedRule['rule'],
  profile: profileOf({ isMember: true }),
  occurrence: 'customer',
  matchedAt: '2026-03-02T01:00:00.000Z',
});

const run = async (actions: unknown[], decisions: SendDecision[]) => {
  const tags = new RecordingTags();
  const gate = new ScriptedGate(decisions);
  await performActions(matchOf(actions), { gate, tags, activity: new RecordingActivity() });
  return { added: tags.changes.flatMap((change) => change.add), gate };
};

const sendThenTag = [infoSend('가입을 환영합니다'), { type: 'tag', add: ['welcome-coupon-sent'] }];

describe('performActions: a tag after a send', () => {
  it.each<SendOutcome>(['sent', 'deferred-quiet-hours', 'deferred-budget'])('is added when the send is %s', async (outcome) => {
    // Arrange + Act
    const { added } = await run(sendThenTag, [{ outcome }]);
    // Assert
    expect(added).toEqual(['welcome-coupon-sent']);
  });

  it.each<SendOutcome>(['blocked-no-recipient', 'blocked-no-consent', 'blocked-dormant', 'blocked-misconfigured', 'holdout', 'expired'])('is not added when the send is %s', async (outcome) => {
    // Arrange + Act
    const { added } = await run(sendThenTag, [{ outcome, reason: 'no phone number in traits.phone for alimtalk' }]);
    // Assert
    expect(added).toEqual([]);
  });

  it('is added again by a repeat of a send the gate took on (a retry after a crash before the tag)', async () => {
    // Arrange + Act
    const { added } = await run(sendThenTag, [{ outcome: 'duplicate', original: 'sent' }]);
    // Assert
    expect(added).toEqual(['welcome-coupon-sent']);
  });

  it('is not added by a repeat of a blocked send', async () => {
    // Arrange + Act
    const { added } = await run(sendThenTag, [{ outcome: 'duplicate', original: 'blocked-no-recipient' }]);
    // Assert
    expect(added).toEqual([]);
  });

  it('follows the send right before it; a tag before any send always changes, and every send is still asked', async () => {
    // Arrange
    const actions = [{ type: 'tag', add: ['vip'] }, infoSend('sms'), { type: 'tag', add: ['sms-sent'] }, infoSend('mail'), { type: 'tag', add: ['mail-sent'] }];
    // Act
    const { added, gate } = await run(actions, [{ outcome: 'blocked-no-recipient' }, { outcome: 'sent' }]);
    // Assert
    expect(added).toEqual(['vip', 'mail-sent']);
    expect(gate.requests.map((request) => request.actionIndex)).toEqual([1, 3]);
  });
});

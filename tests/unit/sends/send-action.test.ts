import { describe, expect, it } from 'vitest';
import { SendActionSchema } from '../../../lib/sends/send-action.js';

const issuesOf = (action: Record<string, unknown>) => SendActionSchema.safeParse({ type: 'send', message: { text: '안녕하세요' }, ...action }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('send actions', () => {
  it('refuse an ad on AlimTalk', () => {
    // Arrange + Act + Assert
    expect(issuesOf({ channel: 'alimtalk', purpose: 'ad', message: { text: 'x', templateCode: 'T1' } })).toEqual([
      'purpose: AlimTalk carries information only — use "purpose": "info", or send ads as "brand_message" or "sms"',
    ]);
  });

  it('refuse an information Brand Message', () => {
    // Arrange + Act + Assert
    expect(issuesOf({ channel: 'brand_message', purpose: 'info' })?.[0]).toMatch(/^purpose: a Brand Message is an ad/);
  });

  it('reserve the holdout arm name', () => {
    // Arrange + Act + Assert
    expect(
      issuesOf({ channel: 'sms', purpose: 'ad', message: undefined, variants: [{ id: 'holdout', message: { text: 'a' } }, { id: 'b', message: { text: 'b' } }] })?.[0],
    ).toMatch(/^variants\.0\.id: is reserved/);
  });
});

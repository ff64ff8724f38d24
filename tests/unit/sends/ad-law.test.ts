import { describe, expect, it } from 'vitest';
import { formatAd } from '../../../lib/sends/ad-law.js';
import { SENDER } from '../../support/sends.js';

describe('ad formatting', () => {
  it('starts with (광고) and the sender, ends with the contact and the free opt-out line', () => {
    // Arrange + Act
    const ad = formatAd({ text: '봄 세일이 시작됐어요.' }, SENDER);
    // Assert
    expect(ad.text).toBe('(광고) 데모샵\n봄 세일이 시작됐어요.\n\n문의 02-123-4567\n무료수신거부 080-123-4567');
  });

  it('does not label a text twice when the template already starts with (광고)', () => {
    // Arrange + Act
    const ad = formatAd({ text: '(광고) 봄 세일' }, SENDER);
    // Assert
    expect(ad.text.match(/\(광고\)/g)).toHaveLength(1);
  });

  it('labels the title as well', () => {
    // Arrange + Act
    const ad = formatAd({ text: '본문', title: '봄 세일' }, SENDER);
    // Assert
    expect(ad.title).toBe('(광고) 봄 세일');
  });
});

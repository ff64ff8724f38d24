import { describe, it } from 'vitest';
import { libraryRules } from '../support/library-rules.js';
import { runScenario } from './support/run-scenario.js';
import { shopper } from './support/shopper.js';

const kim = shopper('kim');
const lee = shopper('lee');
const park = shopper('park');
const choi = shopper('choi');

describe('event triggers (rules/)', () => {
  it('sends the welcome coupon right after signup, once', () =>
    runScenario({
      rules: libraryRules('welcome-coupon'),
      steps: [
        { at: '+0h', events: [kim.views('/'), kim.signsUp({ name: '김민지' })] },
        { at: '+0h1m', expect: { sends: ['welcome-coupon → kim'], tags: { kim: ['welcome-coupon-sent'] } } },
        { at: '+2d', events: [kim.signsUp({ name: '김민지' })] },
        { at: '+2d1m', expect: { sends: ['welcome-coupon → kim'] } },
      ],
    }));

  it('sends the landing benefit to members visiting the promotion page or arriving from a Naver ad, once each', () =>
    runScenario({
      rules: libraryRules('ad-landing'),
      steps: [
        { at: '+0h', events: [kim.signsUp(), lee.signsUp(), park.signsUp()] },
        { at: '+1h', events: [kim.views('/promo/spring'), lee.views('/', { utmSource: 'naver' }), park.views('/products/p-1'), choi.views('/promo/spring')] },
        { at: '+2h', events: [kim.views('/promo/spring')] },
        // choi is a visitor, not a member: nobody to send to.
        { at: '+3h', expect: { sends: ['ad-landing → kim', 'ad-landing → lee'], duplicates: 1 } },
      ],
    }));

  it('tags a customer VIP (and tells them) once an order puts them in the vip segment', () =>
    runScenario({
      rules: libraryRules('vip-tagging', 'vip'),
      steps: [
        { at: '+0h', events: [kim.orders('o1', { total: 600_000 })] },
        { at: '+1h', expect: { tags: { kim: [] }, sends: [] } },
        { at: '+2d', events: [kim.orders('o2', { total: 500_000 })] },
        { at: '+2d1h', expect: { tags: { kim: ['vip'] }, sends: ['vip-tagging → kim'] } },
        { at: '+3d', events: [kim.orders('o3', { total: 100_000 })] },
        { at: '+3d1h', expect: { sends: ['vip-tagging → kim'] } },
      ],
    }));

  it('thanks a member on their 100th visit, once', () =>
    runScenario({
      rules: libraryRules('visit-100'),
      steps: [
        { at: '+0h', events: [kim.signsUp()] },
        // The first view joins the signup's visit: 99 visits in all.
        { at: '+1m', spacing: '+31m', events: Array.from({ length: 99 }, (_, index) => kim.views(`/products/p-${index}`)) },
        { at: '+3d', expect: { sends: [] } },
        { at: '+3d1h', events: [kim.views('/'), kim.views('/products/p-1')] },
        { at: '+3d2h', expect: { sends: ['visit-100 → kim'], duplicates: 1 } },
      ],
    }));
});

import { describe, it } from 'vitest';
import { AUTOMATIONS } from '../../infra/local/simulate/automations.js';
import { runScenario } from './support/run-scenario.js';
import { shopper } from './support/shopper.js';

const kim = shopper('kim');
const lee = shopper('lee');
const park = shopper('park');

describe('event triggers', () => {
  it('sends the welcome coupon right after signup', () =>
    runScenario({
      rules: [AUTOMATIONS.welcome],
      steps: [
        { at: '+0h', events: [kim.views('/'), kim.signsUp({ name: '김민지' })] },
        { at: '+0h1m', expect: { sends: ['welcome-coupon → kim'] } },
      ],
    }));

  it('sends the page-targeted benefit to visitors of the page and to Naver ad visitors, once each', () =>
    runScenario({
      rules: [AUTOMATIONS.springLanding],
      steps: [
        { at: '+0h', events: [kim.views('/promo/spring'), lee.views('/', { utmSource: 'naver' }), park.views('/products/p-1')] },
        { at: '+2h', events: [kim.views('/promo/spring')] },
        { at: '+3h', expect: { sends: ['spring-landing → kim', 'spring-landing → lee'], duplicates: 1 } },
      ],
    }));

  it('tags a customer VIP once an order pushes total spend over 300,000', () =>
    runScenario({
      rules: [AUTOMATIONS.vip],
      steps: [
        { at: '+0h', events: [kim.orders('o1', { total: 200_000 })] },
        { at: '+1h', expect: { tags: { kim: [] } } },
        { at: '+2d', events: [kim.orders('o2', { total: 150_000 })] },
        { at: '+2d1h', expect: { tags: { kim: ['vip'] } } },
      ],
    }));

  it('thanks a customer on their 100th visit, once', () =>
    runScenario({
      rules: [AUTOMATIONS.hundredthVisit],
      steps: [
        { at: '+0h', spacing: '+31m', events: Array.from({ length: 99 }, (_, index) => kim.views(`/products/p-${index}`)) },
        { at: '+3d', expect: { sends: [] } },
        { at: '+3d1h', events: [kim.views('/'), kim.views('/products/p-1')] },
        { at: '+3d2h', expect: { sends: ['visit-100 → kim'], duplicates: 1 } },
      ],
    }));
});

import { describe, it } from 'vitest';
import { libraryRules } from '../support/library-rules.js';
import { runScenario } from './support/run-scenario.js';
import { shopper } from './support/shopper.js';

const kim = shopper('kim');
const lee = shopper('lee');

describe('scheduled rules (rules/)', () => {
  it('asks for feedback 30, 60 and 90 days after the first order, each exactly once', () =>
    runScenario({
      rules: libraryRules('first-order-feedback'),
      tick: '1d',
      steps: [
        { at: '+10h', events: [kim.orders('o1')] },
        { at: '+29d', expect: { sends: [] } },
        { at: '+31d', expect: { sends: ['first-order-feedback → kim'] } },
        { at: '+45d', events: [kim.orders('o2')] },
        { at: '+61d', expect: { sends: ['first-order-feedback → kim', 'first-order-feedback → kim'] } },
        { at: '+95d', expect: { sends: ['first-order-feedback → kim', 'first-order-feedback → kim', 'first-order-feedback → kim'], duplicates: 0 } },
      ],
    }));

  it('catches up a day the job missed, without sending twice', () =>
    runScenario({
      rules: libraryRules('first-order-feedback'),
      tick: '1d',
      steps: [
        { at: '+10h', events: [kim.orders('o1')] },
        { at: '+1d10h', events: [lee.orders('o2')] },
        { at: '+29d12h', expect: { sends: [] } },
        // Down from before kim's day (30) until after lee's (31).
        { at: '+31d12h', schedulesDown: true },
        { at: '+31d13h', expect: { sends: ['first-order-feedback → kim', 'first-order-feedback → lee'], duplicates: 0 } },
        { at: '+33d', expect: { duplicates: 0 } },
      ],
    }));

  it('follows each customer’s own purchase rhythm, and the default cycle for a first order', () =>
    runScenario({
      rules: libraryRules('purchase-cycle'),
      tick: '1d',
      steps: [
        // kim orders every 20 days; lee once.
        { at: '+1h', events: [kim.orders('k1'), lee.orders('l1')] },
        { at: '+20d1h', events: [kim.orders('k2')] },
        { at: '+40d1h', events: [kim.orders('k3')] },
        { at: '+40d2h', expect: { sends: ['purchase-cycle → lee'] } },
        { at: '+59d', expect: { sends: ['purchase-cycle → lee'] } },
        { at: '+60d12h', expect: { sends: ['purchase-cycle → lee', 'purchase-cycle → kim'] } },
      ],
    }));

  it('reminds a customer only for their latest order', () =>
    runScenario({
      rules: libraryRules('purchase-cycle'),
      tick: '1d',
      steps: [
        { at: '+1h', events: [kim.orders('k1')] },
        { at: '+25d', events: [kim.orders('k2')] },
        // Day 30 after k1 passes without a reminder; kim's own cycle is now 25 days from k2.
        { at: '+31d', expect: { sends: [] } },
        { at: '+50d12h', expect: { sends: ['purchase-cycle → kim'] } },
      ],
    }));

  it('wins back a member after 60 days without a visit, once, and not a visitor who never signed up', () =>
    runScenario({
      rules: libraryRules('win-back', 'winback-not-sent'),
      tick: '1d',
      steps: [
        { at: '+1h', events: [kim.signsUp(), kim.views('/'), kim.orders('k1'), lee.views('/')] },
        { at: '+59d', expect: { sends: [] } },
        { at: '+61d', expect: { sends: ['win-back → kim'], tags: { kim: ['winback-sent'] } } },
        // Back, then away for another 60 days: tagged winback-sent, so not again.
        { at: '+62d', events: [kim.views('/')] },
        { at: '+125d', expect: { sends: ['win-back → kim'] } },
      ],
    }));

  it('tags a member dormant after a year without a visit, and untags them when they come back', () =>
    runScenario({
      rules: libraryRules('dormancy', 'reactivation'),
      tick: '1d',
      steps: [
        { at: '+1h', events: [kim.signsUp(), kim.views('/'), lee.signsUp(), lee.views('/')] },
        { at: '+200d', events: [lee.views('/')] },
        { at: '+364d', expect: { tags: { kim: [], lee: [] } } },
        { at: '+366d', expect: { tags: { kim: ['dormant'], lee: [] } } },
        { at: '+367d', events: [kim.views('/')] },
        { at: '+367d1h', expect: { tags: { kim: [] } } },
      ],
    }));
});

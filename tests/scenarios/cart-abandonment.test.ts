import { describe, it } from 'vitest';
import { libraryRules } from '../support/library-rules.js';
import { runScenario } from './support/run-scenario.js';
import { shopper } from './support/shopper.js';

const kim = shopper('kim');
const lee = shopper('lee');
/** Occurrence: the profile's cart (`profile.cart.token`). */
const rules = libraryRules('cart-abandonment');

describe('cart abandonment (rules/cart-abandonment.json: wait 24 h, cancelled by an order)', () => {
  it('reminds a customer 24 h after they left a cart', () =>
    runScenario({
      rules,
      steps: [
        { at: '+0h', events: [kim.addsToCart('c1')] },
        { at: '+23h', expect: { sends: [] } },
        { at: '+25h', expect: { sends: ['cart-abandonment → kim'] } },
      ],
    }));

  it('sends nothing when the cart is bought within 24 h', () =>
    runScenario({
      rules,
      steps: [
        { at: '+0h', events: [kim.addsToCart('c1')] },
        { at: '+20h', events: [kim.orders('o1', { cart: 'c1' })] },
        { at: '+48h', expect: { sends: [], cancelled: 1 } },
      ],
    }));

  it('counts 24 h from the latest change of the cart', () =>
    runScenario({
      rules,
      steps: [
        { at: '+0h', events: [kim.addsToCart('c1')] },
        { at: '+20h', events: [kim.addsToCart('c1')] },
        { at: '+30h', expect: { sends: [] } },
        { at: '+45h', expect: { sends: ['cart-abandonment → kim'] } },
      ],
    }));

  it('reminds once per cart when a customer leaves two carts', () =>
    runScenario({
      rules,
      steps: [
        { at: '+0h', events: [kim.addsToCart('c1')] },
        { at: '+30h', events: [kim.addsToCart('c1')] },
        { at: '+60h', expect: { sends: ['cart-abandonment → kim'], duplicates: 1 } },
        { at: '+72h', events: [kim.orders('o1', { cart: 'c1' })] },
        { at: '+96h', events: [kim.addsToCart('c2')] },
        { at: '+122h', expect: { sends: ['cart-abandonment → kim', 'cart-abandonment → kim'], duplicates: 1 } },
      ],
    }));

  it('ends only the waits of the customer who ordered', () =>
    runScenario({
      rules,
      steps: [
        { at: '+0h', events: [kim.addsToCart('c1'), lee.addsToCart('c2')] },
        { at: '+2h', events: [lee.orders('o1', { cart: 'c2' })] },
        { at: '+25h', expect: { sends: ['cart-abandonment → kim'] } },
      ],
    }));

  it('reminds of each cart left after an order', () =>
    runScenario({
      rules,
      steps: [
        { at: '+0h', events: [kim.addsToCart('c1')] },
        { at: '+1h', events: [kim.orders('o1', { cart: 'c1' })] },
        { at: '+10h', events: [kim.addsToCart('c2')] },
        { at: '+35h', expect: { sends: ['cart-abandonment → kim'] } },
        { at: '+60h', events: [kim.addsToCart('c3')] },
        { at: '+85h', expect: { sends: ['cart-abandonment → kim', 'cart-abandonment → kim'], duplicates: 0 } },
      ],
    }));
});

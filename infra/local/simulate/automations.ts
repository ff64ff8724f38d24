import { RuleSchema, type Rule } from '../../../lib/rules/rule-schema.js';

/**
 * The named automations of a shop, as rules: what `simulate` runs and what the scenario
 * tests (tests/scenarios) pin down, one behaviour at a time.
 */
const rule = (definition: Record<string, unknown>): Rule => RuleSchema.parse({ version: 1, ...definition });

const adText = (text: string) => ({ text: `(광고) [리테인샵] ${text}\n무료수신거부 080-000-0000` });

export const AUTOMATIONS = {
  /** A welcome coupon right after signup. */
  welcome: rule({
    id: 'welcome-coupon',
    description: 'Welcome coupon right after signup',
    kind: 'trigger',
    on: ['signed_up'],
    actions: [{ type: 'send', channel: 'alimtalk', purpose: 'info', message: { text: '{{ profile.traits.name | default: "고객" }}님, 가입을 환영합니다! 첫 구매 10% 쿠폰을 드려요.', templateCode: 'WELCOME_COUPON_01' } }],
  }),

  /** Visitors of the spring promotion page, or arriving from a Naver ad: the seed of "ad visitors → signup benefit". */
  springLanding: rule({
    id: 'spring-landing',
    description: 'Spring promotion page or Naver ad visitors get the spring benefit, once',
    kind: 'trigger',
    on: ['page_viewed'],
    audience: { or: [{ '==': [{ var: 'event.page.path' }, '/promo/spring'] }, { '==': [{ var: 'event.campaign.source' }, 'naver'] }] },
    occurrence: 'spring-2026',
    actions: [{ type: 'send', channel: 'sms', purpose: 'ad', message: adText('봄맞이 혜택: 오늘 가입하면 5,000원 적립!') }],
  }),

  /** VIP tag once an order pushes total spend to 300,000 KRW. */
  vip: rule({
    id: 'vip-tier',
    description: 'Tag VIP when total spend reaches 300,000',
    kind: 'trigger',
    on: ['order_placed'],
    audience: { and: [{ '>=': [{ var: 'profile.totalSpent' }, 300000] }, { '!': { has_tag: ['vip'] } }] },
    occurrence: 'vip',
    actions: [{ type: 'tag', add: ['vip'] }],
  }),

  /** A thank-you on the 100th visit. */
  hundredthVisit: rule({
    id: 'visit-100',
    description: 'Thank-you on the 100th visit',
    kind: 'trigger',
    on: ['page_viewed'],
    audience: { '==': [{ var: 'profile.visitCount' }, 100] },
    occurrence: 'visit-100',
    actions: [{ type: 'send', channel: 'alimtalk', purpose: 'info', message: { text: '100번째 방문 감사합니다!', templateCode: 'VISIT_100_01' } }],
  }),

  /** Cart abandonment: 24 h after the last change of a cart, if it still holds something and no order came. */
  cartAbandonment: rule({
    id: 'cart-abandonment',
    description: 'Reminder 24 h after a cart was left',
    kind: 'trigger',
    on: ['cart_updated'],
    wait: { hours: 24 },
    cancelOn: ['order_placed'],
    occurrence: { var: 'event.cart.token' },
    audience: { '>': [{ var: 'profile.cart.value' }, 0] },
    priority: 70,
    actions: [{ type: 'send', channel: 'brand_message', purpose: 'ad', message: adText('장바구니에 담아두신 상품이 기다리고 있어요.') }],
  }),

  /** Purchase cycle: when the customer's own rhythm says they are due (30 days until they have two orders). */
  purchaseCycle: rule({
    id: 'purchase-cycle',
    description: 'Reorder reminder on the customer’s own purchase cycle',
    kind: 'scheduled',
    anchor: 'lastOrderAt',
    days: { fromProfile: 'avgOrderIntervalDays', default: 30 },
    at: '10:00',
    actions: [{ type: 'send', channel: 'brand_message', purpose: 'ad', message: adText('다시 필요하실 때가 되었어요.') }],
  }),

  /** Feedback 30, 60 and 90 days after the first order. */
  feedback: rule({
    id: 'first-order-feedback',
    description: 'Feedback request 30, 60 and 90 days after the first order',
    kind: 'scheduled',
    anchor: 'firstOrderAt',
    days: [30, 60, 90],
    at: '11:00',
    actions: [{ type: 'send', channel: 'alimtalk', purpose: 'info', message: { text: '첫 주문 이후 어떠셨나요? 후기를 남겨주세요.', templateCode: 'ORDER_FEEDBACK_01' } }],
  }),

  /** Win-back: customers who bought once but have not visited for 60 days. */
  winBack: rule({
    id: 'win-back',
    description: 'Win-back offer after 60 days without a visit',
    kind: 'scheduled',
    anchor: 'lastVisitAt',
    days: [60],
    at: '10:30',
    audience: { '>=': [{ var: 'profile.orderCount' }, 1] },
    actions: [{ type: 'send', channel: 'sms', purpose: 'ad', message: adText('오랜만이에요! 돌아오시면 15% 할인.') }],
  }),

  /** Dormancy: a year without a visit tags the customer `dormant` (the send gate keeps ads from them). */
  dormancy: rule({
    id: 'dormancy',
    description: 'Tag dormant after 365 days without a visit',
    kind: 'scheduled',
    anchor: 'lastVisitAt',
    days: [365],
    at: '04:00',
    actions: [{ type: 'tag', add: ['dormant'] }],
  }),

  /** A dormant customer who comes back is dormant no more. */
  reactivation: rule({
    id: 'reactivation',
    description: 'Remove the dormant tag when the customer is back',
    kind: 'trigger',
    on: ['page_viewed', 'logged_in'],
    audience: { has_tag: ['dormant'] },
    actions: [{ type: 'tag', remove: ['dormant'] }],
  }),
} satisfies Record<string, Rule>;

export const ALL_AUTOMATIONS: Rule[] = Object.values(AUTOMATIONS);

import { describe, expect, it } from 'vitest';
import type { ActionCheck } from '../../../lib/rules/action-checks.js';
import { ACTION_CHECKS } from '../../../lib/rules/action-checks.js';
import { formatRuleIssue } from '../../../lib/rules/rule-issue.js';
import { RuleSchema } from '../../../lib/rules/rule-schema.js';
import { validateRules, type ValidateRulesOptions } from '../../../lib/rules/validate-rules.js';
import { RULE_ACTION_CHECKS } from '../../../lib/sends/message-template-check.js';

const SCHEMA = './rule.schema.json';
const send = { type: 'send', channel: 'brand_message', purpose: 'ad', message: { text: '장바구니를 확인해 보세요' } };
const segment = (id: string, condition: unknown) => ({ $schema: SCHEMA, id, version: 1, description: 'd', kind: 'segment', condition });
const trigger = (id: string, fields: Record<string, unknown>) => ({ $schema: SCHEMA, id, version: 1, description: 'd', kind: 'trigger', on: ['cart_updated'], actions: [send], ...fields });
const file = (rule: { id: string }) => ({ file: `rules/${rule.id}.json`, text: JSON.stringify(rule) });

/** Every issue of the files, as the CLI prints it. */
const messages = (files: Array<{ file: string; text: string }>, options: ValidateRulesOptions = { expectSchemaRef: true }) =>
  validateRules(files, options).issues.map(formatRuleIssue);

describe('validateRules', () => {
  it('names an unknown operator with its path and the operator meant', () => {
    // Arrange
    const rule = trigger('cart-abandonment', { wait: { hours: 24 }, cancelOn: ['order_placed'], audience: { and: [true, true, { has_tags: 'vip' }] } });

    // Act + Assert
    expect(messages([file(rule)])).toEqual(['rules/cart-abandonment.json: audience.and[2]: unknown operator "has_tags" — did you mean "has_tag"?']);
  });

  it('reports arguments an operator cannot take', () => {
    // Act + Assert
    expect(messages([file(segment('two-args', { has_consent: ['sms'] }))])).toEqual([
      'rules/two-args.json: condition: has_consent takes 2 arguments, got 1 — write {"has_consent": [channel, purpose]}',
    ]);
  });

  it('says which field is unknown and which one was meant', () => {
    // Arrange
    const { condition, ...rest } = segment('typo', true);

    // Act + Assert
    expect(messages([file({ ...rest, condtion: condition } as never)])).toEqual([
      'rules/typo.json: condition: is missing',
      'rules/typo.json: condtion: unknown field "condtion" — did you mean "condition"?',
    ]);
  });

  it('suggests the value meant for a misspelt event type', () => {
    // Act + Assert
    expect(messages([file(trigger('typo-event', { on: ['cart_update'] }))])).toEqual(['rules/typo-event.json: on[0]: "cart_update" is not allowed — did you mean "cart_updated"?']);
  });

  it('reports a file that is not JSON, with the line', () => {
    // Act + Assert
    expect(messages([{ file: 'rules/broken.json', text: '{\n  "id": "broken",\n}' }])).toEqual([expect.stringMatching(/^rules\/broken\.json: not valid JSON \(line 3, column 1\): /)]);
  });

  it('wants the id to be the file name, and ids to be unique', () => {
    // Arrange
    const rule = segment('vip', true);

    // Act + Assert
    expect(messages([{ file: 'rules/vips.json', text: JSON.stringify(rule) }, file(rule)])).toEqual([
      'rules/vips.json: id: "vip" is not the file name — rename the file to vip.json or set "id": "vips"',
      'rules/vip.json: id: "vip" is also the id of rules/vips.json — ids must be unique',
    ]);
  });

  it('reports a segment that is not defined, and a rule that is not a segment', () => {
    // Arrange
    const files = [file(segment('vip', true)), file(segment('uses-others', { or: [{ in_segment: 'vipp' }, { in_segment: 'cart-left' }] })), file(trigger('cart-left', {}))];

    // Act + Assert
    expect(messages(files)).toEqual([
      'rules/uses-others.json: condition.or[0].in_segment: segment "vipp" is not defined — did you mean "vip"?',
      'rules/uses-others.json: condition.or[1].in_segment: "cart-left" is a trigger rule — in_segment takes the id of a segment',
    ]);
  });

  it('reports segments that include each other', () => {
    // Arrange
    const files = [file(segment('first', { in_segment: 'second' })), file(segment('second', { and: [true, { in_segment: 'first' }] }))];

    // Act + Assert
    expect(messages(files)).toEqual([
      'rules/first.json: condition.in_segment: segments include each other: first → second → first — a segment cannot include itself, directly or through others',
      'rules/second.json: condition.and[1].in_segment: segments include each other: second → first → second — a segment cannot include itself, directly or through others',
    ]);
  });

  it('wants a wait after a cart to be cancelled by an order', () => {
    // Act + Assert
    expect(messages([file(trigger('cart-reminder', { wait: { hours: 24 } }))])).toEqual([
      'rules/cart-reminder.json: cancelOn: a wait after "cart_updated" must be cancelled by "order_placed" (the customer bought what was left) — add "order_placed" to cancelOn',
    ]);
  });

  it('refuses an event that both starts and cancels a wait, and warns of cancelOn without a wait', () => {
    // Act + Assert
    expect(messages([file(trigger('both', { wait: { hours: 1 }, cancelOn: ['order_placed', 'cart_updated'] })), file(trigger('no-wait', { cancelOn: ['order_placed'] }))])).toEqual([
      'rules/both.json: cancelOn: "cart_updated" both starts and cancels the rule — remove it from cancelOn (a new event of the same occurrence already moves the wait)',
      'warning: rules/no-wait.json: cancelOn: has no effect without a "wait" — remove it or add a wait',
    ]);
  });

  it('warns of fields that read nothing, without failing the rule', () => {
    // Arrange
    const rule = segment('typo-field', { and: [{ '>': [{ var: 'profile.orderCnt' }, 0] }, { '==': [{ var: 'event.type' }, 'x'] }, { var: 'profile.traits.anything' }, { var: 'profile.consent.sms.ad.state' }] });

    // Act
    const result = validateRules([file(rule)], { expectSchemaRef: true });

    // Assert
    expect(result.issues.map(formatRuleIssue)).toEqual([
      'warning: rules/typo-field.json: condition.and[0].>[0].var: unknown profile field "profile.orderCnt" — did you mean "profile.orderCount"?',
      'warning: rules/typo-field.json: condition.and[1].==[0].var: a segment is evaluated without an event — "event.type" is always null here',
    ]);
    expect(result.valid.map(({ rule: valid }) => valid.id)).toEqual(['typo-field']);
  });

  it('warns of a missing $schema in files', () => {
    // Arrange
    const { $schema: _, ...rule } = segment('bare', true);

    // Act + Assert
    expect(messages([file(rule as never)])).toEqual(['warning: rules/bare.json: $schema: add "$schema": "./rule.schema.json" as the first field, so editors complete and check this file']);
  });

  it('refuses advertising on AlimTalk', () => {
    // Act + Assert
    expect(messages([file(trigger('ad-alimtalk', { on: ['signed_up'], actions: [{ ...send, channel: 'alimtalk' }] }))])).toEqual([
      'rules/ad-alimtalk.json: actions[0].purpose: AlimTalk carries information only — use "purpose": "info", or send ads as "brand_message" or "sms"',
    ]);
  });

  it('refuses an AlimTalk without its template code and an information message with ad content', () => {
    // Arrange
    const rule = trigger('info-misfit', {
      on: ['signed_up'],
      actions: [
        { type: 'send', channel: 'alimtalk', purpose: 'info', message: { text: '가입을 환영합니다' } },
        { type: 'send', channel: 'sms', purpose: 'info', message: { text: '(광고) 봄 세일' } },
      ],
    });

    // Act + Assert
    expect(messages([file(rule)], { expectSchemaRef: true, actionChecks: RULE_ACTION_CHECKS })).toEqual([
      'rules/info-misfit.json: actions[0].message.templateCode: AlimTalk sends approved templates only: add the template code Kakao approved for this text',
      'rules/info-misfit.json: actions[1].message.text: an information message must not carry ad content: use "purpose": "ad" (the (광고) label is then added for you)',
    ]);
  });

  it('runs the action checks it is given', () => {
    // Arrange
    const noExclamation: ActionCheck = (action, path) => (action.type === 'send' && action.message?.text.includes('!') ? [{ path: `${path}.message.text`, message: 'no "!" please' }] : []);
    const rule = trigger('loud', { on: ['signed_up'], actions: [{ ...send, message: { text: '안녕!' } }] });

    // Act + Assert
    expect(messages([file(rule)], { actionChecks: [...ACTION_CHECKS, noExclamation] })).toEqual(['rules/loud.json: actions[0].message.text: no "!" please']);
  });

  it('resolves references against the rules in force, reporting only the rules checked', () => {
    // Arrange: an HTTP body for one rule, with the workspace's stored rules as context.
    const stored = [RuleSchema.parse(segment('vip', { in_segment: 'recent' })), RuleSchema.parse(segment('recent', { in_segment: 'vip' }))];
    const body = segment('big-spenders', { in_segment: 'vip' });

    // Act
    const result = validateRules([{ file: 'rules/big-spenders.json', value: body }], { context: stored });

    // Assert: the stored cycle is not this rule's problem.
    expect(result.issues).toEqual([]);
    expect(result.valid).toHaveLength(1);
  });
});

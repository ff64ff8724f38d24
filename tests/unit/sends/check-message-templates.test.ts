import { describe, expect, it } from 'vitest';
import { checkMessageTemplates } from '../../../lib/sends/check-message-templates.js';
import { adAction } from '../../support/sends.js';

const withText = (text: string, overrides: Record<string, unknown> = {}) => adAction({ message: { text }, ...overrides });

describe('message template checks', () => {
  it('accept the cart reminder of the issue', () => {
    // Arrange
    const action = withText('{{ profile.traits.name | default: "고객" }}님, 장바구니에 담아두신 {{ event.cart.items[0].name }}…');
    // Act + Assert
    expect(checkMessageTemplates(action)).toEqual([]);
  });

  it('refuse a trait without a default, and show the fix', () => {
    // Arrange
    const action = withText('{{ profile.traits.name }}님, 안녕하세요');
    // Act + Assert
    expect(checkMessageTemplates(action)).toEqual([
      { path: 'message.text', message: '{{ profile.traits.name }} may be missing for some customers: add a fallback, e.g. {{ profile.traits.name | default: "…" }}' },
    ]);
  });

  it('refuse a nullable computed value without a default', () => {
    // Arrange
    const action = withText('마지막 주문 후 {{ computed.daysSinceLastOrder }}일');
    // Act + Assert
    expect(checkMessageTemplates(action)).toHaveLength(1);
  });

  it('let a tag test a value that may be missing', () => {
    // Arrange
    const action = withText('{% if profile.traits.vip %}VIP {% endif %}고객님');
    // Act + Assert
    expect(checkMessageTemplates(action)).toEqual([]);
  });

  it('let loops use their own variables', () => {
    // Arrange
    const action = withText('{% for item in event.cart.items %}{{ item.name }} {{ forloop.index }}{% endfor %}');
    // Act + Assert
    expect(checkMessageTemplates(action)).toEqual([]);
  });

  it('name a misspelt profile field and suggest the right one', () => {
    // Arrange
    const action = withText('{{ profile.trait.name | default: "고객" }}');
    // Act + Assert
    expect(checkMessageTemplates(action)[0]?.message).toBe('{{ profile.trait.name }}: the profile has no field "trait" — did you mean "traits"?');
  });

  it('name an event path no event has', () => {
    // Arrange
    const action = withText('{{ event.cart.itmes[0].name }}');
    // Act + Assert
    expect(checkMessageTemplates(action)[0]?.message).toBe('{{ event.cart.itmes[0].name }}: no event has "event.cart.itmes[0].name"');
  });

  it('name an unknown root variable', () => {
    // Arrange
    const action = withText('{{ evnt.cart }}');
    // Act + Assert
    expect(checkMessageTemplates(action)[0]?.message).toContain('unknown variable "evnt"');
  });

  it('report Liquid syntax errors and unknown filters', () => {
    // Arrange
    const action = withText('{{ profile.orderCount | upcasee }}');
    // Act + Assert
    expect(checkMessageTemplates(action)[0]?.message).toMatch(/^Liquid: undefined filter: upcasee/);
  });

  it.each([
    ["{% include 'package.json' %}", 'include'],
    ["{%- render 'footer' -%}", 'render'],
    ["{% layout 'base' %}본문", 'layout'],
    ["{% liquid\n  include 'package.json'\n%}", 'include'],
  ])('refuse a tag that loads another template or a file: %s', (text, tag) => {
    // Arrange
    const action = withText(`안녕하세요 ${text}`);
    // Act + Assert
    expect(checkMessageTemplates(action)).toEqual([
      { path: 'message.text', message: expect.stringMatching(new RegExp(`^Liquid: \\{% ${tag} %\\} is not allowed: a message cannot load other templates or files`)) },
    ]);
  });

  it('say the same about a file that exists and one that does not', () => {
    // Arrange
    const [present, absent] = ["{% include 'package.json' %}", "{% include 'no-such-file.json' %}"].map((text) => checkMessageTemplates(withText(text))[0]?.message);
    // Act + Assert
    expect(present).toBe(absent);
  });

  it('point at the variant and field of the problem', () => {
    // Arrange
    const action = adAction({
      message: undefined,
      variants: [
        { id: 'a', message: { text: '안녕하세요' } },
        { id: 'b', message: { text: '안녕하세요', title: '{{ profile.traits.name }}님께' } },
      ],
    });
    // Act + Assert
    expect(checkMessageTemplates(action).map((issue) => issue.path)).toEqual(['variants[1].message.title']);
  });

  it('refuse the ad label on an information message', () => {
    // Arrange
    const action = withText('(광고) 주문하신 상품이 출발했어요', { channel: 'alimtalk', purpose: 'info', message: { text: '(광고) 주문하신 상품이 출발했어요', templateCode: 'T1' } });
    // Act + Assert
    expect(checkMessageTemplates(action)[0]?.message).toContain('must not carry ad content');
  });

  it('refuse an AlimTalk without its approved template code', () => {
    // Arrange
    const action = withText('주문하신 상품이 출발했어요', { channel: 'alimtalk', purpose: 'info' });
    // Act + Assert
    expect(checkMessageTemplates(action)).toEqual([{ path: 'message.templateCode', message: expect.stringContaining('approved templates only') }]);
  });
});

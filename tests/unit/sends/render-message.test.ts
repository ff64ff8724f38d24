import { describe, expect, it } from 'vitest';
import { liquid, renderMessage, TemplateRenderError } from '../../../lib/sends/render-message.js';
import { templateScope } from '../../../lib/sends/template-scope.js';
import { canonical } from '../../support/canonical-events.js';
import { profile, SENDER } from '../../support/sends.js';

const scopeFor = (overrides: Parameters<typeof profile>[0] = {}) =>
  templateScope({
    profile: profile(overrides),
    event: canonical('2026-03-01T12:00:00Z', { type: 'cart_updated', cart: { mode: 'snapshot', items: [{ productId: 'p-1', name: '토너', price: 15000, quantity: 2 }] } }),
    now: new Date('2026-03-02T01:00:00.000Z'),
    timeZone: 'Asia/Seoul',
    sender: SENDER,
  });

describe('rendering', () => {
  it('fills profile and event variables', () => {
    // Arrange + Act
    const content = renderMessage({ text: '{{ profile.traits.name | default: "고객" }}님, 장바구니에 담아두신 {{ event.cart.items[0].name }}…' }, scopeFor());
    // Assert
    expect(content.text).toBe('김민지님, 장바구니에 담아두신 토너…');
  });

  it('falls back to the default when the trait is missing', () => {
    // Arrange + Act
    const content = renderMessage({ text: '{{ profile.traits.name | default: "고객" }}님' }, scopeFor({ traits: {} }));
    // Assert
    expect(content.text).toBe('고객님');
  });

  it('computes days since the last order in the workspace time zone', () => {
    // Arrange: the last order was on 2026-02-28 in Seoul (14:59 UTC), now is 2026-03-02 10:00 in Seoul
    const content = renderMessage({ text: '{{ computed.daysSinceLastOrder | default: "?" }}' }, scopeFor({ lastOrderAt: '2026-02-28T14:59:00.000Z' }));
    // Assert
    expect(content.text).toBe('2');
  });

  it('names the shop', () => {
    // Arrange + Act
    const content = renderMessage({ text: '{{ shop.name }}에서 알려드려요' }, scopeFor());
    // Assert
    expect(content.text).toBe('데모샵에서 알려드려요');
  });

  it('refuses a text that renders to nothing', () => {
    // Arrange + Act + Assert
    expect(() => renderMessage({ text: '{{ profile.traits.nickname }}' }, scopeFor())).toThrow(TemplateRenderError);
  });

  it('cannot reach prototype properties', () => {
    // Arrange + Act
    const content = renderMessage({ text: 'x{{ profile.traits.constructor }}' }, scopeFor());
    // Assert
    expect(content.text).toBe('x');
  });
});

describe('rendering a template that got past validation', () => {
  it.each(["{% include 'package.json' %}", "{% render 'package.json' %}", "{% layout 'package.json' %}x", "{% liquid include 'package.json' %}"])('reads no file: %s', (text) => {
    // Arrange + Act
    const failure = (() => {
      try {
        return renderMessage({ text: `안녕하세요 ${text}` }, scopeFor());
      } catch (error) {
        return error;
      }
    })();
    // Assert
    expect(failure).toBeInstanceOf(TemplateRenderError);
    expect((failure as Error).message).toMatch(/^text: \{% (include|render|layout) %\} is not allowed/);
    expect((failure as Error).message).not.toContain('retain');
  });

  it('has an engine with no file system: a file that exists fails like one that does not', () => {
    // Arrange
    const failureOf = (file: string) => {
      try {
        return String(liquid.renderFileSync(file, {}));
      } catch (error) {
        return (error as Error).message.replaceAll(file, '<file>');
      }
    };
    // Act
    const [present, absent] = [failureOf('package.json'), failureOf('no-such-file.json')];
    // Assert
    expect(present).not.toContain('"name": "retain"');
    expect(present).toBe(absent);
  });
});

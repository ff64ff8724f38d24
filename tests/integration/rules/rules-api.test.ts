import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp } from '../../../infra/local/simulate/segment-messages.js';
import { formatRuleIssue, type RuleIssue } from '../../../lib/rules/rule-issue.js';
import { createCustomer, fire, ledgerOf, sendRule } from '../../support/send-app.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const tagging = (id: string, fields: Record<string, unknown> = {}) => ({
  $schema: './rule.schema.json', id, version: 1, description: '가입하면 태그', kind: 'trigger', on: ['signed_up'], actions: [{ type: 'tag', add: [`${id}-tagged`] }], ...fields,
});
const put = (id: string, body: unknown) => app.request(`/v1/rules/${id}`, { method: 'PUT', json: body });
const messages = async (response: Response) => ((await bodyOf(response)).issues as RuleIssue[]).map(formatRuleIssue);

describe('PUT /v1/rules/{ruleId}', () => {
  it('stores a new version (201), answers a repeat with 200, a higher version with 201 and the version it replaces', async () => {
    // Act
    const created = await put('push-1', tagging('push-1'));
    const repeated = await put('push-1', tagging('push-1'));
    const raised = await put('push-1', tagging('push-1', { version: 2, priority: 70 }));
    // Assert
    expect([created.status, repeated.status, raised.status]).toEqual([201, 200, 201]);
    expect(await bodyOf(created)).toMatchObject({ status: 'created', rule: { id: 'push-1', version: 1 }, issues: [] });
    expect(await bodyOf(repeated)).toMatchObject({ status: 'unchanged', rule: { version: 1 } });
    expect(await bodyOf(raised)).toMatchObject({ status: 'created', previousVersion: 1, rule: { version: 2, priority: 70 } });
  });

  it('refuses an invalid rule with the messages of `rules validate`', async () => {
    // Act
    const response = await put('push-2', tagging('push-2', { audience: { and: [true, true, { has_tags: 'vip' }] } }));
    // Assert
    expect(response.status).toBe(400);
    expect(await messages(response.clone())).toEqual(['rules/push-2.json: audience.and[2]: unknown operator "has_tags" — did you mean "has_tag"?']);
    expect((await bodyOf(response)).message).toBe('rules/push-2.json: audience.and[2]: unknown operator "has_tags" — did you mean "has_tag"?');
  });

  it('refuses a message template whose variable may be missing and has no default', async () => {
    // Act
    const response = await put('push-3', tagging('push-3', { actions: [{ type: 'send', channel: 'sms', purpose: 'info', message: { text: '{{ profile.traits.name }}님 환영합니다' } }] }));
    // Assert
    expect(response.status).toBe(400);
    expect(await messages(response)).toEqual([expect.stringMatching(/^rules\/push-3\.json: actions\[0\]\.message\.text: \{\{ profile\.traits\.name \}\} may be missing/)]);
  });

  it.each([
    ["{% include 'package.json' %}", 'include'],
    ["{% render 'no-such-file' %}", 'render'],
  ])('refuses a message template that loads a file (%s), without reading it', async (text, tag) => {
    // Act
    const response = await put('push-8', tagging('push-8', { actions: [{ type: 'send', channel: 'sms', purpose: 'info', message: { text: `안내 ${text}` } }] }));
    // Assert
    expect(response.status).toBe(400);
    const body = await bodyOf(response);
    expect(body.issues.map(formatRuleIssue)).toEqual([
      `rules/push-8.json: actions[0].message.text: Liquid: {% ${tag} %} is not allowed: a message cannot load other templates or files — write the text into the message itself, line:1, col:4`,
    ]);
    expect(JSON.stringify(body)).not.toContain('"private": true');
  });

  it('answers 409 to another rule under a version that is not above the active one', async () => {
    // Arrange
    await put('push-4', tagging('push-4'));
    // Act
    const response = await put('push-4', tagging('push-4', { priority: 90 }));
    // Assert
    expect(response.status).toBe(409);
    expect(await bodyOf(response)).toMatchObject({ error: 'version_conflict', activeVersion: 1, message: expect.stringContaining('set "version": 2') });
  });

  it('wants the id of the body to be the id of the URL', async () => {
    // Act
    const response = await put('push-5', tagging('push-6'));
    // Assert
    expect(response.status).toBe(400);
    expect(await messages(response)).toEqual(['rules/push-5.json: id: "push-6" is not the rule pushed here ("push-5") — set "id": "push-5" or push it as push-6']);
  });

  it('puts a pushed rule in force at once, though the rules in force were just read', async () => {
    // Arrange
    await app.postEvents(signedUp('push-7-before', new Date().toISOString()));
    await app.drain();
    // Act
    await put('push-7', tagging('push-7'));
    await app.postEvents(signedUp('push-7-after', new Date().toISOString()));
    await app.drain();
    // Assert
    expect((await app.customer('push-7-before'))?.['tags']).not.toContain('push-7-tagged');
    expect((await app.customer('push-7-after'))?.['tags']).toContain('push-7-tagged');
  });
});

describe('GET /v1/rules', () => {
  it('lists the active version of each rule, reads one, and its versions newest first', async () => {
    // Arrange
    await put('read-1', tagging('read-1'));
    await put('read-1', tagging('read-1', { version: 3, description: '셋째' }));
    // Act
    const list = await bodyOf(await app.request('/v1/rules'));
    const one = await bodyOf(await app.request('/v1/rules/read-1'));
    const versions = await bodyOf(await app.request('/v1/rules/read-1/versions'));
    // Assert
    expect(list.rules.find((stored: { rule: { id: string } }) => stored.rule.id === 'read-1')).toMatchObject({ rule: { version: 3 }, pushedAt: expect.any(String) });
    expect(one).toMatchObject({ rule: { id: 'read-1', version: 3, description: '셋째' } });
    expect(one.rule).not.toHaveProperty('$schema');
    expect(versions).toMatchObject({ ruleId: 'read-1', versions: [{ rule: { version: 3 } }, { rule: { version: 1 } }] });
  });

  it.each(['/v1/rules/nothing', '/v1/rules/nothing/versions'])('answers 404 naming an unknown rule at %s', async (path) => {
    // Act
    const response = await app.request(path);
    // Assert
    expect(response.status).toBe(404);
    expect((await bodyOf(response)).message).toContain('No rule "nothing"');
  });
});

describe('POST /v1/rules/{ruleId}/test', () => {
  it('gives the verdict for a customer, what the event does to waits, and the audience explained', async () => {
    // Arrange
    await put('vip-test', { id: 'vip-test', version: 1, description: 'VIP', kind: 'segment', condition: { '>=': [{ var: 'profile.totalSpent' }, 1_000_000] } });
    await put('cart-test', tagging('cart-test', { on: ['cart_updated'], wait: { hours: 24 }, cancelOn: ['order_placed'], audience: { in_segment: 'vip-test' } }));
    // Act
    const response = await app.request('/v1/rules/cart-test/test', { method: 'POST', json: { profile: { totalSpent: 1_500_000 }, event: { type: 'cart_updated' }, now: '2026-03-02T10:00:00+09:00' } });
    // Assert
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toMatchObject({
      ruleId: 'cart-test',
      applies: true,
      checks: [{ holds: true }, { holds: true, text: expect.stringContaining('maxEventAge') }],
      trigger: { starts: true, cancelsWait: false, wait: { hours: 24 } },
      explanation: { text: 'in_segment("vip-test")', holds: true, children: [{ text: 'profile.totalSpent >= 1000000', holds: true }] },
    });
  });

  it('names a field of the request it cannot use', async () => {
    // Arrange
    await put('bad-test', tagging('bad-test'));
    // Act
    const response = await app.request('/v1/rules/bad-test/test', { method: 'POST', json: { profile: {}, now: 'yesterday' } });
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'now', message: expect.any(String) }]);
  });

  it('answers 404 naming an unknown rule', async () => {
    // Act
    const response = await app.request('/v1/rules/nothing/test', { method: 'POST', json: { profile: {} } });
    // Assert
    expect(response.status).toBe(404);
    expect((await bodyOf(response)).message).toContain('No rule "nothing"');
  });
});

describe('a message template stored without validation', () => {
  it('cannot read a file at send time: the send is blocked and the ledger holds no file text', async () => {
    // Arrange: written straight into the rule store, as an older Retain or a hand edit could have
    const rule = sendRule('stored-include', { purpose: 'info', message: { text: "안내 {% include 'package.json' %}" } });
    await app.runtime.ruleStore.save(app.workspace, rule, new Date().toISOString());
    app.runtime.activeRules.invalidate(app.workspace);
    await createCustomer(app, 'include-1', { sms: { info: true } }, new Date().toISOString());
    // Act
    await fire(app, 'include-1', 'stored-include');
    await app.drain();
    // Assert
    const ledger = await ledgerOf(app, 'include-1');
    expect(ledger).toMatchObject([{ rule: { id: 'stored-include' }, state: 'blocked', outcome: 'blocked-misconfigured', reason: expect.stringContaining('{% include %} is not allowed') }]);
    expect(JSON.stringify(ledger)).not.toContain('"private": true');
  });
});

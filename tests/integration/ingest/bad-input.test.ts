import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../support/fixtures.js';
import { bodyOf, startTestApp, type TestApp } from '../../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const post = (body: string, headers: Record<string, string> = {}) =>
  app.request('/v1/events', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('POST /v1/events with bad input', () => {
  it('answers 401 without a key and with a wrong key, before reading the body', async () => {
    // Arrange + Act
    const missing = await fetch(`${app.url}/v1/events`, { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    const wrong = await post('{', { authorization: 'Bearer not-the-key' });
    // Assert
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await bodyOf(wrong)).toEqual({ error: 'unauthorized', message: 'The API key is not valid.' });
  });

  it('answers 400 for malformed JSON', async () => {
    // Arrange + Act
    const response = await post('{"type": "track",');
    // Assert
    expect(response.status).toBe(400);
    expect(await bodyOf(response)).toEqual({ error: 'malformed_json', message: 'The body is not valid JSON.' });
  });

  it('answers 415 when the body is not declared as JSON', async () => {
    // Arrange + Act
    const response = await post('{}', { 'content-type': 'text/plain' });
    // Assert
    expect(response.status).toBe(415);
  });

  it('lists every field problem of an invalid message', async () => {
    // Arrange
    const message = { type: 'track', messageId: 'bad-1', userId: 820982911946154508, timestamp: '2026-03-01 10:00', event: 'Order Completed', properties: {} };
    // Act
    const response = await post(JSON.stringify(message));
    // Assert
    expect(response.status).toBe(400);
    expect(await bodyOf(response)).toEqual({
      error: 'invalid_request',
      message: 'The request is not valid.',
      issues: [
        { path: 'userId', message: 'send ids as strings: numbers above 2^53 lose digits' },
        { path: 'timestamp', message: 'must be an ISO-8601 time with a zone, e.g. 2026-03-01T10:00:00+09:00' },
      ],
    });
  });

  it('names the missing field of a known e-commerce event', async () => {
    // Arrange
    const message = { type: 'track', messageId: 'bad-2', userId: 'u-1', event: 'Order Completed', properties: { total: 1000 } };
    // Act
    const response = await post(JSON.stringify(message));
    // Assert
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).issues).toEqual([{ path: 'properties.order_id', message: "required: the order's id" }]);
  });

  it('accepts the good messages of a batch and reports the bad ones by index', async () => {
    // Arrange
    const good = fixture('segment/page.complete_example.json');
    const batch = [good, { type: 'page', messageId: 'no-user' }, { ...good, messageId: 'other', type: 'tracks' }];
    // Act
    const response = await app.postEvents({ batch });
    // Assert
    expect(response.status).toBe(207);
    expect(await bodyOf(response)).toEqual({
      accepted: 1,
      duplicates: 0,
      deferred: 0,
      ignored: 0,
      rejected: [
        { index: 1, issues: [{ path: 'batch[1].userId', message: 'required: a userId or an anonymousId identifies the customer' }] },
        { index: 2, issues: [{ path: 'batch[2].type', message: 'must be one of identify, track, page, screen, alias, group' }] },
      ],
    });
  });

  it('answers 413 for a body over 256 KB', async () => {
    // Arrange
    const message = { ...fixture('segment/page.complete_example.json'), properties: { padding: 'x'.repeat(300 * 1024) } };
    // Act
    const response = await app.postEvents(message);
    // Assert
    expect(response.status).toBe(413);
    expect((await bodyOf(response)).error).toBe('payload_too_large');
  });

  it('rejects one message over 32 KB inside a batch, keeping the others', async () => {
    // Arrange
    const page = fixture('segment/page.complete_example.json');
    const batch = [{ ...page, messageId: 'big', properties: { padding: 'x'.repeat(40 * 1024) } }, { ...page, messageId: 'small' }];
    // Act
    const response = await app.postEvents({ batch });
    // Assert
    expect(response.status).toBe(207);
    expect((await bodyOf(response)).rejected).toEqual([{ index: 0, issues: [{ path: 'batch[0]', message: 'the message is 41 KB; at most 32 KB per message' }] }]);
  });

  it('answers 400, not 500, for JSON that is not an object', async () => {
    // Arrange + Act
    const responses = await Promise.all(['null', '42', '[]', '{"batch": []}', '{"batch": "x"}'].map((body) => post(body)));
    // Assert
    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
  });
});

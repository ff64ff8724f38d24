import { describe, expect, it } from 'vitest';
import { mapSegmentMessage } from '../../../lib/events/segment/map-segment-message.js';
import { SegmentMessageSchema } from '../../../lib/events/segment/segment-message.js';
import { ValidationError } from '../../../lib/validation/field-issues.js';

const RECEIVED = '2026-12-02T12:00:00.000Z';
const track = (times: Record<string, string>) => ({ type: 'track', messageId: 'm-1', userId: 'u-1', event: 'Review Written', ...times });
const occurredAtOf = (message: unknown) => {
  const mapped = mapSegmentMessage(SegmentMessageSchema.parse(message), 'demo', RECEIVED);
  if (mapped.kind !== 'event') throw new Error(mapped.reason);
  return mapped.event.occurredAt;
};
const issuesOf = (message: unknown) => {
  const parsed = SegmentMessageSchema.safeParse(message);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  try {
    mapSegmentMessage(parsed.data, 'demo', RECEIVED);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the message to be refused');
};

describe('the time of a Segment-spec message', () => {
  it("corrects the sender's clock by sentAt, as Segment does: a phone set to 2099 still gives the real time", () => {
    // Arrange  (happened 30 s before it was sent, by the phone's clock)
    const message = track({ timestamp: '2099-01-01T00:00:00Z', sentAt: '2099-01-01T00:00:30Z' });
    // Act + Assert
    expect(occurredAtOf(message)).toBe('2026-12-02T11:59:30.000Z');
  });

  it('corrects a clock reset to 1970 the same way', () => {
    // Arrange + Act + Assert
    expect(occurredAtOf(track({ timestamp: '1970-01-01T00:10:00Z', sentAt: '1970-01-01T00:11:00Z' }))).toBe('2026-12-02T11:59:00.000Z');
  });

  it('keeps the timestamp of a message a Segment-spec server already received and corrected', () => {
    // Arrange
    const message = track({ timestamp: '2026-11-30T08:00:00Z', originalTimestamp: '2099-01-01T00:00:00Z', sentAt: '2099-01-01T00:00:01Z', receivedAt: '2026-11-30T08:00:01Z' });
    // Act + Assert
    expect(occurredAtOf(message)).toBe('2026-11-30T08:00:00.000Z');
  });

  it('takes the receipt when the message carries no time', () => {
    // Arrange + Act + Assert
    expect(occurredAtOf(track({}))).toBe(RECEIVED);
    expect(occurredAtOf(track({ sentAt: '2099-01-01T00:00:00Z' }))).toBe(RECEIVED);
  });

  it('refuses a timestamp far ahead of the receipt when there is no sentAt to correct it', () => {
    // Arrange + Act
    const issues = issuesOf(track({ timestamp: '2099-01-01T00:00:00Z' }));
    // Assert
    expect(issues).toEqual([{ path: 'timestamp', message: expect.stringContaining('2099-01-01T00:00:00.000Z is 72 years after Retain received the event') }]);
  });

  it('refuses an event that, corrected, happens long after it was sent', () => {
    // Arrange + Act
    const issues = issuesOf(track({ timestamp: '2099-01-01T00:00:00Z', sentAt: '2026-12-02T12:00:00Z' }));
    // Assert
    expect(issues).toEqual([{ path: 'timestamp', message: expect.stringContaining("corrected for the sender's clock by sentAt 2026-12-02T12:00:00.000Z) is 72 years after") }]);
  });

  it.each(['timestamp', 'originalTimestamp', 'sentAt', 'receivedAt'])('refuses impossible times in %s, naming it', (field) => {
    // Arrange + Act
    const tooEarly = issuesOf(track({ [field]: '0000-01-01T00:00:00+09:00' }));
    const tooLate = issuesOf(track({ [field]: '9999-12-31T23:59:59-09:00' }));
    // Assert
    expect(tooEarly).toEqual([{ path: field, message: expect.stringContaining('0000-01-01T00:00:00+09:00 is before 1970-01-01T00:00:00.000Z') }]);
    expect(tooLate).toEqual([{ path: field, message: expect.stringContaining('9999-12-31T23:59:59-09:00 is after 9999-12-31T23:59:59.999Z (UTC)') }]);
  });

  it("refuses a Shopify consent time in identify traits that is far ahead, naming the trait's field", () => {
    // Arrange
    const identify = {
      type: 'identify',
      messageId: 'm-2',
      userId: 'u-1',
      timestamp: '2026-12-02T11:00:00Z',
      traits: { smsMarketingConsent: { state: 'subscribed', consent_updated_at: '2099-01-01T00:00:00Z' } },
    };
    const signedUp = { ...track({ timestamp: '2026-12-02T11:00:00Z' }), event: 'Signed Up', context: { traits: { emailMarketingConsent: { state: 'subscribed', consent_updated_at: 'soon' } } } };
    // Act + Assert
    expect(issuesOf(identify)).toEqual([{ path: 'traits.smsMarketingConsent.consent_updated_at', message: expect.stringContaining('is 72 years after') }]);
    expect(issuesOf(signedUp)).toEqual([{ path: 'context.traits.emailMarketingConsent.consent_updated_at', message: expect.stringContaining('must be an ISO-8601 time with a zone') }]);
  });
});

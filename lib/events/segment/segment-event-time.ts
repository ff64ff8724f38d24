import type { ReceiptWindow } from '../../time/event-time-window.js';
import type { SegmentMessage } from './segment-message.js';

/**
 * When a Segment-spec message happened, as Segment's spec computes `timestamp`: the sender's
 * clock is corrected by how far its `sentAt` is from the receipt,
 * `receivedAt − (sentAt − originalTimestamp)`, so a phone set to 2099 (or reset to 1970)
 * still gives the real time. A library sends its clock's time as `timestamp`; a message that
 * already carries a `receivedAt` was received by a Segment-spec server, which corrected its
 * `timestamp` already. Then the window: refused beyond it, no later than the receipt.
 */
export const segmentEventTime = (message: SegmentMessage, window: ReceiptWindow): string => {
  const upstream = message.receivedAt;
  if (upstream !== undefined && message.timestamp !== undefined) return window.time('timestamp', message.timestamp);
  const [field, original] =
    upstream === undefined && message.timestamp !== undefined ? ['timestamp', message.timestamp] : ['originalTimestamp', message.originalTimestamp];
  if (original === undefined) return upstream === undefined ? window.receivedAt : window.time('receivedAt', upstream);
  if (message.sentAt === undefined) return window.time(field, original);
  const base = Date.parse(upstream ?? window.receivedAt);
  const corrected = base - (Date.parse(message.sentAt) - Date.parse(original));
  return window.time(field, corrected, `${field} ${original} corrected for the sender's clock by sentAt ${message.sentAt}`);
};

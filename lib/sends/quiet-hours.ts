import type { Channel } from '../events/canonical-event.js';
import { addDays } from '../time/local-date.js';
import { localClock, minutesOf, zonedInstant } from '../time/zoned-time.js';
import { inWindow, type QuietWindow } from './send-settings.js';
import type { WorkspaceSettings } from '../workspaces/workspace-settings.js';
import type { Recipient } from './recipient.js';

/**
 * The quiet windows a message must stay out of: ads without night consent keep out of
 * 21:00–08:00; Kakao Brand Messages keep out of 20:50–08:00 whatever the consent.
 * Information messages have none.
 */
export const quietWindowsFor = (
  send: { channel: Channel; purpose: 'info' | 'ad'; nightConsent: boolean },
  quietHours: WorkspaceSettings['quietHours'],
): QuietWindow[] => [
  ...(send.purpose === 'ad' && !send.nightConsent ? [quietHours.ad] : []),
  ...(send.channel === 'brand_message' ? [quietHours.brandMessage] : []),
];

/** When the window an instant falls in ends (local time in `timeZone`); undefined outside it. */
export const windowEnd = (instant: Date, window: QuietWindow, timeZone: string): Date | undefined => {
  const { date, minutes } = localClock(instant, timeZone);
  if (!inWindow(window, minutes)) return undefined;
  const spansMidnight = minutesOf(window.start) > minutesOf(window.end);
  const endDate = spansMidnight && minutes >= minutesOf(window.start) ? addDays(date, 1) : date;
  return zonedInstant(endDate, window.end, timeZone);
};

/**
 * Where a recipient's night is judged. Korean law protects the recipient, so a Korean mobile
 * number (+82) is judged in Asia/Seoul whatever the workspace's zone. Retain knows no other
 * recipient's zone (an e-mail address, a foreign number, a webhook customer): it may be in
 * Korea, or where the shop is, so both the workspace zone and Asia/Seoul hold — the stricter.
 */
export const LAW_TIME_ZONE = 'Asia/Seoul';

export const quietZonesFor = (recipient: Recipient, workspaceZone: string): string[] =>
  recipient.kind === 'phone' && recipient.e164.startsWith('+82') ? [LAW_TIME_ZONE] : [...new Set([workspaceZone, LAW_TIME_ZONE])];

/** A send's quiet windows and the zones they hold in: it may go out only outside every window in every zone. */
export interface QuietRule {
  windows: readonly QuietWindow[];
  zones: readonly string[];
}

/**
 * The first instant at or after `at` outside every window in every zone: deferred to the
 * end of the quiet hours, never dropped. Windows may touch (and zones overlap), so it
 * checks again after each move.
 */
export const earliestAllowed = (at: Date, quiet: QuietRule): Date => {
  let current = at;
  const limit = 4 * Math.max(1, quiet.zones.length);
  for (let moved = true, rounds = 0; moved && rounds < limit; rounds += 1) {
    moved = false;
    for (const zone of quiet.zones) {
      for (const window of quiet.windows) {
        const end = windowEnd(current, window, zone);
        if (end && end > current) {
          current = end;
          moved = true;
        }
      }
    }
  }
  return current;
};

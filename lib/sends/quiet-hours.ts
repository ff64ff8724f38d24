import type { Channel } from '../events/canonical-event.js';
import { addDays } from '../time/local-date.js';
import { localClock, minutesOf, zonedInstant } from '../time/zoned-time.js';
import { inWindow, type QuietWindow } from './send-settings.js';
import type { WorkspaceSettings } from '../workspaces/workspace-settings.js';

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
 * The first instant at or after `at` outside every window: deferred to the end of the
 * quiet hours, never dropped. Windows may touch, so it checks again after each move.
 */
export const earliestAllowed = (at: Date, windows: QuietWindow[], timeZone: string): Date => {
  let current = at;
  for (let moved = true, rounds = 0; moved && rounds < 4; rounds += 1) {
    moved = false;
    for (const window of windows) {
      const end = windowEnd(current, window, timeZone);
      if (end && end > current) {
        current = end;
        moved = true;
      }
    }
  }
  return current;
};

import { localClock } from './zoned-time.js';

/** An instant as people in the workspace read it: `2026-03-02 08:00 (Asia/Seoul)`. */
export const formatLocal = (instant: Date, timeZone: string): string => {
  const { date, minutes } = localClock(instant, timeZone);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')} (${timeZone})`;
};

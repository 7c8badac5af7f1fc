import type { BusinessCalendar } from './business-calendar';
import { businessWindowsOn } from './business-windows-on';

/**
 * The business time of a local date's own windows (see {@link businessWindowsOn}), in
 * milliseconds. On a day the clocks change, a window across the change is an hour shorter or
 * longer than its wall-clock length.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param date - a local date `YYYY-MM-DD`
 * @returns milliseconds of business time
 * @throws {@link ValidationError} for an invalid calendar or date
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'Europe/Berlin', week: { sunday: [{ start: '00:00', end: '24:00' }] } });
 * businessTimeOnDate(office, '2026-03-29'); // => 82_800_000 (23 hours: the clocks went forward)
 * ```
 */
export function businessTimeOnDate(calendar: BusinessCalendar, date: string): number {
  let total = 0;
  for (const window of businessWindowsOn(calendar, date)) total += window.end.getTime() - window.start.getTime();
  return total;
}

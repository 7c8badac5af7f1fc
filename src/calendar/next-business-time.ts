import { OutOfRangeError } from '../core/out-of-range-error';
import { instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { CalendarIndex } from './calendar-index';

/**
 * The first instant at or after `at` when the calendar is open: `at` itself when it is open,
 * otherwise the next opening time.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param at - the instant
 * @returns `at`, or the start of the next business window
 * @throws {@link ValidationError} for an invalid calendar or `at`
 * @throws {@link OutOfRangeError} when the calendar never opens again before the end of
 *   {@link CALENDAR_HORIZON}
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * nextBusinessTime(office, new Date('2026-11-23T17:30:00Z')); // => 2026-11-30T09:00:00.000Z
 * ```
 */
export function nextBusinessTime(calendar: BusinessCalendar, at: Date): Date {
  const { index } = compiledCalendar(calendar);
  return new Date(nextBusinessMs(index, instantArgument(at, 'at')));
}

/** {@link nextBusinessTime} on epoch milliseconds. @internal */
export function nextBusinessMs(index: CalendarIndex, t: number): number {
  index.ensure(t, t);
  for (;;) {
    const i = index.windowAtOrBefore(t);
    if (i >= 0 && t < index.ends[i]!) return t;
    if (i + 1 < index.count && index.starts[i + 1]! <= index.authHi) return index.starts[i + 1]!;
    if (!index.extendForward()) {
      throw new OutOfRangeError(
        `the calendar does not open between ${new Date(t).toISOString()} and the end of its horizon`,
        { at: new Date(t).toISOString() },
      );
    }
  }
}

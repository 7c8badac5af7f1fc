import { OutOfRangeError } from '../core/out-of-range-error';
import { durationArgument, instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { CalendarIndex } from './calendar-index';

/**
 * The instant `durationMs` of business time before `to`: the **latest** instant `r <= to` with
 * `businessTimeBetween(calendar, r, to) === durationMs`. It mirrors {@link addBusinessTime}, so
 * the result can be an opening time: 17:00 minus 8 hours on a 09:00–17:00 day is 09:00 that day.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param to - where to count back from
 * @param durationMs - business time to subtract, a whole number of milliseconds, not negative
 * @returns the instant from which `durationMs` of business time runs up to `to`
 * @throws {@link ValidationError} for an invalid calendar, `to` or `durationMs`
 * @throws {@link OutOfRangeError} when there is too little business time between the start of
 *   {@link CALENDAR_HORIZON} and `to`
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * subtractBusinessTime(office, new Date('2026-11-23T12:00:00Z'), 2 * 3_600_000);
 * // => 2026-11-23T10:00:00.000Z
 * ```
 */
export function subtractBusinessTime(calendar: BusinessCalendar, to: Date, durationMs: number): Date {
  const { index } = compiledCalendar(calendar);
  const end = instantArgument(to, 'to');
  const duration = durationArgument(durationMs, 'durationMs');
  return new Date(subtractBusinessMs(index, end, duration));
}

/** {@link subtractBusinessTime} on epoch milliseconds. @internal */
export function subtractBusinessMs(index: CalendarIndex, end: number, duration: number): number {
  if (duration === 0) return end;
  index.ensure(end, end);
  for (;;) {
    const result = index.latestAt(index.cumAt(end) - duration);
    if (result >= index.authLo) return result;
    if (!index.extendBackward()) {
      throw new OutOfRangeError(
        `the calendar has less than ${duration} ms of business time between the start of its horizon and ${new Date(end).toISOString()}`,
        { to: new Date(end).toISOString(), durationMs: duration },
      );
    }
  }
}

import { OutOfRangeError } from '../core/out-of-range-error';
import { durationArgument, instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { CalendarIndex } from './calendar-index';

/**
 * The instant at which `durationMs` of business time has passed since `from`: the **earliest**
 * instant `r >= from` with `businessTimeBetween(calendar, from, r) === durationMs`.
 *
 * A duration of 0 gives `from` itself, even outside business hours. Because the result is the
 * earliest such instant, it can be a closing time: 09:00 plus 8 hours on a 09:00–17:00 day is
 * 17:00 that day, not 09:00 the next.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param from - where to start counting
 * @param durationMs - business time to add, a whole number of milliseconds, not negative
 * @returns the instant the duration is used up
 * @throws {@link ValidationError} for an invalid calendar, `from` or `durationMs`
 * @throws {@link OutOfRangeError} when the calendar has too little business time before the
 *   end of {@link CALENDAR_HORIZON} to cover the duration
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * addBusinessTime(office, new Date('2026-11-23T08:00:00Z'), 8 * 3_600_000);
 * // => 2026-11-23T16:00:00.000Z (17:00 in Berlin: closing time, the earliest answer)
 * ```
 */
export function addBusinessTime(calendar: BusinessCalendar, from: Date, durationMs: number): Date {
  const { index } = compiledCalendar(calendar);
  const start = instantArgument(from, 'from');
  const duration = durationArgument(durationMs, 'durationMs');
  return new Date(addBusinessMs(index, start, duration));
}

/** {@link addBusinessTime} on epoch milliseconds, for callers that have validated already. @internal */
export function addBusinessMs(index: CalendarIndex, start: number, duration: number): number {
  if (duration === 0) return start;
  // The hot path, kept small enough for the engine to inline: the index already covers the
  // answer. Growing the index and running out of horizon are left to a separate function.
  if (start >= index.authLo && start <= index.authHi) {
    const i = index.windowAtOrBefore(start);
    const result = index.earliestAt(index.cumIn(i, start) + duration, i);
    if (result <= index.authHi) return result;
  }
  return addGrowing(index, start, duration);
}

function addGrowing(index: CalendarIndex, start: number, duration: number): number {
  index.ensure(start, start);
  for (;;) {
    const i = index.windowAtOrBefore(start);
    const result = index.earliestAt(index.cumIn(i, start) + duration, i);
    if (result <= index.authHi) return result;
    if (!index.extendForward()) {
      throw new OutOfRangeError(
        `the calendar has less than ${duration} ms of business time between ${new Date(start).toISOString()} and the end of its horizon`,
        { from: new Date(start).toISOString(), durationMs: duration },
      );
    }
  }
}

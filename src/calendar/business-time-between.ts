import { instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { CalendarIndex } from './calendar-index';

/**
 * The business time between two instants, in milliseconds: the real elapsed time inside the
 * calendar's windows. Negative when `to` is before `from`, so it is antisymmetric and additive:
 * `between(a, b) + between(b, c) === between(a, c)`.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param from - the start
 * @param to - the end
 * @returns milliseconds of business time, negative when `to < from`
 * @throws {@link ValidationError} for an invalid calendar, `from` or `to`
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * businessTimeBetween(office, new Date('2026-11-23T08:00:00Z'), new Date('2026-11-24T08:00:00Z'));
 * // => 28_800_000 (8 hours)
 * ```
 */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const { index } = compiledCalendar(calendar);
  return businessMsBetween(index, instantArgument(from, 'from'), instantArgument(to, 'to'));
}

/** {@link businessTimeBetween} on epoch milliseconds. @internal */
export function businessMsBetween(index: CalendarIndex, from: number, to: number): number {
  if (from <= to) index.ensure(from, to);
  else index.ensure(to, from);
  return index.cumAt(to) - index.cumAt(from);
}

import { instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';

/**
 * Whether the calendar is open at an instant. Windows are `[start, end)`: open at the opening
 * time, closed at the closing time.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param at - the instant
 * @returns true inside a business window
 * @throws {@link ValidationError} for an invalid calendar or `at`
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * isBusinessTime(office, new Date('2026-11-23T09:00:00Z')); // => true
 * isBusinessTime(office, new Date('2026-11-23T17:00:00Z')); // => false
 * ```
 */
export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  const { index } = compiledCalendar(calendar);
  const t = instantArgument(at, 'at');
  index.ensure(t, t);
  const i = index.windowAtOrBefore(t);
  return i >= 0 && t < index.ends[i]!;
}

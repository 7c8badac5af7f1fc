import { OutOfRangeError } from '../core/out-of-range-error';
import { issue, ValidationError } from '../core/validation-error';
import { instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { BusinessWindow } from './business-window';

/** Most windows {@link businessWindowsBetween} returns in one call; ask for shorter spans. */
export const MAX_WINDOWS_PER_CALL = 100_000;

/**
 * The business windows that intersect `[from, to)`, cut to it, merged where they touch or
 * overlap, earliest first. This is the calendar as a host draws it on a timeline.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param from - the start of the span
 * @param to - the end of the span, not before `from`
 * @returns the windows; at most {@link MAX_WINDOWS_PER_CALL}
 * @throws {@link ValidationError} for an invalid calendar, `from` or `to`, or `to` before `from`
 * @throws {@link OutOfRangeError} for a span holding more than {@link MAX_WINDOWS_PER_CALL} windows
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * businessWindowsBetween(office, new Date('2026-11-23T12:00:00Z'), new Date('2026-11-30T10:00:00Z'));
 * // => [{ start: 2026-11-23T12:00Z, end: 2026-11-23T17:00Z }, { start: 2026-11-30T09:00Z, end: 2026-11-30T10:00Z }]
 * ```
 */
export function businessWindowsBetween(calendar: BusinessCalendar, from: Date, to: Date): BusinessWindow[] {
  const { index } = compiledCalendar(calendar);
  const lo = instantArgument(from, 'from');
  const hi = instantArgument(to, 'to');
  if (hi < lo) throw new ValidationError([issue(['to'], 'must not be before from', new Date(hi).toISOString())], 'argument');
  index.ensure(lo, hi);
  const first = Math.max(index.windowAtOrBefore(lo), 0);
  const windows: BusinessWindow[] = [];
  for (let i = first; i < index.count && index.starts[i]! < hi; i++) {
    const start = Math.max(index.starts[i]!, lo);
    const end = Math.min(index.ends[i]!, hi);
    if (end <= start) continue;
    if (windows.length === MAX_WINDOWS_PER_CALL) {
      throw new OutOfRangeError(`the span holds more than ${MAX_WINDOWS_PER_CALL} windows; ask for a shorter one`, {
        from: new Date(lo).toISOString(),
        to: new Date(hi).toISOString(),
      });
    }
    windows.push({ start: new Date(start), end: new Date(end) });
  }
  return windows;
}

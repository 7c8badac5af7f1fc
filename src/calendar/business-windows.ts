import { issue, ValidationError } from '../core/validation-error';
import { dateArgument, instantArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import { DAY_MS, parseIsoDate, weekdayOfDay } from './civil-date';
import { CALENDAR_HORIZON, HORIZON_END_DAY, HORIZON_END_MS, HORIZON_START_DAY, HORIZON_START_MS } from './horizon';

/** A span of business time `[start, end)` as instants. */
export interface BusinessWindow {
  readonly start: Date;
  readonly end: Date;
}

/** Most windows {@link businessWindowsBetween} returns in one call; ask for shorter spans. */
export const MAX_WINDOWS_PER_CALL = 100_000;

/**
 * The business windows that belong to a local date: the holiday's hours where the date is a
 * holiday, the weekday's otherwise, as instants in the calendar's zone. A window that runs past
 * midnight belongs to the date it starts on and is returned whole. Windows of the date that
 * overlap are merged; windows of the day before that run into this date are not included.
 * Windows are cut to {@link CALENDAR_HORIZON}.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param date - a local date `YYYY-MM-DD`
 * @returns the date's windows, earliest first; empty on a closed day
 * @throws {@link ValidationError} for an invalid calendar or date
 *
 * @example
 * ```ts
 * const office = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * businessWindowsOn(office, '2026-11-23');
 * // => [{ start: 2026-11-23T08:00:00.000Z, end: 2026-11-23T16:00:00.000Z }]
 * ```
 */
export function businessWindowsOn(calendar: BusinessCalendar, date: string): BusinessWindow[] {
  const { definition, zone } = compiledCalendar(calendar);
  const day = dateArgument(date, 'date', parseIsoDate);
  if (day < HORIZON_START_DAY || day >= HORIZON_END_DAY) {
    throw new ValidationError([issue(['date'], 'must be from 1900-01-01 to 2199-12-31', date)], 'argument');
  }
  const midnight = day * DAY_MS;
  zone.ensure(midnight - DAY_MS, midnight + 2 * DAY_MS);
  const spans: [number, number][] = [];
  for (const [start, end] of definition.holidays.get(day) ?? definition.week[weekdayOfDay(day)]!) {
    // Cut to the horizon, as everywhere else: no calendar function answers outside it.
    const startInstant = Math.max(zone.localToInstant(midnight + start), HORIZON_START_MS);
    const endInstant = Math.min(zone.localToInstant(midnight + (end > start ? end : end + DAY_MS)), HORIZON_END_MS);
    if (endInstant > startInstant) spans.push([startInstant, endInstant]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

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

/**
 * The business windows that intersect `[from, to)`, cut to it, merged where they touch or
 * overlap, earliest first. This is the calendar as a host draws it on a timeline.
 *
 * @param calendar - a calendar from {@link defineCalendar}
 * @param from - the start of the span
 * @param to - the end of the span, not before `from`
 * @returns the windows; at most {@link MAX_WINDOWS_PER_CALL}
 * @throws {@link ValidationError} for an invalid calendar, `from` or `to`, `to` before `from`,
 *   or a span holding more than {@link MAX_WINDOWS_PER_CALL} windows
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
  if (hi < lo) throw new ValidationError([issue(['to'], 'must not be before from', to.toISOString())], 'argument');
  index.ensure(lo, hi);
  const first = Math.max(index.windowAtOrBefore(lo), 0);
  const windows: BusinessWindow[] = [];
  for (let i = first; i < index.count && index.starts[i]! < hi; i++) {
    const start = Math.max(index.starts[i]!, lo);
    const end = Math.min(index.ends[i]!, hi);
    if (end <= start) continue;
    if (windows.length === MAX_WINDOWS_PER_CALL) {
      throw new ValidationError(
        [issue(['to'], `spans more than ${MAX_WINDOWS_PER_CALL} windows; ask for a shorter span (horizon ${CALENDAR_HORIZON.end})`)],
        'argument',
      );
    }
    windows.push({ start: new Date(start), end: new Date(end) });
  }
  return windows;
}

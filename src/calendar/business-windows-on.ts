import { issue, ValidationError } from '../core/validation-error';
import { dateArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { BusinessWindow } from './business-window';
import { parseIsoDate } from './civil-date';
import { appendDayWindows, mergeWindows } from './day-windows';
import { HORIZON_END_DAY, HORIZON_START_DAY } from './horizon';

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
  const raw: number[] = [];
  appendDayWindows(definition, zone, day, raw);
  // Cut to the horizon and merged, as everywhere else.
  const { starts, ends, count } = mergeWindows(raw);
  const windows: BusinessWindow[] = [];
  for (let i = 0; i < count; i++) windows.push({ start: new Date(starts[i]!), end: new Date(ends[i]!) });
  return windows;
}

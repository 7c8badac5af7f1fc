import { issue, ValidationError } from '../core/validation-error';
import { dateArgument } from './arguments';
import { compiledCalendar, type BusinessCalendar } from './business-calendar';
import type { BusinessWindow } from './business-window';
import { DAY_MS, parseIsoDate, weekdayOfDay } from './civil-date';
import { HORIZON_END_DAY, HORIZON_END_MS, HORIZON_START_DAY, HORIZON_START_MS } from './horizon';

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

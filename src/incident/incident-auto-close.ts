import { businessWindowsOn } from '../calendar/business-windows-on';
import { compiledCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { civilFromDays, DAY_MS } from '../calendar/civil-date';
import { HORIZON_END_DAY, HORIZON_START_DAY } from '../calendar/horizon';
import type { Incident } from './incident.schema';

/** How far past the resolution the search for business days goes before giving up. */
const SEARCH_DAYS = 3 * 366;

const isoDate = (day: number): string => {
  const { year, month, day: date } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
};

/**
 * When a resolved incident closes automatically: the end of the last business window of the
 * `businessDays`-th business day (a local date with business time) after the local date it
 * was resolved on. A string is the reason there is no such instant.
 * @internal
 */
export function autoCloseDueAt(
  incident: Pick<Incident, 'resolvedAt'>,
  autoClose: { readonly businessDays: number; readonly calendar: string },
  calendars: Readonly<Record<string, BusinessCalendar>>,
): Date | string {
  if (incident.resolvedAt === undefined) return 'the incident is not resolved';
  const calendar = Object.hasOwn(calendars, autoClose.calendar) ? calendars[autoClose.calendar] : undefined;
  if (calendar === undefined) return `calendar ${autoClose.calendar} was not given in the context's calendars`;
  const { zone } = compiledCalendar(calendar, `calendars.${autoClose.calendar}`);
  const resolved = Date.parse(incident.resolvedAt);
  zone.ensure(resolved - DAY_MS, resolved + DAY_MS);
  let day = Math.floor((resolved + zone.offsetAt(resolved)) / DAY_MS);
  let counted = 0;
  for (let step = 0; step < SEARCH_DAYS; step++) {
    day += 1;
    if (day >= HORIZON_END_DAY) break;
    // The calendar has no windows before its horizon; asking for them would throw from a guard.
    if (day < HORIZON_START_DAY) continue;
    const windows = businessWindowsOn(calendar, isoDate(day));
    const last = windows.at(-1);
    if (last !== undefined && ++counted === autoClose.businessDays) return last.end;
  }
  return `calendar ${autoClose.calendar} has fewer than ${autoClose.businessDays} business days in the ${SEARCH_DAYS} days after the resolution`;
}

/**
 * The calendar the SLA clocks run on, under the id the default incident policy names
 * (`service_desk`): a Berlin service desk open Monday to Friday 08:00–18:00, closed on the
 * public holidays of Berlin, and open only 08:00–12:00 on Christmas Eve and New Year's Eve.
 */
import { BENCH_TIME_ZONE } from '../process-time-zone';
import { berlinHolidays } from '../shared-calendar';
import { defineCalendar, type BusinessCalendar, type BusinessCalendarDefinition } from '../../src/calendar/index';

export const SERVICE_DESK_FROM_YEAR = 2025;
export const SERVICE_DESK_TO_YEAR = 2030;

/** The closed dates: Berlin's public holidays in the years above. */
export const SERVICE_DESK_HOLIDAYS: readonly string[] = berlinHolidays(SERVICE_DESK_FROM_YEAR, SERVICE_DESK_TO_YEAR);

/** The two half days, every year. */
export const SERVICE_DESK_HALF_DAYS: readonly string[] = Array.from({ length: SERVICE_DESK_TO_YEAR - SERVICE_DESK_FROM_YEAR + 1 }, (_, k) => [
  `${SERVICE_DESK_FROM_YEAR + k}-12-24`,
  `${SERVICE_DESK_FROM_YEAR + k}-12-31`,
]).flat();

export function serviceDeskDefinition(): BusinessCalendarDefinition {
  const day = [{ start: '08:00', end: '18:00' }];
  return {
    timeZone: BENCH_TIME_ZONE,
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
    holidays: [
      ...SERVICE_DESK_HOLIDAYS.map((date) => ({ date })),
      ...SERVICE_DESK_HALF_DAYS.map((date) => ({ date, name: 'half day', hours: [{ start: '08:00', end: '12:00' }] })),
    ],
  };
}

export function serviceDeskCalendar(): BusinessCalendar {
  return defineCalendar(serviceDeskDefinition());
}

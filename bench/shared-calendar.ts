/**
 * The one calendar every library is given: Monday to Friday 09:00–12:00 and 13:00–17:00 in
 * Europe/Berlin, closed on the public holidays of Berlin. Holidays are listed as plain dates so
 * each library gets exactly the same days, not its own idea of a country's holidays.
 */
import { BENCH_TIME_ZONE } from './process-time-zone';
import type { BusinessCalendarDefinition } from '../src/calendar/index';

export const OPENING_WINDOWS = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
] as const;

/** Business time in one ordinary week: 5 days of 7 hours. */
export const BUSINESS_WEEK_MS = 35 * 3_600_000;

/**
 * The public holidays of Berlin in `[fromYear, toYear]`: the nine national ones plus
 * International Women's Day (a Berlin holiday since 2019), ten a year.
 */
export function berlinHolidays(fromYear: number, toYear: number): string[] {
  const dates: string[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const easter = easterSunday(year);
    dates.push(
      isoDate(year, 1, 1),
      isoDate(year, 3, 8),
      shiftDays(easter, -2), // Good Friday
      shiftDays(easter, 1), // Easter Monday
      isoDate(year, 5, 1),
      shiftDays(easter, 39), // Ascension Day
      shiftDays(easter, 50), // Whit Monday
      isoDate(year, 10, 3),
      isoDate(year, 12, 25),
      isoDate(year, 12, 26),
    );
  }
  return dates.sort();
}

/** The itsm-kit definition of the shared calendar with the given holidays. */
export function itsmKitDefinition(holidays: readonly string[]): BusinessCalendarDefinition {
  const day = OPENING_WINDOWS.map((window) => ({ ...window }));
  return {
    timeZone: BENCH_TIME_ZONE,
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
    holidays: holidays.map((date) => ({ date })),
  };
}

/** Easter Sunday (Gregorian) by the anonymous algorithm in Meeus, "Astronomical Algorithms". */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

import { listArgument } from '../core/unreadable-argument';
import * as fc from 'fast-check';
import { WEEKDAYS, type BusinessCalendarDefinition, type WeeklyHours } from '../calendar/calendar.schema';
import { countOption, invalidOption, optionsObject, timeZoneOption } from './arbitrary-options';
import { windowArbitrary, windowShapeOption, type BusinessHoursWindowArbitraryOptions } from './business-hours-window-arbitrary';
import { dateRangeOption, holidaysBetween } from './holiday-arbitrary';
import { EDGE_CASE_TIME_ZONES } from './time-zones';

/** Options of {@link calendarDefinitionArbitrary} and {@link businessCalendarArbitrary}. */
export interface CalendarDefinitionArbitraryOptions extends BusinessHoursWindowArbitraryOptions {
  /** The zones to pick from, IANA names the runtime knows; at least one. Default {@link EDGE_CASE_TIME_ZONES}. */
  readonly timeZones?: readonly string[];
  /**
   * The most windows a day has: each weekday, and each holiday open in partial hours (one
   * limit for both). At least 1; default 3.
   */
  readonly maxWindowsPerDay?: number;
  /**
   * The fewest weekdays with at least one window, 0 to 7. Default 1, so that every calendar
   * has business time in almost every week; 0 also gives calendars that are closed all week.
   */
  readonly minOpenWeekdays?: number;
  /** The most holidays. Default 6; 0 for calendars without holidays. */
  readonly maxHolidays?: number;
  /**
   * The earliest holiday date, `YYYY-MM-DD`, from 1900-01-01 to 2199-12-31. Default
   * `2000-01-01`, or when `holidaysTo` is earlier, the default range's length (18 262 days,
   * 50 years) before `holidaysTo`, but not before 1900-01-01.
   */
  readonly holidaysFrom?: string;
  /**
   * The latest holiday date, `YYYY-MM-DD`, from 1900-01-01 to 2199-12-31, not before
   * `holidaysFrom`. Default `2049-12-31`, or when `holidaysFrom` is later, the default
   * range's length (18 262 days, 50 years) after `holidaysFrom`, but not after 2199-12-31.
   */
  readonly holidaysTo?: string;
}

/**
 * Valid business calendar definitions, ready for `defineCalendar`: a zone from `timeZones`,
 * weekdays that are missing, empty or hold overlapping, overnight and `24:00` windows, and
 * holidays that are closed or have partial hours.
 *
 * Holidays only matter where the instants you test are; narrow `holidaysFrom`/`holidaysTo` to
 * the range of your instants.
 *
 * @param options - zones, window shapes, holiday range and counts
 * @returns an arbitrary of definitions
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming the option, for a zone the runtime
 * does not know, a count out of range, a holiday date that is not real or outside the
 * horizon, or `holidaysTo` before `holidaysFrom`
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { defineCalendar, businessTimeBetween } from 'itsm-kit/calendar';
 * import { calendarDefinitionArbitrary, instantArbitrary } from 'itsm-kit/testing';
 *
 * fc.assert(
 *   fc.property(calendarDefinitionArbitrary(), instantArbitrary(), instantArbitrary(), (definition, a, b) => {
 *     const calendar = defineCalendar(definition);
 *     return businessTimeBetween(calendar, a, b) === -businessTimeBetween(calendar, b, a);
 *   }),
 * );
 * ```
 */
export function calendarDefinitionArbitrary(options: CalendarDefinitionArbitraryOptions = {}): fc.Arbitrary<BusinessCalendarDefinition> {
  const given = optionsObject(options);
  const timeZones = timeZonesOption(given.timeZones);
  const maxWindowsPerDay = countOption(given.maxWindowsPerDay, 'maxWindowsPerDay', 1, 3);
  const minOpenWeekdays = countOption(given.minOpenWeekdays, 'minOpenWeekdays', 0, 1, WEEKDAYS.length);
  const maxHolidays = countOption(given.maxHolidays, 'maxHolidays', 0, 6);
  const holidayRange = dateRangeOption(given.holidaysFrom, given.holidaysTo, 'holidaysFrom', 'holidaysTo');
  const shape = windowShapeOption(given);
  const holiday = holidaysBetween(holidayRange, maxWindowsPerDay, shape);
  const holidays =
    maxHolidays === 0
      ? fc.constant(undefined)
      : fc.option(fc.uniqueArray(holiday, { selector: (entry) => entry.date, maxLength: maxHolidays }), { nil: undefined });
  const dayWindows = fc.array(windowArbitrary(shape), { minLength: 1, maxLength: maxWindowsPerDay });
  return fc
    .record({
      timeZone: fc.constantFrom(...timeZones),
      openDays: fc.subarray([...WEEKDAYS], { minLength: minOpenWeekdays }),
      windows: fc.tuple(dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows, dayWindows),
      // A closed weekday is either left out or given an empty list: both mean closed.
      closedAsEmptyList: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
      holidays,
    })
    .map(({ timeZone, openDays, windows, closedAsEmptyList, holidays: entries }): BusinessCalendarDefinition => {
      const week: WeeklyHours = {};
      WEEKDAYS.forEach((day, index) => {
        if (openDays.includes(day)) week[day] = windows[index];
        else if (closedAsEmptyList[index]) week[day] = [];
      });
      return entries === undefined ? { timeZone, week } : { timeZone, week, holidays: entries };
    });
}

function timeZonesOption(value: unknown): readonly string[] {
  if (value === undefined) return EDGE_CASE_TIME_ZONES;
  // Copied by index: a hole is a missing zone, refused at its index, not a gap kept.
  const list = listArgument(value, ['timeZones']);
  if (list === undefined) return invalidOption(['timeZones'], 'must be an array of IANA time zone names', value);
  if (list.length === 0) invalidOption(['timeZones'], 'must name at least one time zone');
  // Kept as given, as a definition keeps its zone.
  return list.map((zone, index) => timeZoneOption(zone, ['timeZones', index]));
}

import * as fc from 'fast-check';
import { issue, ValidationError } from '../core/validation-error';
import { defineCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { businessWindowsBetween } from '../calendar/business-windows';
import { WEEKDAYS, type BusinessCalendarDefinition, type BusinessHoursWindow, type Holiday, type WeeklyHours } from '../calendar/calendar.schema';
import { CALENDAR_HORIZON } from '../calendar/horizon';
import { zoneOffsets } from '../calendar/zone-offsets';

/**
 * Time zones that exercise what business calendars get wrong: daylight saving time in both
 * hemispheres, 30- and 45-minute offsets and DST steps, clocks that change at midnight (so a
 * local midnight is skipped or repeated), a 2-hour DST step, a negative DST, several changes a
 * year, a skipped calendar day (Pacific/Apia lost 2011-12-30), and fixed offsets at both ends
 * of the range.
 */
export const EDGE_CASE_TIME_ZONES: readonly string[] = Object.freeze([
  'UTC',
  'Etc/GMT-14', // fixed +14:00, the furthest ahead
  'Etc/GMT+12', // fixed -12:00, the furthest behind
  'Europe/Berlin', // northern DST at 02:00 and 03:00
  'America/New_York',
  'Australia/Sydney', // southern DST
  'Australia/Lord_Howe', // +10:30, DST step of 30 minutes
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // -03:30 with DST
  'America/Santiago', // DST at midnight, southern hemisphere
  'America/Havana', // DST at midnight, northern hemisphere
  'Pacific/Apia', // skipped 2011-12-30 by moving from -10:00 to +14:00; DST from 2010 to 2021 (at midnight in 2010)
  'Antarctica/Troll', // DST step of 2 hours
  'Europe/Dublin', // negative DST in the tz database
  'Africa/Casablanca', // clocks change around Ramadan every year; four changes a year until 2018
]);

/**
 * Time zones whose UTC offset never changes. In them every week has the same business time,
 * which makes laws such as weekly periodicity exact.
 */
export const FIXED_OFFSET_TIME_ZONES: readonly string[] = Object.freeze(['UTC', 'Etc/GMT-14', 'Etc/GMT+12', 'Etc/GMT-5', 'Etc/GMT+3']);

const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;
const HOUR_MS = 3_600_000;
const HORIZON_START_MS = Date.parse(CALENDAR_HORIZON.start);
const HORIZON_END_MS = Date.parse(CALENDAR_HORIZON.end);
const DEFAULT_FIRST_DATE = '2000-01-01';
const DEFAULT_LAST_DATE = '2049-12-31';
const DEFAULT_MIN_INSTANT = Date.UTC(2000, 0, 1);
const DEFAULT_MAX_INSTANT = Date.UTC(2050, 0, 1);

/** Options of {@link businessHoursWindowArbitrary}. */
export interface BusinessHoursWindowArbitraryOptions {
  /** Whether windows may end at or before their start, running past midnight. Default `true`. */
  readonly overnight?: boolean;
  /** Whether times may carry seconds (`HH:mm:ss`); otherwise all are `HH:mm`. Default `true`. */
  readonly seconds?: boolean;
}

/** Options of {@link holidayArbitrary}. */
export interface HolidayArbitraryOptions extends BusinessHoursWindowArbitraryOptions {
  /** The earliest holiday date, `YYYY-MM-DD`. Default `2000-01-01`. */
  readonly from?: string;
  /** The latest holiday date, `YYYY-MM-DD`. Default `2049-12-31`. */
  readonly to?: string;
  /** The most windows a holiday with partial hours has. Default 3. */
  readonly maxWindows?: number;
}

/** Options of {@link calendarDefinitionArbitrary}. */
export interface CalendarDefinitionArbitraryOptions extends BusinessHoursWindowArbitraryOptions {
  /** The zones to pick from. Default {@link EDGE_CASE_TIME_ZONES}. */
  readonly timeZones?: readonly string[];
  /** The most windows a weekday has. Default 3. */
  readonly maxWindowsPerDay?: number;
  /**
   * The fewest weekdays with at least one window. Default 1, so that every calendar has
   * business time in almost every week; 0 also gives calendars that are closed all week.
   */
  readonly minOpenWeekdays?: number;
  /** The most holidays. Default 6; 0 for calendars without holidays. */
  readonly maxHolidays?: number;
  /** The earliest holiday date, `YYYY-MM-DD`. Default `2000-01-01`. */
  readonly holidaysFrom?: string;
  /** The latest holiday date, `YYYY-MM-DD`. Default `2049-12-31`. */
  readonly holidaysTo?: string;
}

/** Options of {@link instantArbitrary} and {@link windowEdgeArbitrary}. */
export interface InstantArbitraryOptions {
  /** The earliest instant. Default 2000-01-01T00:00Z; not before the start of {@link CALENDAR_HORIZON}. */
  readonly min?: Date;
  /** The latest instant. Default 2050-01-01T00:00Z; not after the end of {@link CALENDAR_HORIZON}. */
  readonly max?: Date;
  /**
   * An IANA zone: when given, about half of the instants lie within 36 hours of one of the
   * zone's UTC offset changes (daylight saving time) between `min` and `max`.
   */
  readonly timeZone?: string;
}

/** Options of {@link businessDurationArbitrary}. */
export interface BusinessDurationArbitraryOptions {
  /** The longest duration in milliseconds. Default 7 days (604 800 000). */
  readonly max?: number;
}

/**
 * Windows of business hours as a calendar definition holds them: times `HH:mm` or `HH:mm:ss`
 * on round hours, quarter hours, minutes and seconds; ends at `24:00`; and windows that run
 * past midnight (end at or before start, including end equal to start: 24 hours).
 *
 * @param options - whether overnight windows and seconds may appear
 * @returns an arbitrary of windows `{ start, end }`
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { businessHoursWindowArbitrary } from 'itsm-kit/testing';
 *
 * fc.sample(businessHoursWindowArbitrary({ overnight: false }), 3);
 * // e.g. [{ start: '09:00', end: '17:15' }, { start: '00:00:07', end: '24:00' }, …]
 * ```
 */
export function businessHoursWindowArbitrary(options: BusinessHoursWindowArbitraryOptions = {}): fc.Arbitrary<BusinessHoursWindow> {
  const overnight = options.overnight ?? true;
  const seconds = options.seconds ?? true;
  const time = timeOfDayArbitrary(seconds);
  // With seconds allowed, a time on the minute is sometimes written with `:00` too.
  const longForm = seconds ? fc.boolean() : fc.constant(false);
  const sameDay = fc.tuple(time, time, longForm, longForm).map(([a, b, longStart, longEnd]): BusinessHoursWindow => {
    if (a === b) return { start: formatTimeOfDay(a, longStart), end: formatTimeOfDay(DAY_SECONDS, longEnd) };
    return { start: formatTimeOfDay(Math.min(a, b), longStart), end: formatTimeOfDay(Math.max(a, b), longEnd) };
  });
  const toMidnight = fc
    .tuple(time, longForm, longForm)
    .map(([a, longStart, longEnd]): BusinessHoursWindow => ({ start: formatTimeOfDay(a, longStart), end: formatTimeOfDay(DAY_SECONDS, longEnd) }));
  const pastMidnight = fc
    .tuple(time, time, longForm, longForm)
    .map(([a, b, longStart, longEnd]): BusinessHoursWindow => ({
      start: formatTimeOfDay(Math.max(a, b), longStart),
      end: formatTimeOfDay(Math.min(a, b), longEnd),
    }));
  return overnight
    ? fc.oneof({ weight: 6, arbitrary: sameDay }, { weight: 2, arbitrary: toMidnight }, { weight: 3, arbitrary: pastMidnight })
    : fc.oneof({ weight: 6, arbitrary: sameDay }, { weight: 2, arbitrary: toMidnight });
}

/**
 * Holidays between two dates: closed all day (no `hours`, or `hours: []`) or open only in
 * partial hours, with or without a name.
 *
 * @param options - the date range and the shape of the hours
 * @returns an arbitrary of holidays `{ date, name?, hours? }`
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { holidayArbitrary } from 'itsm-kit/testing';
 *
 * fc.sample(holidayArbitrary({ from: '2026-12-01', to: '2026-12-31' }), 2);
 * // e.g. [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }, { date: '2026-12-28', name: 'Company day' }]
 * ```
 */
export function holidayArbitrary(options: HolidayArbitraryOptions = {}): fc.Arbitrary<Holiday> {
  const first = dateOption(options.from ?? DEFAULT_FIRST_DATE, 'from');
  const last = dateOption(options.to ?? DEFAULT_LAST_DATE, 'to');
  if (last < first) invalidOption('to', 'must not be before from', options.to);
  const maxWindows = countOption(options.maxWindows ?? 3, 'maxWindows', 1);
  const windowOptions = pickWindowOptions(options);
  const date = fc.integer({ min: first, max: last }).map(formatDate);
  const name = fc.option(fc.constantFrom('Public holiday', 'Company day', 'Brückentag', 'Inventory'), { nil: undefined });
  const hours = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant<BusinessHoursWindow[]>([]) },
    { weight: 4, arbitrary: fc.array(businessHoursWindowArbitrary(windowOptions), { minLength: 1, maxLength: maxWindows }) },
  );
  return fc.tuple(date, name, hours).map(([day, title, windows]): Holiday => ({
    date: day,
    ...(title === undefined ? {} : { name: title }),
    ...(windows === undefined ? {} : { hours: windows }),
  }));
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
  const timeZones = options.timeZones ?? EDGE_CASE_TIME_ZONES;
  if (timeZones.length === 0) invalidOption('timeZones', 'must name at least one time zone');
  timeZones.forEach((zone, index) => {
    if (!knownTimeZone(zone)) invalidOption(`timeZones[${index}]`, 'is not a time zone this runtime knows', zone);
  });
  const maxWindowsPerDay = countOption(options.maxWindowsPerDay ?? 3, 'maxWindowsPerDay', 1);
  const minOpenWeekdays = countOption(options.minOpenWeekdays ?? 1, 'minOpenWeekdays', 0);
  if (minOpenWeekdays > WEEKDAYS.length) invalidOption('minOpenWeekdays', 'must be at most 7', minOpenWeekdays);
  const maxHolidays = countOption(options.maxHolidays ?? 6, 'maxHolidays', 0);
  const windowOptions = pickWindowOptions(options);
  const holiday = holidayArbitrary({
    ...windowOptions,
    from: options.holidaysFrom ?? DEFAULT_FIRST_DATE,
    to: options.holidaysTo ?? DEFAULT_LAST_DATE,
    maxWindows: maxWindowsPerDay,
  });
  const holidays =
    maxHolidays === 0
      ? fc.constant(undefined)
      : fc.option(fc.uniqueArray(holiday, { selector: (entry) => entry.date, maxLength: maxHolidays }), { nil: undefined });
  const dayWindows = fc.array(businessHoursWindowArbitrary(windowOptions), { minLength: 1, maxLength: maxWindowsPerDay });
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

/**
 * Compiled calendars: {@link calendarDefinitionArbitrary} passed through `defineCalendar`. The
 * calendar's `definition` shows in fast-check's counterexamples.
 *
 * @param options - as for {@link calendarDefinitionArbitrary}
 * @returns an arbitrary of calendars
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { isBusinessTime, nextBusinessTime } from 'itsm-kit/calendar';
 * import { businessCalendarArbitrary, instantArbitrary } from 'itsm-kit/testing';
 *
 * fc.assert(
 *   fc.property(businessCalendarArbitrary(), instantArbitrary(), (calendar, at) =>
 *     isBusinessTime(calendar, nextBusinessTime(calendar, at)),
 *   ),
 * );
 * ```
 */
export function businessCalendarArbitrary(options: CalendarDefinitionArbitraryOptions = {}): fc.Arbitrary<BusinessCalendar> {
  return calendarDefinitionArbitrary(options).map((definition) => defineCalendar(definition));
}

/**
 * Valid `Date`s between `min` and `max`, whole milliseconds, often on whole seconds, minutes,
 * quarter hours and hours (where business windows open and close). With `timeZone`, about half
 * lie near that zone's daylight-saving changes.
 *
 * @param options - the range, and the zone whose offset changes to favour
 * @returns an arbitrary of instants
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { instantArbitrary } from 'itsm-kit/testing';
 *
 * const around2026 = instantArbitrary({
 *   min: new Date('2026-01-01T00:00:00Z'),
 *   max: new Date('2027-01-01T00:00:00Z'),
 *   timeZone: 'Europe/Berlin',
 * });
 * fc.sample(around2026, 2); // e.g. [2026-03-29T00:45:00.000Z, 2026-07-14T11:02:41.311Z]
 * ```
 */
export function instantArbitrary(options: InstantArbitraryOptions = {}): fc.Arbitrary<Date> {
  const { min, max } = rangeOption(options);
  const uniform = roundedInstant(min, max, fc.integer({ min, max }));
  const timeZone = options.timeZone;
  if (timeZone === undefined) return uniform.map((ms) => new Date(ms));
  if (!knownTimeZone(timeZone)) invalidOption('timeZone', 'is not a time zone this runtime knows', timeZone);
  const nearChange = fc
    .tuple(fc.nat(), roundedInstant(-36 * HOUR_MS, 36 * HOUR_MS, fc.integer({ min: -36 * HOUR_MS, max: 36 * HOUR_MS })), uniform)
    .map(([pick, delta, fallback]) => {
      // Computed on first use, so building the arbitrary stays cheap.
      const changes = offsetChanges(timeZone, min, max);
      if (changes.length === 0) return fallback;
      return clamp(changes[pick % changes.length]! + delta, min, max);
    });
  return fc.oneof(uniform, nearChange).map((ms) => new Date(ms));
}

/**
 * Instants on and next to the edges of a calendar's business windows: an opening or closing
 * instant, or 1 ms either side of one, or now and then any instant in the range. Edges are
 * where off-by-one errors live (open at the opening instant, closed at the closing one).
 *
 * The edges are read from the calendar with `businessWindowsBetween`, so they are only as
 * right as the calendar under test; use them as inputs, not as expected values.
 *
 * @param calendar - a calendar from `defineCalendar`
 * @param options - the range of instants
 * @returns an arbitrary of instants
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { defineCalendar, isBusinessTime } from 'itsm-kit/calendar';
 * import { windowEdgeArbitrary } from 'itsm-kit/testing';
 *
 * const office = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * fc.sample(windowEdgeArbitrary(office), 2); // e.g. [2031-06-02T07:00:00.000Z, 2031-06-02T14:59:59.999Z]
 * ```
 */
export function windowEdgeArbitrary(calendar: BusinessCalendar, options: InstantArbitraryOptions = {}): fc.Arbitrary<Date> {
  const { min, max } = rangeOption(options);
  const edge = fc
    .tuple(instantArbitrary({ ...options }), fc.boolean(), fc.constantFrom(-1, 0, 0, 1))
    .map(([from, closing, nudge]) => {
      const to = Math.min(from.getTime() + 8 * DAY_MS, max);
      const [first] = businessWindowsBetween(calendar, from, new Date(to));
      if (first === undefined) return from;
      // A window cut at `from` does not open at its start, so take its closing edge then.
      const instant = closing || first.start.getTime() === from.getTime() ? first.end.getTime() : first.start.getTime();
      return new Date(clamp(instant + nudge, min, max));
    });
  return fc.oneof({ weight: 5, arbitrary: edge }, { weight: 1, arbitrary: instantArbitrary(options) });
}

/**
 * Business durations: whole, non-negative milliseconds up to `max`, often 0, `max`, a few
 * milliseconds, or whole minutes and hours.
 *
 * @param options - the longest duration
 * @returns an arbitrary of durations in milliseconds
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { businessDurationArbitrary } from 'itsm-kit/testing';
 *
 * fc.sample(businessDurationArbitrary({ max: 8 * 3_600_000 }), 3); // e.g. [0, 5_400_000, 28_800_000]
 * ```
 */
export function businessDurationArbitrary(options: BusinessDurationArbitraryOptions = {}): fc.Arbitrary<number> {
  const max = options.max ?? 7 * DAY_MS;
  if (!Number.isSafeInteger(max) || max < 0) invalidOption('max', 'must be a whole, non-negative number of milliseconds', max);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(max) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.min(max, 1000) }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.floor(max / 60_000) }).map((minutes) => minutes * 60_000) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.floor(max / HOUR_MS) }).map((hours) => hours * HOUR_MS) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max }) },
  );
}

function timeOfDayArbitrary(seconds: boolean): fc.Arbitrary<number> {
  const hours = fc.integer({ min: 0, max: 23 }).map((hour) => hour * 3600);
  const quarters = fc.integer({ min: 0, max: 95 }).map((quarter) => quarter * 900);
  const minutes = fc.integer({ min: 0, max: 1439 }).map((minute) => minute * 60);
  return seconds
    ? fc.oneof(
        { weight: 4, arbitrary: hours },
        { weight: 3, arbitrary: quarters },
        { weight: 2, arbitrary: minutes },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: DAY_SECONDS - 1 }) },
      )
    : fc.oneof({ weight: 4, arbitrary: hours }, { weight: 3, arbitrary: quarters }, { weight: 2, arbitrary: minutes });
}

function formatTimeOfDay(seconds: number, withSeconds: boolean): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}`;
  return withSeconds || seconds % 60 !== 0 ? `${text}:${pad(seconds % 60)}` : text;
}

/** Rounds a share of the values to whole seconds, minutes, quarter hours or hours, within range. */
function roundedInstant(min: number, max: number, values: fc.Arbitrary<number>): fc.Arbitrary<number> {
  return fc
    .tuple(values, fc.constantFrom(1, 1, 1000, 60_000, 900_000, HOUR_MS))
    .map(([value, unit]) => clamp(Math.round(value / unit) * unit, min, max));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function pickWindowOptions(options: BusinessHoursWindowArbitraryOptions): BusinessHoursWindowArbitraryOptions {
  return {
    ...(options.overnight === undefined ? {} : { overnight: options.overnight }),
    ...(options.seconds === undefined ? {} : { seconds: options.seconds }),
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date within the calendar's horizon. */
function dateOption(text: string, field: string): number {
  const match = ISO_DATE.exec(text);
  const ms = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (match === null || Number.isNaN(ms) || formatDate(ms / DAY_MS) !== text) {
    invalidOption(field, 'must be a real date YYYY-MM-DD', text);
  }
  if (ms < HORIZON_START_MS || ms >= HORIZON_END_MS) invalidOption(field, 'must be from 1900-01-01 to 2199-12-31', text);
  return ms / DAY_MS;
}

function formatDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function countOption(value: number, field: string, least: number): number {
  if (!Number.isSafeInteger(value) || value < least) invalidOption(field, `must be a whole number, at least ${least}`, value);
  return value;
}

function rangeOption(options: InstantArbitraryOptions): { min: number; max: number } {
  const min = options.min?.getTime() ?? DEFAULT_MIN_INSTANT;
  const max = options.max?.getTime() ?? DEFAULT_MAX_INSTANT;
  if (!(min >= HORIZON_START_MS && min <= HORIZON_END_MS)) invalidOption('min', `must be a valid Date from ${CALENDAR_HORIZON.start} to ${CALENDAR_HORIZON.end}`);
  if (!(max >= HORIZON_START_MS && max <= HORIZON_END_MS)) invalidOption('max', `must be a valid Date from ${CALENDAR_HORIZON.start} to ${CALENDAR_HORIZON.end}`);
  if (max < min) invalidOption('max', 'must not be before min');
  return { min, max };
}

function invalidOption(field: string, message: string, ...value: unknown[]): never {
  const found = value.length > 0 ? issue([field], message, value[0]) : issue([field], message);
  throw new ValidationError([found], 'arbitrary options');
}

const knownTimeZones = new Map<string, boolean>();

function knownTimeZone(timeZone: string): boolean {
  let known = knownTimeZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(timeZone, known);
  }
  return known;
}

/** The instants in `[min, max]` at which the zone's offset changes, from the library's own table. */
function offsetChanges(timeZone: string, min: number, max: number): readonly number[] {
  return zoneOffsets(timeZone).transitionsBetween(min, max);
}

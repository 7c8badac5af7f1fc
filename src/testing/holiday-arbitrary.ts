import * as fc from 'fast-check';
import { CalendarDate, type BusinessHoursWindow, type Holiday } from '../calendar/calendar.schema';
import { civilFromDays, daysFromCivil, parseIsoDate } from '../calendar/civil-date';
import { HORIZON_END_DAY, HORIZON_START_DAY } from '../calendar/horizon';
import { countOption, invalidOption, optionsObject, schemaOption } from './arbitrary-options';
import { windowArbitrary, windowShapeOption, type BusinessHoursWindowArbitraryOptions, type WindowShape } from './business-hours-window-arbitrary';

const DEFAULT_FIRST_DAY = daysFromCivil(2000, 1, 1);
const DEFAULT_LAST_DAY = daysFromCivil(2049, 12, 31);
/** Kept when only one end of the range is given and the other default would not fit. */
const DEFAULT_SPAN_DAYS = DEFAULT_LAST_DAY - DEFAULT_FIRST_DAY;
const LAST_DAY = HORIZON_END_DAY - 1;

/** Options of {@link holidayArbitrary}. */
export interface HolidayArbitraryOptions extends BusinessHoursWindowArbitraryOptions {
  /**
   * The earliest holiday date, `YYYY-MM-DD`, from 1900-01-01 to 2199-12-31. Default
   * `2000-01-01`, or when `to` is earlier, the default range's length (18 262 days, 50 years)
   * before `to`, but not before 1900-01-01.
   */
  readonly from?: string;
  /**
   * The latest holiday date, `YYYY-MM-DD`, from 1900-01-01 to 2199-12-31, not before `from`.
   * Default `2049-12-31`, or when `from` is later, the default range's length (18 262 days,
   * 50 years) after `from`, but not after 2199-12-31.
   */
  readonly to?: string;
  /** The most windows a holiday with partial hours has. Default 3. */
  readonly maxWindows?: number;
}

/**
 * Holidays between two dates: closed all day (no `hours`, or `hours: []`) or open only in
 * partial hours, with or without a name.
 *
 * @param options - the date range and the shape of the hours
 * @returns an arbitrary of holidays `{ date, name?, hours? }`
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming the option, for a date that is not
 * real or outside the horizon, `to` before `from`, or a `maxWindows` that is not a whole
 * number from 1
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
  const given = optionsObject(options);
  const range = dateRangeOption(given.from, given.to, 'from', 'to');
  const maxWindows = countOption(given.maxWindows, 'maxWindows', 1, 3);
  return holidaysBetween(range, maxWindows, windowShapeOption(given));
}

/**
 * Inclusive day numbers (days since 1970-01-01).
 * @internal
 */
export interface DateRange {
  readonly first: number;
  readonly last: number;
}

/**
 * Reads a range of holiday dates. A missing end defaults so that the range is valid, so an
 * error only ever names an option the caller gave.
 * @internal
 */
export function dateRangeOption(from: unknown, to: unknown, fromField: string, toField: string): DateRange {
  const first = from === undefined ? undefined : dateOption(from, fromField);
  const last = to === undefined ? undefined : dateOption(to, toField);
  if (first !== undefined && last !== undefined) {
    if (last < first) invalidOption([toField], `must not be before ${fromField}`, to);
    return { first, last };
  }
  if (first !== undefined) {
    return { first, last: first <= DEFAULT_LAST_DAY ? DEFAULT_LAST_DAY : Math.min(first + DEFAULT_SPAN_DAYS, LAST_DAY) };
  }
  if (last !== undefined) {
    return { first: last >= DEFAULT_FIRST_DAY ? DEFAULT_FIRST_DAY : Math.max(last - DEFAULT_SPAN_DAYS, HORIZON_START_DAY), last };
  }
  return { first: DEFAULT_FIRST_DAY, last: DEFAULT_LAST_DAY };
}

/** @internal */
export function holidaysBetween({ first, last }: DateRange, maxWindows: number, shape: WindowShape): fc.Arbitrary<Holiday> {
  const date = fc.integer({ min: first, max: last }).map(formatDate);
  const name = fc.option(fc.constantFrom('Public holiday', 'Company day', 'Brückentag', 'Inventory'), { nil: undefined });
  const hours = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant<BusinessHoursWindow[]>([]) },
    { weight: 4, arbitrary: fc.array(windowArbitrary(shape), { minLength: 1, maxLength: maxWindows }) },
  );
  return fc.tuple(date, name, hours).map(([day, title, windows]): Holiday => ({
    date: day,
    ...(title === undefined ? {} : { name: title }),
    ...(windows === undefined ? {} : { hours: windows }),
  }));
}

/** A date a holiday may have, by the calendar's own rule, as a day number. */
function dateOption(value: unknown, field: string): number {
  const text = schemaOption(CalendarDate, value, [field]);
  // The schema has checked that the text is a real date.
  return parseIsoDate(text)!;
}

function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

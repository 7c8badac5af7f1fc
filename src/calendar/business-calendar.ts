import { parseWith } from '../core/from-zod';
import { attachCompiled } from '../core/compiled-brand';
import { deepFreeze } from '../core/deep-freeze';
import type { DeepReadonly } from '../core/deep-readonly';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import { BusinessCalendarDefinition, WEEKDAYS } from './calendar.schema';
import { CalendarIndex, type CompiledDefinition, type LocalWindow } from './calendar-index';
import { parseIsoDate } from './civil-date';
import { timeOfDayMs } from './time-of-day';
import { canonicalTimeZone, zoneOffsets, type ZoneOffsets } from './zone-offsets';

const COMPILED = Symbol.for('itsm-kit.calendar.compiled');

/** @internal */
export interface CompiledCalendar {
  readonly definition: CompiledDefinition;
  readonly zone: ZoneOffsets;
  readonly index: CalendarIndex;
}

/**
 * A validated, compiled business calendar: made by {@link defineCalendar}, read by every other
 * calendar function. It is immutable; its compiled index grows lazily behind the scenes.
 * `JSON.stringify` gives its definition, so `defineCalendar(JSON.parse(JSON.stringify(c)))`
 * makes the same calendar again.
 */
export interface BusinessCalendar {
  /** The IANA zone the calendar's local times are read in, as given. */
  readonly timeZone: string;
  /** The validated definition, deeply frozen: the data to store. */
  readonly definition: DeepReadonly<BusinessCalendarDefinition>;
  /** The definition, for `JSON.stringify`. */
  toJSON(): DeepReadonly<BusinessCalendarDefinition>;
}

/**
 * Validates a calendar definition and compiles it for fast queries.
 *
 * @param definition - working hours per weekday, holidays and the IANA time zone; another
 *   calendar's read-only `definition` is taken as it is
 * @returns the calendar, to pass to {@link addBusinessTime} and the other calendar functions
 * @throws {@link ValidationError} naming the path of every invalid field
 *
 * @example
 * ```ts
 * const berlin = defineCalendar({
 *   timeZone: 'Europe/Berlin',
 *   week: { monday: [{ start: '09:00', end: '17:00' }], friday: [{ start: '09:00', end: '15:00' }] },
 *   holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
 * });
 * ```
 */
export function defineCalendar(definition: BusinessCalendarDefinition | DeepReadonly<BusinessCalendarDefinition>): BusinessCalendar {
  const result = safeDefineCalendar(definition);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineCalendar}, but returns the validation error instead of throwing it. Takes
 * `unknown`, so it is the function to give a definition read from a database or a request.
 *
 * @param definition - anything; typically parsed JSON
 * @returns `{ success: true, data }` with the calendar, or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefineCalendar(JSON.parse(body));
 * if (!result.success) return respond(400, result.error.issues);
 * ```
 */
export function safeDefineCalendar(definition: unknown): SafeResult<BusinessCalendar, ValidationError> {
  const parsed = parseWith(BusinessCalendarDefinition, definition, 'calendar definition');
  if (!parsed.success) return parsed;
  const data = parsed.data;
  const compiled = compileDefinition(data);
  const zone = zoneOffsets(canonicalTimeZone(data.timeZone) ?? data.timeZone);
  const frozen: DeepReadonly<BusinessCalendarDefinition> = deepFreeze(data);
  const calendar = { timeZone: data.timeZone, definition: frozen } as BusinessCalendar;
  const internal: CompiledCalendar = { definition: compiled, zone, index: new CalendarIndex(compiled, zone) };
  attachCompiled(calendar, COMPILED, internal);
  Object.defineProperty(calendar, 'toJSON', { value: () => frozen });
  return { success: true, data: Object.freeze(calendar) };
}

function compileDefinition(definition: BusinessCalendarDefinition): CompiledDefinition {
  const toLocal = (windows: readonly { start: string; end: string }[] | undefined): LocalWindow[] =>
    (windows ?? []).map((window) => [timeOfDayMs(window.start), timeOfDayMs(window.end)] as const);
  const week = WEEKDAYS.map((day) => toLocal(definition.week[day]));
  const holidays = new Map<number, LocalWindow[]>();
  for (const holiday of definition.holidays ?? []) {
    // The schema has already checked the date, so parsing cannot fail here.
    holidays.set(parseIsoDate(holiday.date)!, toLocal(holiday.hours));
  }
  return { week, holidays };
}

/** The compiled form of a calendar, or undefined for anything not made by `defineCalendar`. @internal */
export function readCompiledCalendar(calendar: unknown): CompiledCalendar | undefined {
  // Its own copy of `readCompiled`: every calendar call and every SLA step reads it, and a
  // property load V8 sees only calendars at stays monomorphic, where the shared one, which sees
  // policies, conditions and matrices too, is megamorphic.
  if (typeof calendar !== 'object' || calendar === null) return undefined;
  try {
    return (calendar as Record<symbol, CompiledCalendar | undefined>)[COMPILED];
  } catch {
    return undefined;
  }
}

/**
 * The compiled form of a calendar, or a validation error when `calendar` is not one made by
 * `defineCalendar` (a plain definition passed by mistake, say).
 * @internal
 */
export function compiledCalendar(calendar: unknown, field = 'calendar'): CompiledCalendar {
  const compiled = readCompiledCalendar(calendar);
  if (compiled === undefined) {
    throw new ValidationError([issue([field], 'must be a calendar made by defineCalendar()')], 'argument');
  }
  return compiled;
}

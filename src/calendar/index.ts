/**
 * Business calendars: working hours per weekday, holidays and a time zone, compiled once for
 * fast business-time arithmetic. This entry point depends on nothing in itsm-kit but the
 * core's errors and small helpers, so it can be used on its own.
 *
 * @example
 * ```ts
 * import { defineCalendar, addBusinessTime } from 'itsm-kit/calendar';
 *
 * const desk = defineCalendar({
 *   timeZone: 'Europe/Berlin',
 *   week: { monday: [{ start: '09:00', end: '17:00' }] },
 * });
 * const due = addBusinessTime(desk, new Date(), 4 * 3_600_000);
 * ```
 *
 * @module itsm-kit/calendar
 */
export { defineCalendar, safeDefineCalendar, type BusinessCalendar } from './business-calendar';
export {
  BusinessCalendarDefinition,
  BusinessHoursWindow,
  CalendarDate,
  Holiday,
  TimeZoneName,
  WEEKDAYS,
  WeeklyHours,
  businessCalendarJsonSchema,
  type Weekday,
} from './calendar.schema';
export { addBusinessTime } from './add-business-time';
export { subtractBusinessTime } from './subtract-business-time';
export { businessTimeBetween } from './business-time-between';
export { isBusinessTime } from './is-business-time';
export { nextBusinessTime } from './next-business-time';
export { businessWindowsOn } from './business-windows-on';
export { businessTimeOnDate } from './business-time-on-date';
export { businessWindowsBetween, MAX_WINDOWS_PER_CALL } from './business-windows-between';
export type { BusinessWindow } from './business-window';
export { CALENDAR_HORIZON } from './horizon';
export {
  ItsmError,
  isItsmError,
  formatPath,
  OutOfRangeError,
  ValidationError,
  type ItsmErrorCode,
  type ValidationIssue,
  type IssuePath,
  type SafeResult,
  type DeepReadonly,
} from '../core/index';

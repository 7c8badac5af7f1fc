/**
 * itsm-kit: the ITIL service management domain as a library. This entry point gathers the
 * errors and every domain module built so far; the subpaths (`itsm-kit/calendar`, …) give the
 * same functions to applications that want only one part.
 *
 * @module itsm-kit
 */
export {
  ItsmError,
  isItsmError,
  ValidationError,
  OutOfRangeError,
  formatPath,
  type ItsmErrorCode,
  type ValidationIssue,
  type IssuePath,
  type SafeResult,
  type DeepReadonly,
  Condition,
  ConditionValue,
  FieldPath,
  FIELD_OPERATORS,
  conditionJsonSchema,
  defineCondition,
  safeDefineCondition,
  evaluateCondition,
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  type CompiledCondition,
  type DefineConditionOptions,
  type FieldCondition,
  type FieldOperator,
} from './core/index';
export {
  defineCalendar,
  safeDefineCalendar,
  addBusinessTime,
  subtractBusinessTime,
  businessTimeBetween,
  isBusinessTime,
  nextBusinessTime,
  businessWindowsOn,
  businessTimeOnDate,
  businessWindowsBetween,
  businessCalendarJsonSchema,
  BusinessCalendarDefinition,
  BusinessHoursWindow,
  CalendarDate,
  Holiday,
  TimeZoneName,
  WeeklyHours,
  WEEKDAYS,
  CALENDAR_HORIZON,
  MAX_WINDOWS_PER_CALL,
  type BusinessCalendar,
  type BusinessWindow,
  type Weekday,
} from './calendar/index';

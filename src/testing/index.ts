/**
 * Helpers for testing code built on itsm-kit: fast-check arbitraries of business calendars,
 * instants and durations, to property-test your own calendars and SLA rules. Needs the
 * optional peer dependency `fast-check`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { addBusinessTime, businessTimeBetween } from 'itsm-kit/calendar';
 * import { businessCalendarArbitrary, businessDurationArbitrary, instantArbitrary } from 'itsm-kit/testing';
 *
 * fc.assert(
 *   fc.property(businessCalendarArbitrary(), instantArbitrary(), businessDurationArbitrary(), (calendar, from, duration) =>
 *     businessTimeBetween(calendar, from, addBusinessTime(calendar, from, duration)) === duration,
 *   ),
 * );
 * ```
 *
 * @module itsm-kit/testing
 */
export {
  EDGE_CASE_TIME_ZONES,
  FIXED_OFFSET_TIME_ZONES,
  businessCalendarArbitrary,
  businessDurationArbitrary,
  businessHoursWindowArbitrary,
  calendarDefinitionArbitrary,
  holidayArbitrary,
  instantArbitrary,
  windowEdgeArbitrary,
  type BusinessDurationArbitraryOptions,
  type BusinessHoursWindowArbitraryOptions,
  type CalendarDefinitionArbitraryOptions,
  type HolidayArbitraryOptions,
  type InstantArbitraryOptions,
} from './calendar-arbitraries';

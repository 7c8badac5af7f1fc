/**
 * Helpers for testing code built on itsm-kit: fast-check arbitraries of business calendars,
 * instants and durations, to property-test your own calendars and SLA rules. Needs the
 * optional peer dependency `fast-check`. Every arbitrary checks its options when it is built
 * and throws a `ValidationError` naming the option that is wrong.
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
export { EDGE_CASE_TIME_ZONES, FIXED_OFFSET_TIME_ZONES } from './time-zones';
export { businessHoursWindowArbitrary, type BusinessHoursWindowArbitraryOptions } from './business-hours-window-arbitrary';
export { holidayArbitrary, type HolidayArbitraryOptions } from './holiday-arbitrary';
export { calendarDefinitionArbitrary, type CalendarDefinitionArbitraryOptions } from './calendar-definition-arbitrary';
export { businessCalendarArbitrary } from './business-calendar-arbitrary';
export { instantArbitrary, type InstantArbitraryOptions } from './instant-arbitrary';
export { windowEdgeArbitrary, type WindowEdgeArbitraryOptions } from './window-edge-arbitrary';
export { businessDurationArbitrary, type BusinessDurationArbitraryOptions } from './business-duration-arbitrary';
export { storeConformanceSuite, type ConformanceTestApi, type StoreConformanceOptions } from './store-conformance-suite';

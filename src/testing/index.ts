/**
 * Helpers for testing code built on itsm-kit: fast-check arbitraries of business calendars,
 * instants, durations, SLA policies and realistic incident histories (driven through the real
 * lifecycle); the SLA laws as properties to run on your own policy (`slaLaws`,
 * `checkSlaLaws`); and the conformance suite every store adapter must pass
 * (`storeConformanceSuite`). Needs the optional peer dependency `fast-check`. Every arbitrary checks its options when it is built
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
export { incidentHistoryArbitrary, type IncidentHistoryArbitraryOptions, type IncidentSlaVersion } from './incident-history-arbitrary';
export { slaPolicyArbitrary, slaPolicyDefinitionArbitrary, type SlaPolicyArbitraryOptions } from './sla-policy-arbitrary';
export { checkSlaLaws, slaLaws, SLA_LAW_NAMES, type CheckSlaLawsOptions, type SlaLaw, type SlaLawCase, type SlaLawName, type SlaLawsOptions, type SlaLawsCommonOptions, type SlaPauseOf } from './sla-laws';

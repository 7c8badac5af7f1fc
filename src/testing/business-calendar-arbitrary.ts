import type * as fc from 'fast-check';
import { defineCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { calendarDefinitionArbitrary, type CalendarDefinitionArbitraryOptions } from './calendar-definition-arbitrary';

/**
 * Compiled calendars: {@link calendarDefinitionArbitrary} passed through `defineCalendar`. The
 * calendar's `definition` shows in fast-check's counterexamples.
 *
 * @param options - as for {@link calendarDefinitionArbitrary}
 * @returns an arbitrary of calendars
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming the option, as
 * {@link calendarDefinitionArbitrary} does
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

import * as fc from 'fast-check';
import { compiledCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { businessWindowsBetween } from '../calendar/business-windows-between';
import { DAY_MS } from '../calendar/civil-date';
import { optionsObject, timeZoneOption } from './arbitrary-options';
import { clamp, instantRangeOption, instantsBetween, type InstantArbitraryOptions } from './instant-arbitrary';

/** Options of {@link windowEdgeArbitrary}. */
export interface WindowEdgeArbitraryOptions extends InstantArbitraryOptions {
  /**
   * The IANA zone whose UTC offset changes (daylight saving time) to favour: about half of
   * the instants the edges are searched from lie within 36 hours of one. Default the
   * calendar's own `timeZone`, where its DST edges are.
   */
  readonly timeZone?: string;
}

/**
 * Instants on and next to the edges of a calendar's business windows: an opening or closing
 * instant, or 1 ms either side of one, or now and then any instant in the range. Edges are
 * where off-by-one errors live (open at the opening instant, closed at the closing one).
 * Instants near the daylight-saving changes of the calendar's zone are favoured, as
 * {@link instantArbitrary} does with `timeZone`; pass `timeZone` for another zone.
 *
 * The edges are read from the calendar with `businessWindowsBetween`, so they are only as
 * right as the calendar under test; use them as inputs, not as expected values.
 *
 * @param calendar - a calendar from `defineCalendar`
 * @param options - the range of instants, and the zone whose offset changes to favour
 * @returns an arbitrary of instants
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming the argument or option, for a
 * calendar not made by `defineCalendar`, or options {@link instantArbitrary} would reject
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
export function windowEdgeArbitrary(calendar: BusinessCalendar, options: WindowEdgeArbitraryOptions = {}): fc.Arbitrary<Date> {
  // Checked now, not when fast-check first draws a value.
  compiledCalendar(calendar);
  const given = optionsObject(options);
  const range = instantRangeOption(given);
  const { min, max } = range;
  const instants = instantsBetween(range, given.timeZone === undefined ? calendar.timeZone : timeZoneOption(given.timeZone, ['timeZone']));
  const edge = fc.tuple(instants, fc.boolean(), fc.constantFrom(-1, 0, 0, 1)).map(([from, closing, nudge]) => {
    const to = Math.min(from.getTime() + 8 * DAY_MS, max);
    const [first] = businessWindowsBetween(calendar, from, new Date(to));
    if (first === undefined) return from;
    // A window cut at `from` does not open at its start, so take its closing edge then.
    const instant = closing || first.start.getTime() === from.getTime() ? first.end.getTime() : first.start.getTime();
    return new Date(clamp(instant + nudge, min, max));
  });
  return fc.oneof({ weight: 5, arbitrary: edge }, { weight: 1, arbitrary: instants });
}

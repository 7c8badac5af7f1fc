import { businessTimeBetween } from '../calendar/business-time-between';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { isArrayArgument, readArgument } from '../core/unreadable-argument';
import { issue, ValidationError } from '../core/validation-error';
import { instantArgument } from './evaluate-sla';
import { periodArgument } from './period-argument';

/** A time a service was down: from `start` to `end`, or still down (no `end`). */
export interface ServiceOutage {
  readonly start: Date | string;
  readonly end?: Date | string;
}

/** A service's availability over a period, on its service-hours calendar. */
export interface ServiceAvailability {
  /** Business time in the period: the time the service was meant to be up. */
  readonly scheduledMs: number;
  /** Business time in the period covered by outages; overlapping outages count once. */
  readonly downMs: number;
  /** (scheduled − down) / scheduled, in percent; 100 when nothing was scheduled. */
  readonly availabilityPercent: number;
}

/**
 * A service's availability over a period from its outages (typically from its incidents),
 * counted on the service's hours calendar: an outage at night on an office-hours service costs
 * nothing; overlapping outages count once.
 *
 * @param outages - the service's outages; an outage with no `end` lasts to the end of the period
 * @param calendar - the service's hours
 * @param period - `from` (inclusive) to `to` (exclusive)
 * @returns scheduled and down business time, and the availability
 * @throws {@link ValidationError} naming the path of any bad input
 *
 * @example
 * ```ts
 * // officeHours: Monday to Friday, 08:00–18:00 UTC; November 2026 has 21 weekdays (210 h).
 * serviceAvailability([{ start: '2026-11-23T10:00:00.000Z', end: '2026-11-23T11:00:00.000Z' }], officeHours,
 *   { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
 * // => { scheduledMs: 756_000_000, downMs: 3_600_000, availabilityPercent: 99.52… }
 * ```
 */
export function serviceAvailability(
  outages: readonly ServiceOutage[],
  calendar: BusinessCalendar,
  period: { readonly from: Date | string; readonly to: Date | string },
): ServiceAvailability {
  const [from, to] = periodArgument(period);
  if (!isArrayArgument(outages, ['outages'])) throw new ValidationError([issue(['outages'], 'must be an array of { start, end? }')], 'argument');
  const spans: (readonly [number, number])[] = [];
  const count = readArgument(['outages'], () => outages.length);
  // An index loop, not map: a hole in the array is a missing outage, not one to skip.
  for (let index = 0; index < count; index++) {
    const [start, end] = outageSpan(readArgument(['outages', index], () => outages[index]), index, to);
    if (Math.min(end, to) > Math.max(start, from)) spans.push([Math.max(start, from), Math.min(end, to)]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const between = (a: number, b: number): number => businessTimeBetween(calendar, new Date(a), new Date(b));
  let downMs = 0;
  let current: [number, number] | undefined;
  for (const [start, end] of spans) {
    if (current !== undefined && start <= current[1]) current[1] = Math.max(current[1], end);
    else {
      if (current !== undefined) downMs += between(current[0], current[1]);
      current = [start, end];
    }
  }
  if (current !== undefined) downMs += between(current[0], current[1]);
  const scheduledMs = between(from, to);
  return { scheduledMs, downMs, availabilityPercent: scheduledMs === 0 ? 100 : (100 * (scheduledMs - downMs)) / scheduledMs };
}

/** An outage as [start, end] in ms, checked; one with no end lasts to `periodEnd`. */
function outageSpan(outage: unknown, index: number, periodEnd: number): readonly [number, number] {
  if (typeof outage !== 'object' || outage === null) throw new ValidationError([issue(['outages', index], 'must be { start, end? }')], 'argument');
  const { start: startValue, end: endValue } = readArgument(['outages', index], () => ({ start: (outage as ServiceOutage).start, end: (outage as ServiceOutage).end }));
  const start = instantArgument(startValue, ['outages', index, 'start']);
  const end = endValue === undefined ? periodEnd : instantArgument(endValue, ['outages', index, 'end']);
  if (end < start) throw new ValidationError([issue(['outages', index, 'end'], 'must not be before start')], 'argument');
  return [start, end];
}

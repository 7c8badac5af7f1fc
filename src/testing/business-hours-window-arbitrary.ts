import * as fc from 'fast-check';
import type { BusinessHoursWindow } from '../calendar/calendar.schema';
import { booleanOption, optionsObject } from './arbitrary-options';

const DAY_SECONDS = 86_400;

/** Options of {@link businessHoursWindowArbitrary}. */
export interface BusinessHoursWindowArbitraryOptions {
  /** Whether windows may end at or before their start, running past midnight. Default `true`. */
  readonly overnight?: boolean;
  /** Whether times may carry seconds (`HH:mm:ss`); otherwise all are `HH:mm`. Default `true`. */
  readonly seconds?: boolean;
}

/**
 * Windows of business hours as a calendar definition holds them: times `HH:mm` or `HH:mm:ss`
 * on round hours, quarter hours, minutes and seconds; ends at `24:00`; and windows that run
 * past midnight (end at or before start, including end equal to start: 24 hours).
 *
 * @param options - whether overnight windows and seconds may appear
 * @returns an arbitrary of windows `{ start, end }`
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming the option, for an option that is
 * not `true` or `false`
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { businessHoursWindowArbitrary } from 'itsm-kit/testing';
 *
 * fc.sample(businessHoursWindowArbitrary({ overnight: false }), 3);
 * // e.g. [{ start: '09:00', end: '17:15' }, { start: '00:00:07', end: '24:00' }, …]
 * ```
 */
export function businessHoursWindowArbitrary(options: BusinessHoursWindowArbitraryOptions = {}): fc.Arbitrary<BusinessHoursWindow> {
  return windowArbitrary(windowShapeOption(optionsObject(options)));
}

/**
 * The checked {@link BusinessHoursWindowArbitraryOptions}, defaults applied.
 * @internal
 */
export interface WindowShape {
  readonly overnight: boolean;
  readonly seconds: boolean;
}

/** @internal */
export function windowShapeOption(options: BusinessHoursWindowArbitraryOptions): WindowShape {
  return { overnight: booleanOption(options.overnight, 'overnight', true), seconds: booleanOption(options.seconds, 'seconds', true) };
}

/** @internal */
export function windowArbitrary({ overnight, seconds }: WindowShape): fc.Arbitrary<BusinessHoursWindow> {
  const time = timeOfDayArbitrary(seconds);
  // With seconds allowed, a time on the minute is sometimes written with `:00` too.
  const longForm = seconds ? fc.boolean() : fc.constant(false);
  const sameDay = fc.tuple(time, time, longForm, longForm).map(([a, b, longStart, longEnd]): BusinessHoursWindow => {
    if (a === b) return { start: formatTimeOfDay(a, longStart), end: formatTimeOfDay(DAY_SECONDS, longEnd) };
    return { start: formatTimeOfDay(Math.min(a, b), longStart), end: formatTimeOfDay(Math.max(a, b), longEnd) };
  });
  const toMidnight = fc
    .tuple(time, longForm, longForm)
    .map(([a, longStart, longEnd]): BusinessHoursWindow => ({ start: formatTimeOfDay(a, longStart), end: formatTimeOfDay(DAY_SECONDS, longEnd) }));
  const pastMidnight = fc
    .tuple(time, time, longForm, longForm)
    .map(([a, b, longStart, longEnd]): BusinessHoursWindow => ({
      start: formatTimeOfDay(Math.max(a, b), longStart),
      end: formatTimeOfDay(Math.min(a, b), longEnd),
    }));
  return overnight
    ? fc.oneof({ weight: 6, arbitrary: sameDay }, { weight: 2, arbitrary: toMidnight }, { weight: 3, arbitrary: pastMidnight })
    : fc.oneof({ weight: 6, arbitrary: sameDay }, { weight: 2, arbitrary: toMidnight });
}

/** Seconds since midnight, mostly where real business hours open and close. */
function timeOfDayArbitrary(seconds: boolean): fc.Arbitrary<number> {
  const hours = fc.integer({ min: 0, max: 23 }).map((hour) => hour * 3600);
  const quarters = fc.integer({ min: 0, max: 95 }).map((quarter) => quarter * 900);
  const minutes = fc.integer({ min: 0, max: 1439 }).map((minute) => minute * 60);
  return seconds
    ? fc.oneof(
        { weight: 4, arbitrary: hours },
        { weight: 3, arbitrary: quarters },
        { weight: 2, arbitrary: minutes },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: DAY_SECONDS - 1 }) },
      )
    : fc.oneof({ weight: 4, arbitrary: hours }, { weight: 3, arbitrary: quarters }, { weight: 2, arbitrary: minutes });
}

function formatTimeOfDay(seconds: number, withSeconds: boolean): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}`;
  return withSeconds || seconds % 60 !== 0 ? `${text}:${pad(seconds % 60)}` : text;
}

import * as fc from 'fast-check';
import { HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { canonicalTimeZone, zoneOffsets } from '../calendar/zone-offsets';
import { instantOption, invalidOption, optionsObject, timeZoneOption } from './arbitrary-options';

const HOUR_MS = 3_600_000;
const DEFAULT_MIN_MS = Date.UTC(2000, 0, 1);
const DEFAULT_MAX_MS = Date.UTC(2050, 0, 1);
/** Kept when only one end of the range is given and the other default would not fit. */
const DEFAULT_SPAN_MS = DEFAULT_MAX_MS - DEFAULT_MIN_MS;
/** How far from an offset change an instant still counts as near it. */
const NEAR_CHANGE_MS = 36 * HOUR_MS;

/** Options of {@link instantArbitrary}. */
export interface InstantArbitraryOptions {
  /**
   * The earliest instant, a valid `Date` within {@link "itsm-kit/calendar"!CALENDAR_HORIZON}.
   * Default 2000-01-01T00:00Z, or when `max` is earlier, the default range's length (18 263
   * days, 50 years) before `max`, but not before the start of the horizon.
   */
  readonly min?: Date;
  /**
   * The latest instant, a valid `Date` within {@link "itsm-kit/calendar"!CALENDAR_HORIZON}, not
   * before `min`. Default 2050-01-01T00:00Z, or when `min` is later, the default range's
   * length (18 263 days, 50 years) after `min`, but not after the end of the horizon.
   */
  readonly max?: Date;
  /**
   * An IANA zone: when given, about half of the instants lie within 36 hours of one of the
   * zone's UTC offset changes (daylight saving time) between `min` and `max`. Without it,
   * instants are spread evenly.
   */
  readonly timeZone?: string;
}

/**
 * Valid `Date`s between `min` and `max`, whole milliseconds, often on whole seconds, minutes,
 * quarter hours and hours (where business windows open and close). With `timeZone`, about half
 * lie near that zone's daylight-saving changes.
 *
 * @param options - the range, and the zone whose offset changes to favour
 * @returns an arbitrary of instants
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming the option, for a `min` or `max`
 * that is not a valid `Date` within the horizon, `max` before `min`, or a zone the runtime
 * does not know
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { instantArbitrary } from 'itsm-kit/testing';
 *
 * const around2026 = instantArbitrary({
 *   min: new Date('2026-01-01T00:00:00Z'),
 *   max: new Date('2027-01-01T00:00:00Z'),
 *   timeZone: 'Europe/Berlin',
 * });
 * fc.sample(around2026, 2); // e.g. [2026-03-29T00:45:00.000Z, 2026-07-14T11:02:41.311Z]
 * ```
 */
export function instantArbitrary(options: InstantArbitraryOptions = {}): fc.Arbitrary<Date> {
  const given = optionsObject(options);
  const range = instantRangeOption(given);
  const timeZone = given.timeZone === undefined ? undefined : timeZoneOption(given.timeZone, ['timeZone']);
  return instantsBetween(range, timeZone);
}

/**
 * Inclusive bounds, in milliseconds since 1970.
 * @internal
 */
export interface InstantRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Reads `min` and `max`. A missing end defaults so that the range is valid, so an error only
 * ever names an option the caller gave.
 * @internal
 */
export function instantRangeOption(options: Pick<InstantArbitraryOptions, 'min' | 'max'>): InstantRange {
  const min = options.min === undefined ? undefined : instantOption(options.min, 'min');
  const max = options.max === undefined ? undefined : instantOption(options.max, 'max');
  if (min !== undefined && max !== undefined) {
    if (max < min) invalidOption(['max'], 'must not be before min', new Date(max).toISOString());
    return { min, max };
  }
  if (min !== undefined) {
    return { min, max: min <= DEFAULT_MAX_MS ? DEFAULT_MAX_MS : Math.min(min + DEFAULT_SPAN_MS, HORIZON_END_MS) };
  }
  if (max !== undefined) {
    return { min: max >= DEFAULT_MIN_MS ? DEFAULT_MIN_MS : Math.max(max - DEFAULT_SPAN_MS, HORIZON_START_MS), max };
  }
  return { min: DEFAULT_MIN_MS, max: DEFAULT_MAX_MS };
}

/**
 * Instants in the range; with a zone, half of them near its offset changes.
 * @internal
 */
export function instantsBetween({ min, max }: InstantRange, timeZone: string | undefined): fc.Arbitrary<Date> {
  const uniform = roundedInstant(min, max, fc.integer({ min, max }));
  if (timeZone === undefined) return uniform.map((ms) => new Date(ms));
  let changes: readonly number[] | undefined;
  const nearChange = fc
    .tuple(fc.nat(), roundedInstant(-NEAR_CHANGE_MS, NEAR_CHANGE_MS, fc.integer({ min: -NEAR_CHANGE_MS, max: NEAR_CHANGE_MS })), uniform)
    .map(([pick, delta, fallback]) => {
      // Read on first use, so building the arbitrary stays cheap.
      changes ??= zoneOffsets(canonicalTimeZone(timeZone) ?? timeZone).transitionsBetween(min, max);
      if (changes.length === 0) return fallback;
      return clamp(changes[pick % changes.length]! + delta, min, max);
    });
  return fc.oneof(uniform, nearChange).map((ms) => new Date(ms));
}

/** Rounds a share of the values to whole seconds, minutes, quarter hours or hours, within range. */
function roundedInstant(min: number, max: number, values: fc.Arbitrary<number>): fc.Arbitrary<number> {
  return fc
    .tuple(values, fc.constantFrom(1, 1, 1000, 60_000, 900_000, HOUR_MS))
    .map(([value, unit]) => clamp(Math.round(value / unit) * unit, min, max));
}

/** @internal */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

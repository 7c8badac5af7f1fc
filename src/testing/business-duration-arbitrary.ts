import * as fc from 'fast-check';
import { invalidOption, optionsObject } from './arbitrary-options';

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_MS = 7 * 24 * HOUR_MS;

/** Options of {@link businessDurationArbitrary}. */
export interface BusinessDurationArbitraryOptions {
  /** The longest duration, a whole, non-negative number of milliseconds. Default 7 days (604 800 000). */
  readonly max?: number;
}

/**
 * Business durations: whole, non-negative milliseconds up to `max`, often 0, `max`, a few
 * milliseconds, or whole minutes and hours.
 *
 * @param options - the longest duration
 * @returns an arbitrary of durations in milliseconds
 * @throws {@link "itsm-kit/calendar"!ValidationError} naming `max`, when it is not a whole,
 * non-negative number
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { businessDurationArbitrary } from 'itsm-kit/testing';
 *
 * fc.sample(businessDurationArbitrary({ max: 8 * 3_600_000 }), 3); // e.g. [0, 5_400_000, 28_800_000]
 * ```
 */
export function businessDurationArbitrary(options: BusinessDurationArbitraryOptions = {}): fc.Arbitrary<number> {
  const max: unknown = optionsObject(options).max ?? DEFAULT_MAX_MS;
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 0) {
    invalidOption(['max'], 'must be a whole, non-negative number of milliseconds', max);
  }
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(max) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.min(max, 1000) }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.floor(max / 60_000) }).map((minutes) => minutes * 60_000) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.floor(max / HOUR_MS) }).map((hours) => hours * HOUR_MS) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max }) },
  );
}

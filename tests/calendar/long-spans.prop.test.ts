import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  CALENDAR_HORIZON,
  defineCalendar,
  isItsmError,
  subtractBusinessTime,
} from '../../src/calendar/index';
import { calendarDefinitionArbitrary, instantArbitrary } from '../../src/testing/index';

// Short spans are checked against the reference model; these laws cover what it is too slow
// for: business durations of months to decades, where add and subtract search the compiled
// index far from where they start and grow it on the way.

const YEAR = 365 * 86_400_000;
const HORIZON_START = new Date(CALENDAR_HORIZON.start);
const HORIZON_END = new Date(CALENDAR_HORIZON.end);
const TIMEOUT = 120_000;

const world = fc.record({
  calendar: calendarDefinitionArbitrary({ maxHolidays: 20, holidaysFrom: '2000-01-01', holidaysTo: '2060-12-31' }).map(defineCalendar),
  from: instantArbitrary({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z') }),
  durationMs: fc.integer({ min: 1, max: 12 * YEAR }),
});

/** The result, or undefined for an out_of_range error; any other error fails the test. */
function unlessOutOfRange(run: () => Date): Date | undefined {
  try {
    return run();
  } catch (error) {
    if (isItsmError(error) && error.code === 'out_of_range') return undefined;
    throw error;
  }
}

describe('long spans', () => {
  test.prop([world], { numRuns: 100 })(
    'add over years is still the earliest instant with exactly that much business time, or out_of_range exactly when the calendar holds less before the horizon',
    ({ calendar, from, durationMs }) => {
      const result = unlessOutOfRange(() => addBusinessTime(calendar, from, durationMs));
      if (result === undefined) {
        expect(businessTimeBetween(calendar, from, HORIZON_END)).toBeLessThan(durationMs);
        return;
      }
      expect(businessTimeBetween(calendar, from, result)).toBe(durationMs);
      expect(businessTimeBetween(calendar, from, new Date(result.getTime() - 1))).toBeLessThan(durationMs);
    },
    TIMEOUT,
  );

  test.prop([world], { numRuns: 100 })(
    'subtract over years is the latest instant with exactly that much business time, or out_of_range exactly when the calendar holds less after the horizon start',
    ({ calendar, from, durationMs }) => {
      const result = unlessOutOfRange(() => subtractBusinessTime(calendar, from, durationMs));
      if (result === undefined) {
        expect(businessTimeBetween(calendar, HORIZON_START, from)).toBeLessThan(durationMs);
        return;
      }
      expect(businessTimeBetween(calendar, result, from)).toBe(durationMs);
      expect(businessTimeBetween(calendar, new Date(result.getTime() + 1), from)).toBeLessThan(durationMs);
    },
    TIMEOUT,
  );

  test.prop([world, fc.integer({ min: 1, max: 40 })], { numRuns: 100 })(
    'adding a long duration in many steps ends where adding it at once ends',
    ({ calendar, from, durationMs }, steps) => {
      const part = Math.floor(durationMs / steps);
      const atOnce = unlessOutOfRange(() => addBusinessTime(calendar, from, part * steps));
      let cursor: Date | undefined = from;
      for (let step = 0; step < steps && cursor !== undefined; step++) {
        const at: Date = cursor;
        cursor = unlessOutOfRange(() => addBusinessTime(calendar, at, part));
      }
      expect(cursor).toEqual(atOnce);
    },
    TIMEOUT,
  );
});

import { fc, test } from '@fast-check/vitest';
import { Temporal } from 'temporal-polyfill';
import { describe, expect } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  defineCalendar,
  isBusinessTime,
  nextBusinessTime,
  OutOfRangeError,
  subtractBusinessTime,
  WEEKDAYS,
  type BusinessCalendar,
  type BusinessCalendarDefinition,
  type BusinessHoursWindow,
} from '../../src/calendar/index';
import {
  businessDurationArbitrary,
  calendarDefinitionArbitrary,
  EDGE_CASE_TIME_ZONES,
  FIXED_OFFSET_TIME_ZONES,
  instantArbitrary,
  windowEdgeArbitrary,
} from '../../src/testing/index';

// The algebra of business time, checked on the implementation alone: each test is one law of
// the business calendar contract, over random calendars in awkward zones.

const DAY = 86_400_000;
const RUNS = 300;
/** Generous, because the first queries in a zone build its offset table; no run comes near it. */
const TIMEOUT = 60_000;
const HORIZON_START = new Date('1900-01-01T00:00:00.000Z');
const HORIZON_END = new Date('2200-01-01T00:00:00.000Z');

/** Instants are drawn from `[anchor - 3 days, anchor + 20 days]`; holidays fall around them. */
const BEFORE = 3 * DAY;
const AFTER = 20 * DAY;

/** A calendar and three instants near each other. */
interface World {
  readonly calendar: BusinessCalendar;
  readonly definition: BusinessCalendarDefinition;
  readonly a: Date;
  readonly b: Date;
  readonly c: Date;
}

const isoDate = (instant: number): string => new Date(instant).toISOString().slice(0, 10);

/**
 * A calendar and three instants near an anchor that is often near one of the zone's DST
 * changes; the instants are often window edges (or 1 ms off one).
 */
function worldArbitrary(timeZones: readonly string[] = EDGE_CASE_TIME_ZONES, maxHolidays = 6): fc.Arbitrary<World> {
  return fc.constantFrom(...timeZones).chain((timeZone) =>
    instantArbitrary({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), timeZone }).chain((anchor) => {
      const min = new Date(anchor.getTime() - BEFORE);
      const max = new Date(anchor.getTime() + AFTER);
      return calendarDefinitionArbitrary({
        timeZones: [timeZone],
        holidaysFrom: isoDate(min.getTime() - DAY),
        holidaysTo: isoDate(max.getTime() + DAY),
        maxHolidays,
      }).chain((definition) => {
        const calendar = defineCalendar(definition);
        const instant = fc.oneof(instantArbitrary({ min, max }), windowEdgeArbitrary(calendar, { min, max }));
        return fc.tuple(instant, instant, instant).map(([a, b, c]): World => ({ calendar, definition, a, b, c }));
      });
    }),
  );
}

const duration = businessDurationArbitrary({ max: 3 * DAY });

/** `addBusinessTime`, or undefined when it throws out_of_range. */
function addOrNone(calendar: BusinessCalendar, from: Date, durationMs: number): Date | undefined {
  try {
    return addBusinessTime(calendar, from, durationMs);
  } catch (error) {
    if (error instanceof OutOfRangeError) return undefined;
    throw error;
  }
}

/** `subtractBusinessTime`, or undefined when it throws out_of_range. */
function subtractOrNone(calendar: BusinessCalendar, to: Date, durationMs: number): Date | undefined {
  try {
    return subtractBusinessTime(calendar, to, durationMs);
  } catch (error) {
    if (error instanceof OutOfRangeError) return undefined;
    throw error;
  }
}

/** Both instants of a pair, earliest first. */
function ordered(a: Date, b: Date): [Date, Date] {
  return a.getTime() <= b.getTime() ? [a, b] : [b, a];
}

const ms = (date: Date): number => date.getTime();
const plus = (date: Date, delta: number): Date => new Date(date.getTime() + delta);

describe('businessTimeBetween', () => {
  test.prop([worldArbitrary()], { numRuns: RUNS })(
    'businessTimeBetween is additive: between(a, b) + between(b, c) = between(a, c)',
    ({ calendar, a, b, c }) => {
      expect(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, c)).toBe(businessTimeBetween(calendar, a, c));
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary()], { numRuns: RUNS })(
    'businessTimeBetween is antisymmetric: between(a, b) = -between(b, a)',
    ({ calendar, a, b }) => {
      expect(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, a)).toBe(0);
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary()], { numRuns: RUNS })(
    'businessTimeBetween lies between 0 and the elapsed time: 0 <= between(a, b) <= b - a for a <= b',
    ({ calendar, a: x, b: y }) => {
      const [a, b] = ordered(x, y);
      const elapsed = businessTimeBetween(calendar, a, b);
      expect(elapsed).toBeGreaterThanOrEqual(0);
      expect(elapsed).toBeLessThanOrEqual(ms(b) - ms(a));
    },
    TIMEOUT,
  );
});

describe('addBusinessTime', () => {
  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'addBusinessTime is the inverse of businessTimeBetween: between(t, add(t, d)) = d',
    ({ calendar, a: t }, d) => {
      const result = addOrNone(calendar, t, d);
      if (result === undefined) {
        // out_of_range is right only when the rest of the horizon holds less than d.
        expect(businessTimeBetween(calendar, t, HORIZON_END)).toBeLessThan(d);
      } else {
        expect(ms(result)).toBeGreaterThanOrEqual(ms(t));
        expect(businessTimeBetween(calendar, t, result)).toBe(d);
      }
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'addBusinessTime is the least such instant: add(t, d) <= u exactly when between(t, u) >= d',
    ({ calendar, a, b }, d) => {
      const [t, u] = ordered(a, b);
      const result = addOrNone(calendar, t, d);
      fc.pre(result !== undefined);
      expect(ms(result) <= ms(u), `add = ${result.toISOString()}, u = ${u.toISOString()}`).toBe(businessTimeBetween(calendar, t, u) >= d);
      // The instant just before the result has not used up the duration yet.
      if (ms(result) > ms(t)) expect(businessTimeBetween(calendar, t, plus(result, -1))).toBeLessThan(d);
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary()], { numRuns: RUNS })('adding or subtracting 0 is the identity, open or closed', ({ calendar, a: t }) => {
    expect(ms(addBusinessTime(calendar, t, 0))).toBe(ms(t));
    expect(ms(subtractBusinessTime(calendar, t, 0))).toBe(ms(t));
  }, TIMEOUT);

  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'addBusinessTime is monotone in the start: t1 <= t2 gives add(t1, d) <= add(t2, d)',
    ({ calendar, a, b }, d) => {
      const [t1, t2] = ordered(a, b);
      const later = addOrNone(calendar, t2, d);
      fc.pre(later !== undefined);
      expect(ms(addBusinessTime(calendar, t1, d))).toBeLessThanOrEqual(ms(later));
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), duration, duration], { numRuns: RUNS })(
    'addBusinessTime is monotone in the duration: d1 <= d2 gives add(t, d1) <= add(t, d2)',
    ({ calendar, a: t }, x, y) => {
      const [d1, d2] = x <= y ? [x, y] : [y, x];
      const longer = addOrNone(calendar, t, d2);
      fc.pre(longer !== undefined);
      expect(ms(addBusinessTime(calendar, t, d1))).toBeLessThanOrEqual(ms(longer));
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), duration, duration], { numRuns: RUNS })(
    'addBusinessTime composes: add(add(t, a), b) = add(t, a + b)',
    ({ calendar, a: t }, a, b) => {
      const whole = addOrNone(calendar, t, a + b);
      fc.pre(whole !== undefined);
      expect(addBusinessTime(calendar, addBusinessTime(calendar, t, a), b).toISOString()).toBe(whole.toISOString());
    },
    TIMEOUT,
  );
});

describe('subtractBusinessTime', () => {
  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'subtractBusinessTime is the inverse of businessTimeBetween: between(subtract(t, d), t) = d',
    ({ calendar, a: t }, d) => {
      const result = subtractOrNone(calendar, t, d);
      if (result === undefined) {
        expect(businessTimeBetween(calendar, HORIZON_START, t)).toBeLessThan(d);
      } else {
        expect(ms(result)).toBeLessThanOrEqual(ms(t));
        expect(businessTimeBetween(calendar, result, t)).toBe(d);
      }
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'subtractBusinessTime is the greatest such instant: subtract(t, d) >= u exactly when between(u, t) >= d',
    ({ calendar, a, b }, d) => {
      const [u, t] = ordered(a, b);
      const result = subtractOrNone(calendar, t, d);
      fc.pre(result !== undefined);
      expect(ms(result) >= ms(u), `subtract = ${result.toISOString()}, u = ${u.toISOString()}`).toBe(businessTimeBetween(calendar, u, t) >= d);
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'subtractBusinessTime undoes addBusinessTime from an open instant: subtract(add(t, d), d) = t',
    ({ calendar, a: t }, d) => {
      fc.pre(isBusinessTime(calendar, t));
      const result = addOrNone(calendar, t, d);
      fc.pre(result !== undefined);
      expect(subtractBusinessTime(calendar, result, d).toISOString()).toBe(t.toISOString());
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), duration], { numRuns: RUNS })(
    'addBusinessTime undoes subtractBusinessTime up to an instant that business time runs into: add(subtract(t, d), d) = t',
    ({ calendar, a: t }, d) => {
      // Business time runs into t when the millisecond before it is business time.
      fc.pre(businessTimeBetween(calendar, plus(t, -1), t) === 1);
      const result = subtractOrNone(calendar, t, d);
      fc.pre(result !== undefined);
      expect(addBusinessTime(calendar, result, d).toISOString()).toBe(t.toISOString());
    },
    TIMEOUT,
  );
});

describe('nextBusinessTime', () => {
  test.prop([worldArbitrary()], { numRuns: RUNS })(
    'nextBusinessTime is open and nothing between t and it is: isBusinessTime(next(t)) and between(t, next(t)) = 0',
    ({ calendar, a: t }) => {
      let next: Date;
      try {
        next = nextBusinessTime(calendar, t);
      } catch (error) {
        expect(error).toBeInstanceOf(OutOfRangeError);
        expect(businessTimeBetween(calendar, t, HORIZON_END)).toBe(0);
        return;
      }
      expect(ms(next)).toBeGreaterThanOrEqual(ms(t));
      expect(isBusinessTime(calendar, next)).toBe(true);
      expect(businessTimeBetween(calendar, t, next)).toBe(0);
      if (isBusinessTime(calendar, t)) expect(ms(next)).toBe(ms(t));
    },
    TIMEOUT,
  );
});

/**
 * Definitions that are open around the clock, written in the ways people write that: whole days,
 * a 24-hour window from the same time each day, a day split in two, or whole days plus
 * windows that overlap them.
 */
const alwaysOpenDefinition: fc.Arbitrary<BusinessCalendarDefinition> = fc
  .record({
    timeZone: fc.constantFrom(...EDGE_CASE_TIME_ZONES),
    style: fc.constantFrom('whole days', 'overnight', 'split', 'overlapping'),
    split: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45), fc.constantFrom(0, 0, 1, 59)),
    extra: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 })),
  })
  .map(({ timeZone, style, split: [hour, minute, second], extra: [from, to] }) => {
    const pad = (value: number): string => String(value).padStart(2, '0');
    const at = `${pad(hour)}:${pad(minute)}${second === 0 ? '' : `:${pad(second)}`}`;
    const windows: BusinessHoursWindow[] =
      style === 'whole days'
        ? [{ start: '00:00', end: '24:00' }]
        : style === 'overnight'
          ? [{ start: at, end: at }]
          : style === 'split'
            ? [
                { start: '00:00', end: at },
                { start: at, end: '24:00' },
              ]
            : [
                { start: `${pad(from)}:00`, end: `${pad(to)}:30` },
                { start: '00:00', end: '24:00:00' },
              ];
    return { timeZone, week: Object.fromEntries(WEEKDAYS.map((day) => [day, windows])) };
  });

describe('a calendar open around the clock', () => {
  const anyInstant = instantArbitrary({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z') });
  const nearChange = (definition: BusinessCalendarDefinition): fc.Arbitrary<Date> =>
    instantArbitrary({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), timeZone: definition.timeZone });

  test.prop(
    [alwaysOpenDefinition.chain((definition) => fc.tuple(fc.constant(definition), fc.oneof(nearChange(definition), anyInstant))), duration],
    { numRuns: RUNS },
  )(
    'a 24/7 calendar gives add(t, d) = t + d, even across DST changes',
    ([definition, t], d) => {
      const calendar = defineCalendar(definition);
      expect(addBusinessTime(calendar, t, d).toISOString()).toBe(plus(t, d).toISOString());
      expect(subtractBusinessTime(calendar, t, d).toISOString()).toBe(plus(t, -d).toISOString());
      expect(businessTimeBetween(calendar, t, plus(t, d))).toBe(d);
      expect(isBusinessTime(calendar, t)).toBe(true);
    },
    TIMEOUT,
  );
});

describe('holidays', () => {
  /** The local date `days` after the local date of `instant`. */
  const localDate = (definition: BusinessCalendarDefinition, instant: Date, days: number): string =>
    Temporal.Instant.fromEpochMilliseconds(ms(instant))
      .toZonedDateTimeISO(definition.timeZone)
      .toPlainDate()
      .add({ days })
      .toString();

  /** The definition with `date` closed all day (replacing any holiday already on it). */
  const withClosedDate = (definition: BusinessCalendarDefinition, date: string): BusinessCalendarDefinition => ({
    ...definition,
    holidays: [...(definition.holidays ?? []).filter((holiday) => holiday.date !== date), { date, name: 'Closed' }],
  });

  test.prop([worldArbitrary(), duration, fc.integer({ min: -1, max: 10 })], { numRuns: RUNS })(
    'adding a holiday never makes an add result earlier',
    ({ calendar, definition, a: t }, d, days) => {
      const before = addOrNone(calendar, t, d);
      fc.pre(before !== undefined);
      const closed = defineCalendar(withClosedDate(definition, localDate(definition, t, days)));
      const after = addOrNone(closed, t, d);
      if (after !== undefined) expect(ms(after)).toBeGreaterThanOrEqual(ms(before));
    },
    TIMEOUT,
  );

  test.prop([worldArbitrary(), fc.integer({ min: -1, max: 10 })], { numRuns: RUNS })(
    'adding a holiday never adds business time: between(a, b) does not grow',
    ({ definition, calendar, a: x, b: y }, days) => {
      const [a, b] = ordered(x, y);
      const closed = defineCalendar(withClosedDate(definition, localDate(definition, a, days)));
      expect(businessTimeBetween(closed, a, b)).toBeLessThanOrEqual(businessTimeBetween(calendar, a, b));
    },
    TIMEOUT,
  );
});

describe('weekly periodicity', () => {
  test.prop([worldArbitrary(FIXED_OFFSET_TIME_ZONES, 0), duration, fc.integer({ min: -3, max: 3 })], { numRuns: RUNS })(
    'in a fixed-offset zone without holidays, shifting t by whole weeks shifts add(t, d) and between by the same',
    ({ calendar, a: t, b: u }, d, weeks) => {
      const shift = weeks * 7 * DAY;
      const result = addOrNone(calendar, t, d);
      fc.pre(result !== undefined);
      expect(addBusinessTime(calendar, plus(t, shift), d).toISOString()).toBe(plus(result, shift).toISOString());
      const [a, b] = ordered(t, u);
      expect(businessTimeBetween(calendar, plus(a, shift), plus(b, shift))).toBe(businessTimeBetween(calendar, a, b));
    },
    TIMEOUT,
  );
});

describe('a calendar without business time', () => {
  // Closed every weekday, and every holiday closed all day.
  const neverOpen = calendarDefinitionArbitrary({ holidaysFrom: '2020-01-01', holidaysTo: '2020-12-31' }).map(
    (definition): BusinessCalendarDefinition => ({
      timeZone: definition.timeZone,
      week: Object.fromEntries(Object.keys(definition.week).map((day) => [day, []])),
      holidays: (definition.holidays ?? []).map(({ date }) => ({ date })),
    }),
  );
  const anyInstant = instantArbitrary({ min: HORIZON_START, max: HORIZON_END });

  test.prop([neverOpen, anyInstant, businessDurationArbitrary({ max: DAY }).filter((d) => d > 0)], { numRuns: 100 })(
    'a calendar with no business time throws out_of_range from add, subtract and next, and never loops',
    (definition, t, d) => {
      const calendar = defineCalendar(definition);
      expect(() => addBusinessTime(calendar, t, d)).toThrow(OutOfRangeError);
      expect(() => subtractBusinessTime(calendar, t, d)).toThrow(OutOfRangeError);
      expect(() => nextBusinessTime(calendar, t)).toThrow(OutOfRangeError);
      expect(isBusinessTime(calendar, t)).toBe(false);
      expect(businessTimeBetween(calendar, HORIZON_START, HORIZON_END)).toBe(0);
    },
    TIMEOUT,
  );
});

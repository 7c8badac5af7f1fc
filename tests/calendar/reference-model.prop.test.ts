import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  businessTimeOnDate,
  businessWindowsBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
  nextBusinessTime,
  OutOfRangeError,
  subtractBusinessTime,
  ValidationError,
  type BusinessCalendar,
  type BusinessCalendarDefinition,
} from '../../src/calendar/index';
import { businessDurationArbitrary, calendarDefinitionArbitrary, EDGE_CASE_TIME_ZONES, instantArbitrary } from '../../src/testing/index';
import { HORIZON_END_MS, HORIZON_START_MS, localDateOf, ReferenceCalendar, referenceWindowsOn } from './reference-model';

// The compiled calendar against the naive reference model, on random calendars in the zones
// that break calendars (DST at midnight, 30/45-minute offsets, a skipped day), at random
// instants, many of them near the zone's offset changes or exactly on window edges.

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The model knows `[anchor - 8 days, anchor + 30 days]`; queries stay in `[anchor - 4 days, anchor + 14 days]`. */
const MODEL_BEFORE = 8 * DAY;
const MODEL_AFTER = 30 * DAY;
const QUERY_BEFORE = 4 * DAY;
const QUERY_AFTER = 14 * DAY;

interface Scenario {
  readonly definition: BusinessCalendarDefinition;
  readonly anchor: number;
}

function isoDate(instant: number): string {
  return new Date(Math.min(Math.max(instant, HORIZON_START_MS), HORIZON_END_MS - DAY)).toISOString().slice(0, 10);
}

/**
 * A zone, an anchor instant (often near the zone's DST changes) and a calendar whose holidays
 * fall around the anchor; with `closedWeek`, a calendar open only in its holidays' hours.
 */
function scenarioArbitrary(timeZones: readonly string[], min: string, max: string, closedWeek = false): fc.Arbitrary<Scenario> {
  return fc.constantFrom(...timeZones).chain((timeZone) =>
    instantArbitrary({ min: new Date(min), max: new Date(max), timeZone }).chain((anchor) =>
      calendarDefinitionArbitrary({
        timeZones: [timeZone],
        holidaysFrom: isoDate(anchor.getTime() - QUERY_BEFORE - DAY),
        holidaysTo: isoDate(anchor.getTime() + QUERY_AFTER + DAY),
        maxHolidays: closedWeek ? 12 : 6,
      }).map((definition): Scenario => ({ definition: closedWeek ? { ...definition, week: {} } : definition, anchor: anchor.getTime() })),
    ),
  );
}

// Reaching an end of the horizon makes the implementation read a zone's offsets from `Intl` all
// the way there (once per zone, but slowly), so the scenarios at the ends of the horizon (windows
// cut off there, out_of_range errors) keep to a few zones of their own.
const scenarios = fc.oneof(
  { weight: 12, arbitrary: scenarioArbitrary(EDGE_CASE_TIME_ZONES, '2005-01-01T00:00:00Z', '2030-12-31T00:00:00Z') },
  // Samoa skipped 2011-12-30 by moving from -10:00 to +14:00: a local date with no instants.
  { weight: 1, arbitrary: scenarioArbitrary(['Pacific/Apia'], '2011-12-26T00:00:00Z', '2012-01-03T00:00:00Z') },
  { weight: 2, arbitrary: scenarioArbitrary(['Etc/GMT+10', 'Europe/Lisbon'], '2005-01-01T00:00:00Z', '2030-12-31T00:00:00Z', true) },
  { weight: 1, arbitrary: scenarioArbitrary(['Etc/GMT-13', 'Europe/Lisbon'], '1900-01-01T00:00:00Z', '1900-01-20T00:00:00Z') },
  { weight: 1, arbitrary: scenarioArbitrary(['Etc/GMT+10', 'Pacific/Easter', 'Pacific/Kiritimati'], '2199-12-10T00:00:00Z', '2200-01-01T00:00:00Z') },
);

/** A query instant: an offset from the anchor, or (when `edge` is set) an edge of a window, nudged by -1, 0 or 1 ms. */
interface Point {
  readonly offset: number;
  readonly edge: number | undefined;
  readonly nudge: number;
}

const pointArbitrary: fc.Arbitrary<Point> = fc.record({
  offset: fc
    .tuple(fc.integer({ min: -QUERY_BEFORE, max: QUERY_AFTER }), fc.constantFrom(1, 1000, 60_000, 900_000, HOUR))
    .map(([offset, unit]) => Math.round(offset / unit) * unit),
  edge: fc.option(fc.nat(), { nil: undefined }),
  nudge: fc.constantFrom(-1, 0, 0, 1),
});

const durationArbitrary = fc.oneof(businessDurationArbitrary({ max: 8 * HOUR }), businessDurationArbitrary({ max: 5 * DAY }));

interface Setup {
  readonly calendar: BusinessCalendar;
  readonly model: ReferenceCalendar;
  readonly at: (point: Point) => number;
}

function setUp({ definition, anchor }: Scenario): Setup {
  const model = new ReferenceCalendar(definition, anchor - MODEL_BEFORE, anchor + MODEL_AFTER);
  const lo = Math.max(anchor - QUERY_BEFORE, HORIZON_START_MS);
  const hi = Math.min(anchor + QUERY_AFTER, HORIZON_END_MS);
  const edges = model.windows.flatMap(({ start, end }) => [start, end]).filter((edge) => edge >= lo && edge <= hi);
  const at = ({ offset, edge, nudge }: Point): number => {
    const instant = edge !== undefined && edges.length > 0 ? edges[edge % edges.length]! + nudge : anchor + offset;
    return Math.min(Math.max(instant, lo), hi);
  };
  return { calendar: defineCalendar(definition), model, at };
}

const iso = (instant: number): string => new Date(instant).toISOString();

/**
 * The model found no answer inside its span: the calendar must then answer beyond the span, or
 * throw out_of_range when there is not enough business time left in the horizon (checked with
 * the calendar's own between, since the model cannot see that far).
 */
function expectBeyondModel(
  run: () => Date,
  side: 'after' | 'before',
  model: ReferenceCalendar,
  notEnough: () => boolean,
): void {
  let result: Date;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(OutOfRangeError);
    expect(notEnough()).toBe(true);
    return;
  }
  if (side === 'after') {
    expect(model.reachesHorizonEnd, `result ${result.toISOString()} although the model reaches the horizon end`).toBe(false);
    expect(result.getTime()).toBeGreaterThan(model.hi);
  } else {
    expect(model.reachesHorizonStart, `result ${result.toISOString()} although the model reaches the horizon start`).toBe(false);
    expect(result.getTime()).toBeLessThan(model.lo);
  }
}

const horizonEnd = new Date(HORIZON_END_MS);
const horizonStart = new Date(HORIZON_START_MS);
const RUNS = 300;
/** Generous, because the first queries in a zone build its offset table; no run comes near it. */
const TIMEOUT = 60_000;
const queries = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(arbitrary, { minLength: 1, maxLength: 4 });

describe('the compiled calendar agrees with the reference model', () => {
  test.prop([scenarios, queries(fc.tuple(pointArbitrary, pointArbitrary))], { numRuns: RUNS })(
    'businessTimeBetween equals the summed overlap with the windows',
    (scenario, pairs) => {
      const { calendar, model, at } = setUp(scenario);
      for (const [a, b] of pairs) {
        const from = at(a);
        const to = at(b);
        expect(businessTimeBetween(calendar, new Date(from), new Date(to)), `${iso(from)} → ${iso(to)}`).toBe(model.between(from, to));
      }
    },
    TIMEOUT,
  );

  test.prop([scenarios, queries(pointArbitrary)], { numRuns: RUNS })('isBusinessTime is true exactly inside a window', (scenario, points) => {
    const { calendar, model, at } = setUp(scenario);
    for (const point of points) {
      const instant = at(point);
      expect(isBusinessTime(calendar, new Date(instant)), iso(instant)).toBe(model.isOpen(instant));
    }
  }, TIMEOUT);

  test.prop([scenarios, queries(pointArbitrary)], { numRuns: RUNS })('nextBusinessTime is the instant itself or the next opening', (scenario, points) => {
    const { calendar, model, at } = setUp(scenario);
    for (const point of points) {
      const instant = at(point);
      const expected = model.next(instant);
      const run = (): Date => nextBusinessTime(calendar, new Date(instant));
      if (expected === undefined) {
        expectBeyondModel(run, 'after', model, () => businessTimeBetween(calendar, new Date(instant), horizonEnd) === 0);
      } else {
        expect(iso(run().getTime()), iso(instant)).toBe(iso(expected));
      }
    }
  }, TIMEOUT);

  test.prop([scenarios, queries(fc.tuple(pointArbitrary, durationArbitrary))], { numRuns: RUNS })(
    'addBusinessTime is where the walk through the windows uses the duration up',
    (scenario, cases) => {
      const { calendar, model, at } = setUp(scenario);
      for (const [point, duration] of cases) {
        const from = at(point);
        const expected = model.add(from, duration);
        const run = (): Date => addBusinessTime(calendar, new Date(from), duration);
        if (expected === undefined) {
          expectBeyondModel(run, 'after', model, () => businessTimeBetween(calendar, new Date(from), horizonEnd) < duration);
        } else {
          expect(iso(run().getTime()), `${iso(from)} + ${duration} ms`).toBe(iso(expected));
        }
      }
    },
    TIMEOUT,
  );

  test.prop([scenarios, queries(fc.tuple(pointArbitrary, durationArbitrary))], { numRuns: RUNS })(
    'subtractBusinessTime is where the walk back through the windows uses the duration up',
    (scenario, cases) => {
      const { calendar, model, at } = setUp(scenario);
      for (const [point, duration] of cases) {
        const to = at(point);
        const expected = model.subtract(to, duration);
        const run = (): Date => subtractBusinessTime(calendar, new Date(to), duration);
        if (expected === undefined) {
          expectBeyondModel(run, 'before', model, () => businessTimeBetween(calendar, horizonStart, new Date(to)) < duration);
        } else {
          expect(iso(run().getTime()), `${iso(to)} - ${duration} ms`).toBe(iso(expected));
        }
      }
    },
    TIMEOUT,
  );

  test.prop([scenarios, queries(fc.tuple(pointArbitrary, pointArbitrary))], { numRuns: RUNS })(
    'businessWindowsBetween lists the merged windows cut to the span',
    (scenario, spans) => {
      const { calendar, model, at } = setUp(scenario);
      for (const [a, b] of spans) {
        const from = Math.min(at(a), at(b));
        const to = Math.max(at(a), at(b));
        const actual = businessWindowsBetween(calendar, new Date(from), new Date(to)).map(({ start, end }) => `${iso(start.getTime())}/${iso(end.getTime())}`);
        const expected = model.windowsBetween(from, to).map(({ start, end }) => `${iso(start)}/${iso(end)}`);
        expect(actual, `${iso(from)} → ${iso(to)}`).toEqual(expected);
      }
    },
    TIMEOUT,
  );

  test.prop([scenarios, queries(pointArbitrary)], { numRuns: RUNS })(
    'businessWindowsOn and businessTimeOnDate give the merged windows that belong to the local date',
    (scenario, points) => {
      const { calendar, at } = setUp(scenario);
      for (const point of points) {
        const date = localDateOf(at(point), scenario.definition.timeZone).toString();
        if (date < '1900-01-01' || date > '2199-12-31') {
          // Near the horizon an instant's local date can lie outside the dates a calendar takes.
          expect(() => businessWindowsOn(calendar, date), date).toThrow(ValidationError);
          continue;
        }
        const expected = referenceWindowsOn(scenario.definition, date);
        const actual = businessWindowsOn(calendar, date).map(({ start, end }) => `${iso(start.getTime())}/${iso(end.getTime())}`);
        expect(actual, date).toEqual(expected.map(({ start, end }) => `${iso(start)}/${iso(end)}`));
        expect(businessTimeOnDate(calendar, date), date).toBe(expected.reduce((sum, { start, end }) => sum + end - start, 0));
      }
    },
    TIMEOUT,
  );
});

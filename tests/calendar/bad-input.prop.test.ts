import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  CALENDAR_HORIZON,
  WEEKDAYS,
  addBusinessTime,
  businessTimeBetween,
  businessTimeOnDate,
  businessWindowsBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
  nextBusinessTime,
  safeDefineCalendar,
  subtractBusinessTime,
  ValidationError,
  type BusinessCalendar,
  type BusinessCalendarDefinition,
} from '../../src/calendar/index';
import { anyValue } from '../support';

const calendar = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: { monday: [{ start: '09:00', end: '17:00' }], friday: [{ start: '22:00', end: '06:00' }] },
});
const inside = new Date('2026-11-23T10:00:00Z');
const later = new Date('2026-11-30T10:00:00Z');

const HORIZON_START_MS = Date.parse(CALENDAR_HORIZON.start);
const HORIZON_END_MS = Date.parse(CALENDAR_HORIZON.end);

/** Runs `call` and checks it threw a ValidationError whose only issue names `field`. */
function expectValidationErrorNaming(call: () => unknown, field: string): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect(caught).not.toBeInstanceOf(TypeError);
  const error = caught as ValidationError;
  expect(error.code).toBe('validation');
  expect(error.issues.map((issue) => issue.path)).toEqual([[field]]);
  expect(error.message).toContain(field);
}

// ---------------------------------------------------------------------------------------------
// Definitions


// Each generator is mostly valid, so a definition made of them is often accepted and, when it
// is not, fails at one field deep inside.
const time = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('00:00', '09:00', '12:30', '17:00', '23:59:59', '24:00', '24:00:00') },
  { weight: 1, arbitrary: fc.constantFrom('25:00', '9:00', '12:60', '24:30', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 9 }) },
);
const windowLike = fc.oneof(
  { weight: 8, arbitrary: fc.record({ start: time, end: time }) },
  { weight: 1, arbitrary: fc.record({ start: time, end: time, extra: fc.jsonValue() }, { requiredKeys: ['start'] }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);
const dateLike = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('2026-12-25', '1900-01-01', '2199-12-31', '2026-11-23') },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2026-2-1', '1899-12-31', '2200-01-01') },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 12 }), fc.jsonValue()) },
);
/** Definitions close enough to valid that a fair share is accepted and the rest fail deep inside. */
const nearlyADefinition = fc.record(
  {
    timeZone: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Chatham') },
      { weight: 1, arbitrary: fc.constantFrom('Mars/Olympus', 'europe/berlin', '') },
      { weight: 1, arbitrary: fc.jsonValue() },
    ),
    week: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.dictionary(
          fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WEEKDAYS) }, { weight: 1, arbitrary: fc.constantFrom('mondy', 'Monday') }),
          fc.oneof({ weight: 8, arbitrary: fc.array(windowLike, { maxLength: 2 }) }, { weight: 1, arbitrary: fc.jsonValue() }),
          { maxKeys: 3 },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue() },
    ),
    holidays: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(
          fc.record(
            { date: dateLike, name: fc.oneof({ weight: 8, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.jsonValue() }), hours: fc.array(windowLike, { maxLength: 2 }) },
            { requiredKeys: ['date'] },
          ),
          { maxLength: 2 },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue() },
    ),
    notes: fc.jsonValue(),
  },
  { requiredKeys: ['timeZone', 'week', 'holidays'] },
).map((definition) => {
  // `notes` is an unknown key; keep it on only some inputs, so others can be accepted.
  const { notes, ...rest } = definition as Record<string, unknown>;
  return JSON.stringify(notes ?? null).length % 3 === 0 ? { ...rest, notes } : rest;
});

/** JSON-shaped data: primitives, arrays and plain objects only, nothing with behaviour. */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainData);
}

/** What a calendar-or-error result must look like. */
function expectCalendarOrValidationError(input: unknown): void {
  const result = safeDefineCalendar(input);
  if (result.success) {
    expect(Object.isFrozen(result.data)).toBe(true);
    // A calendar that was accepted must also work.
    expect(businessTimeOnDate(result.data, '2026-11-23')).toBeGreaterThanOrEqual(0);
  } else {
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.code).toBe('validation');
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const issue of result.error.issues) {
      expect(Array.isArray(issue.path)).toBe(true);
      for (const key of issue.path) expect(['string', 'number']).toContain(typeof key);
      expect(typeof issue.message).toBe('string');
    }
    expect(isPlainData(result.error.toJSON())).toBe(true);
  }
}

describe('calendar definitions', () => {
  test.prop([fc.jsonValue()])('safeDefineCalendar turns any JSON value into a calendar or a ValidationError', (input) => {
    expectCalendarOrValidationError(input);
  });

  test.prop([nearlyADefinition])('safeDefineCalendar turns any near-miss definition into a calendar or a ValidationError', (input) => {
    expectCalendarOrValidationError(input);
  });

  test.prop([anyValue])('safeDefineCalendar never throws, whatever it is given', (input) => {
    expect(() => safeDefineCalendar(input)).not.toThrow();
  });

  test.prop([fc.oneof(anyValue, nearlyADefinition)])('defineCalendar throws nothing but a ValidationError', (input) => {
    const expected = safeDefineCalendar(input);
    let caught: unknown;
    try {
      defineCalendar(input as BusinessCalendarDefinition);
    } catch (error) {
      caught = error;
    }
    // It throws exactly when the safe form fails, and the same issues.
    if (expected.success) expect(caught).toBeUndefined();
    else {
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).issues).toEqual(expected.error.issues);
    }
  });

  test('a fair share of near-miss definitions is accepted, so the success branch is exercised', () => {
    const samples = fc.sample(nearlyADefinition, { numRuns: 1000, seed: 42 });
    const accepted = samples.filter((input) => safeDefineCalendar(input).success).length;
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(900);
  });
});

// ---------------------------------------------------------------------------------------------
// Arguments

/** Anything that is not a whole, non-negative, finite number of milliseconds. */
const notADuration = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5, 0.5, Number.EPSILON),
  fc.integer({ max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n) || n < 0),
  fc.string(),
  fc.constantFrom(null, undefined, true, '3600000'),
  fc.bigInt(),
  fc.object(),
  fc.date(),
);

/** A Date that is invalid or outside the horizon, or a value that is not a Date at all. */
const notAnInstant = fc.oneof(
  fc.constant(new Date(Number.NaN)),
  fc.date({ max: new Date(HORIZON_START_MS - 1), noInvalidDate: true }),
  fc.date({ min: new Date(HORIZON_END_MS + 1), noInvalidDate: true }),
  fc.integer({ min: HORIZON_START_MS, max: HORIZON_END_MS }),
  fc.constantFrom('2026-11-23T10:00:00Z', null, undefined),
  fc.string(),
  fc.object(),
);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** Strings that are not a real date from 1900-01-01 to 2199-12-31, and values that are not strings. */
const notADate = fc.oneof(
  fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  // Well-formed but outside the horizon.
  fc
    .tuple(fc.oneof(fc.integer({ min: 0, max: 1899 }), fc.integer({ min: 2200, max: 9999 })), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  // Well-formed, inside the horizon's years, but no such month or day.
  fc
    .tuple(fc.integer({ min: 1900, max: 2199 }), fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc
    .tuple(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.oneof(fc.constant(0), fc.integer({ min: 32, max: 99 })))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.constantFrom('2026-02-29', '2026-04-31', '2100-02-29', '2026-2-1', ' 2026-11-23', '2026-11-23T00:00'),
  fc.constantFrom(null, undefined, 20261123),
  fc.date(),
  fc.object(),
);

describe('calendar function arguments', () => {
  test.prop([notADuration])('a durationMs that is not a whole non-negative number is a validation error naming durationMs', (duration) => {
    expectValidationErrorNaming(() => addBusinessTime(calendar, inside, duration as number), 'durationMs');
    expectValidationErrorNaming(() => subtractBusinessTime(calendar, inside, duration as number), 'durationMs');
  });

  test.prop([notAnInstant])('an instant that is not a valid Date within the horizon is a validation error naming its parameter', (value) => {
    const bad = value as Date;
    expectValidationErrorNaming(() => addBusinessTime(calendar, bad, 1), 'from');
    expectValidationErrorNaming(() => subtractBusinessTime(calendar, bad, 1), 'to');
    expectValidationErrorNaming(() => businessTimeBetween(calendar, bad, later), 'from');
    expectValidationErrorNaming(() => businessTimeBetween(calendar, inside, bad), 'to');
    expectValidationErrorNaming(() => isBusinessTime(calendar, bad), 'at');
    expectValidationErrorNaming(() => nextBusinessTime(calendar, bad), 'at');
    expectValidationErrorNaming(() => businessWindowsBetween(calendar, bad, later), 'from');
    expectValidationErrorNaming(() => businessWindowsBetween(calendar, inside, bad), 'to');
  });

  test.prop([notADate])('a date that is not a real YYYY-MM-DD within the horizon is a validation error naming date', (value) => {
    expectValidationErrorNaming(() => businessWindowsOn(calendar, value as string), 'date');
    expectValidationErrorNaming(() => businessTimeOnDate(calendar, value as string), 'date');
  });

  test.prop([anyValue])('anything that is not a calendar is a validation error naming calendar', (value) => {
    const notACalendar = value as BusinessCalendar;
    expectValidationErrorNaming(() => addBusinessTime(notACalendar, inside, 1), 'calendar');
    expectValidationErrorNaming(() => subtractBusinessTime(notACalendar, inside, 1), 'calendar');
    expectValidationErrorNaming(() => businessTimeBetween(notACalendar, inside, later), 'calendar');
    expectValidationErrorNaming(() => isBusinessTime(notACalendar, inside), 'calendar');
    expectValidationErrorNaming(() => nextBusinessTime(notACalendar, inside), 'calendar');
    expectValidationErrorNaming(() => businessWindowsOn(notACalendar, '2026-11-23'), 'calendar');
    expectValidationErrorNaming(() => businessTimeOnDate(notACalendar, '2026-11-23'), 'calendar');
    expectValidationErrorNaming(() => businessWindowsBetween(notACalendar, inside, later), 'calendar');
  });
});

import { fc, test } from '@fast-check/vitest';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  defineCalendar,
  isBusinessTime,
  safeDefineCalendar,
  CALENDAR_HORIZON,
  ValidationError,
  WEEKDAYS,
  type BusinessCalendarDefinition,
  type BusinessHoursWindow,
} from '../../src/calendar/index';
import {
  businessCalendarArbitrary,
  businessDurationArbitrary,
  businessHoursWindowArbitrary,
  calendarDefinitionArbitrary,
  EDGE_CASE_TIME_ZONES,
  FIXED_OFFSET_TIME_ZONES,
  holidayArbitrary,
  instantArbitrary,
  windowEdgeArbitrary,
} from '../../src/testing/index';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Statistics are read from a fixed sample, so they do not flicker from run to run. */
const SAMPLE = { numRuns: 1000, seed: 20_251_122 };

function seconds(time: string): number {
  const [hours = 0, minutes = 0, secs = 0] = time.split(':').map(Number);
  return hours * 3600 + minutes * 60 + secs;
}

function allWindows(definition: BusinessCalendarDefinition): BusinessHoursWindow[] {
  return [...WEEKDAYS.flatMap((day) => definition.week[day] ?? []), ...(definition.holidays ?? []).flatMap((holiday) => holiday.hours ?? [])];
}

/** Whether two of the windows cover a common wall-clock time (overnight ones run into the next day). */
function overlapping(windows: readonly BusinessHoursWindow[]): boolean {
  const spans = windows.map(({ start, end }) => {
    const from = seconds(start);
    return [from, seconds(end) <= from ? seconds(end) + 86_400 : seconds(end)] as const;
  });
  return spans.some(([a, b], i) => spans.some(([c, d], j) => i < j && a < d && c < b));
}

function share<T>(samples: readonly T[], predicate: (value: T) => boolean): number {
  return samples.filter(predicate).length / samples.length;
}

/** The paths of the issues of the ValidationError that `make` throws, or whatever else it throws or returns. */
function rejectedPaths(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error instanceof ValidationError ? error.issues.map((found) => found.path) : error;
  }
  return 'no error';
}

describe('calendarDefinitionArbitrary', () => {
  test.prop([calendarDefinitionArbitrary()], { numRuns: 300 })('generates definitions that defineCalendar accepts', (definition) => {
    const result = safeDefineCalendar(definition);
    expect(result.success ? 'accepted' : result.error.message).toBe('accepted');
  });

  test.prop([calendarDefinitionArbitrary({ overnight: false, seconds: false, minOpenWeekdays: 7, maxWindowsPerDay: 1, maxHolidays: 20 })], {
    numRuns: 100,
  })('generates accepted definitions under narrow options too', (definition) => {
    expect(() => defineCalendar(definition)).not.toThrow();
  });

  test.prop([calendarDefinitionArbitrary()], { numRuns: 200 })('generates plain JSON data', (definition) => {
    expect(JSON.parse(JSON.stringify(definition))).toStrictEqual(definition);
  });

  test.prop([calendarDefinitionArbitrary({ timeZones: ['Asia/Kathmandu', 'Pacific/Chatham'], holidaysFrom: '2026-12-20', holidaysTo: '2027-01-05', maxHolidays: 4 })], {
    numRuns: 200,
  })('keeps to the given zones and holiday range and count, one holiday per date', (definition) => {
    expect(['Asia/Kathmandu', 'Pacific/Chatham']).toContain(definition.timeZone);
    const dates = (definition.holidays ?? []).map((holiday) => holiday.date);
    expect(dates.length).toBeLessThanOrEqual(4);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) {
      expect(date >= '2026-12-20' && date <= '2027-01-05', date).toBe(true);
    }
  });

  test.prop([calendarDefinitionArbitrary({ maxWindowsPerDay: 2, minOpenWeekdays: 5 })], { numRuns: 200 })(
    'keeps to maxWindowsPerDay and minOpenWeekdays',
    (definition) => {
      const open = WEEKDAYS.filter((day) => (definition.week[day] ?? []).length > 0);
      expect(open.length).toBeGreaterThanOrEqual(5);
      for (const day of WEEKDAYS) expect((definition.week[day] ?? []).length).toBeLessThanOrEqual(2);
      for (const holiday of definition.holidays ?? []) expect((holiday.hours ?? []).length).toBeLessThanOrEqual(2);
    },
  );

  test.prop([calendarDefinitionArbitrary({ maxHolidays: 0, overnight: false, seconds: false })], { numRuns: 200 })(
    'leaves out holidays, overnight windows and seconds when asked to',
    (definition) => {
      expect(definition.holidays).toBeUndefined();
      for (const { start, end } of allWindows(definition)) {
        expect(seconds(end), `${start}–${end}`).toBeGreaterThan(seconds(start));
        expect(start).toMatch(/^\d\d:\d\d$/);
        expect(end).toMatch(/^\d\d:\d\d$/);
      }
    },
  );

  it('covers every advertised feature in a sample', () => {
    const samples = fc.sample(calendarDefinitionArbitrary(), SAMPLE);
    const weekdayLists = (definition: BusinessCalendarDefinition) => WEEKDAYS.map((day) => definition.week[day]);
    const holidays = (definition: BusinessCalendarDefinition) => definition.holidays ?? [];
    const coverage = {
      'overnight windows (end before start)': share(samples, (d) => allWindows(d).some((w) => seconds(w.end) < seconds(w.start))),
      '24-hour windows (end equal to start)': share(samples, (d) => allWindows(d).some((w) => seconds(w.end) === seconds(w.start))),
      'ends at 24:00': share(samples, (d) => allWindows(d).some((w) => w.end.startsWith('24:00'))),
      'times with seconds': share(samples, (d) => allWindows(d).some((w) => w.start.length === 8 || w.end.length === 8)),
      'overlapping windows on a weekday': share(samples, (d) => weekdayLists(d).some((list) => overlapping(list ?? []))),
      'a weekday left out': share(samples, (d) => weekdayLists(d).some((list) => list === undefined)),
      'a weekday with an empty list': share(samples, (d) => weekdayLists(d).some((list) => list?.length === 0)),
      'a holiday closed all day': share(samples, (d) => holidays(d).some((h) => h.hours === undefined || h.hours.length === 0)),
      'a holiday with partial hours': share(samples, (d) => holidays(d).some((h) => (h.hours ?? []).length > 0)),
      'a named holiday': share(samples, (d) => holidays(d).some((h) => h.name !== undefined)),
    };
    for (const [feature, fraction] of Object.entries(coverage)) expect(fraction, feature).toBeGreaterThan(0.01);
    for (const zone of EDGE_CASE_TIME_ZONES) expect(share(samples, (d) => d.timeZone === zone), zone).toBeGreaterThan(0.01);
  });

  it('rejects options it cannot honour, naming the option', () => {
    expect(() => calendarDefinitionArbitrary({ timeZones: ['Mars/Olympus_Mons'] })).toThrow(ValidationError);
    expect(() => calendarDefinitionArbitrary({ timeZones: ['Mars/Olympus_Mons'] })).toThrow(/timeZones\[0\]/);
    expect(() => calendarDefinitionArbitrary({ timeZones: [] })).toThrow(/timeZones/);
    expect(() => calendarDefinitionArbitrary({ minOpenWeekdays: 8 })).toThrow(/minOpenWeekdays/);
    expect(() => calendarDefinitionArbitrary({ maxWindowsPerDay: 0 })).toThrow(/maxWindowsPerDay/);
    expect(() => calendarDefinitionArbitrary({ holidaysFrom: '2026-02-30' })).toThrow(/from/);
    expect(() => holidayArbitrary({ from: '2027-01-01', to: '2026-01-01' })).toThrow(/to/);
    expect(() => holidayArbitrary({ from: '1899-12-31' })).toThrow(/from/);
  });
});

describe('businessCalendarArbitrary', () => {
  test.prop([businessCalendarArbitrary({ timeZones: FIXED_OFFSET_TIME_ZONES, maxHolidays: 0 })], { numRuns: 100 })(
    'gives compiled calendars in the requested zones',
    (calendar) => {
      expect(FIXED_OFFSET_TIME_ZONES).toContain(calendar.timeZone);
      expect(calendar.definition.holidays).toBeUndefined();
      expect(() => isBusinessTime(calendar, new Date('2026-01-05T12:00:00Z'))).not.toThrow();
    },
  );
});

describe('businessHoursWindowArbitrary and holidayArbitrary', () => {
  test.prop([businessHoursWindowArbitrary()], { numRuns: 300 })('writes times HH:mm or HH:mm:ss, ends up to 24:00', ({ start, end }) => {
    expect(start).toMatch(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/);
    expect(end).toMatch(/^(([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?|24:00(:00)?)$/);
  });

  test.prop([holidayArbitrary({ from: '2199-12-01', to: '2199-12-31' })], { numRuns: 100 })(
    'gives holidays a calendar accepts, up to the end of the horizon',
    (holiday) => {
      expect(holiday.date >= '2199-12-01' && holiday.date <= '2199-12-31').toBe(true);
      expect(safeDefineCalendar({ timeZone: 'UTC', week: {}, holidays: [holiday] }).success).toBe(true);
    },
  );
});

describe('instantArbitrary', () => {
  const min = new Date('2026-01-01T00:00:00Z');
  const max = new Date('2027-01-01T00:00:00Z');

  test.prop([instantArbitrary({ min, max })], { numRuns: 300 })('gives valid Dates in range, in whole milliseconds', (instant) => {
    expect(Number.isInteger(instant.getTime())).toBe(true);
    expect(instant.getTime()).toBeGreaterThanOrEqual(min.getTime());
    expect(instant.getTime()).toBeLessThanOrEqual(max.getTime());
  });

  it('favours instants near the given zone’s DST changes', () => {
    const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse);
    // The zone's own idea of its changes, from Temporal, to check the two above.
    const first = Temporal.Instant.from('2026-01-01T00:00:00Z').toZonedDateTimeISO('Europe/Berlin').getTimeZoneTransition('next');
    expect(first?.epochMilliseconds).toBe(changes[0]);
    const near = (instant: Date) => changes.some((change) => Math.abs(instant.getTime() - change) <= 36 * HOUR);
    const withZone = fc.sample(instantArbitrary({ min, max, timeZone: 'Europe/Berlin' }), SAMPLE);
    const withoutZone = fc.sample(instantArbitrary({ min, max }), SAMPLE);
    expect(share(withZone, near)).toBeGreaterThan(0.3);
    expect(share(withoutZone, near)).toBeLessThan(0.1);
  });

  it('rounds many instants to whole minutes, where windows open and close', () => {
    const samples = fc.sample(instantArbitrary({ min, max }), SAMPLE);
    expect(share(samples, (instant) => instant.getTime() % 60_000 === 0)).toBeGreaterThan(0.3);
    expect(share(samples, (instant) => instant.getTime() % 1000 !== 0)).toBeGreaterThan(0.1);
  });

  it('rejects a range outside the horizon or reversed', () => {
    expect(() => instantArbitrary({ min: new Date('1899-12-31T00:00:00Z') })).toThrow(/min/);
    expect(() => instantArbitrary({ max: new Date('2200-01-02T00:00:00Z') })).toThrow(/max/);
    expect(() => instantArbitrary({ min: max, max: min })).toThrow(/max/);
    expect(() => instantArbitrary({ min: new Date(Number.NaN) })).toThrow(ValidationError);
    expect(() => instantArbitrary({ timeZone: 'Nowhere/Special' })).toThrow(/timeZone/);
  });
});

describe('windowEdgeArbitrary', () => {
  const office = defineCalendar({
    timeZone: 'Pacific/Chatham',
    week: { monday: [{ start: '09:00', end: '17:00' }], wednesday: [{ start: '22:00', end: '06:00' }] },
    holidays: [{ date: '2026-06-01', hours: [{ start: '10:00', end: '12:00' }] }],
  });
  const min = new Date('2026-05-01T00:00:00Z');
  const max = new Date('2026-07-01T00:00:00Z');

  it('gives mostly instants where the calendar opens or closes, or 1 ms beside one', () => {
    const samples = fc.sample(windowEdgeArbitrary(office, { min, max }), SAMPLE);
    const flips = (at: number) => isBusinessTime(office, new Date(at)) !== isBusinessTime(office, new Date(at - 1));
    for (const instant of samples) {
      expect(instant.getTime()).toBeGreaterThanOrEqual(min.getTime());
      expect(instant.getTime()).toBeLessThanOrEqual(max.getTime());
    }
    expect(share(samples, (instant) => flips(instant.getTime()))).toBeGreaterThan(0.3);
    expect(share(samples, (instant) => flips(instant.getTime()) || flips(instant.getTime() + 1) || flips(instant.getTime() - 1))).toBeGreaterThan(0.6);
  });

  describe('without a timeZone option', () => {
    // Open every night across the hours the clocks change in, so edges lie next to a change.
    const nightly = { start: '01:30', end: '03:30' };
    const berlin = defineCalendar({ timeZone: 'Europe/Berlin', week: Object.fromEntries(WEEKDAYS.map((day) => [day, [nightly]])) });
    const year = { min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z') };
    const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse);
    const nearChange = (instant: Date) => changes.some((change) => Math.abs(instant.getTime() - change) <= 3 * DAY);

    it('favours the daylight-saving changes of the calendar’s own zone', () => {
      expect(share(fc.sample(windowEdgeArbitrary(berlin, year), SAMPLE), nearChange)).toBeGreaterThan(0.3);
      expect(share(fc.sample(windowEdgeArbitrary(berlin, { ...year, timeZone: 'UTC' }), SAMPLE), nearChange)).toBeLessThan(0.1);
    });

    it('gives what passing the calendar’s zone gives', () => {
      expect(fc.sample(windowEdgeArbitrary(berlin, year), SAMPLE)).toStrictEqual(
        fc.sample(windowEdgeArbitrary(berlin, { ...year, timeZone: 'Europe/Berlin' }), SAMPLE),
      );
    });
  });
});

describe('businessDurationArbitrary', () => {
  test.prop([businessDurationArbitrary({ max: 8 * HOUR })], { numRuns: 300 })('gives whole milliseconds from 0 to max', (duration) => {
    expect(Number.isSafeInteger(duration)).toBe(true);
    expect(duration).toBeGreaterThanOrEqual(0);
    expect(duration).toBeLessThanOrEqual(8 * HOUR);
  });

  it('often gives 0, the maximum, and whole hours', () => {
    const samples = fc.sample(businessDurationArbitrary({ max: 2 * DAY }), SAMPLE);
    expect(share(samples, (duration) => duration === 0)).toBeGreaterThan(0.05);
    expect(share(samples, (duration) => duration === 2 * DAY)).toBeGreaterThan(0.05);
    expect(share(samples, (duration) => duration > 0 && duration % HOUR === 0)).toBeGreaterThan(0.05);
    expect(share(samples, (duration) => duration % 1000 !== 0)).toBeGreaterThan(0.05);
  });

  it('rejects a negative or fractional max', () => {
    expect(() => businessDurationArbitrary({ max: -1 })).toThrow(ValidationError);
    expect(() => businessDurationArbitrary({ max: 1.5 })).toThrow(/max/);
  });
});

describe('a range with one end given', () => {
  const later = new Date('2060-01-01T00:00:00Z');
  const earlier = new Date('1950-01-01T00:00:00Z');

  it('lets min be later than the default max, keeping max within the horizon', () => {
    const samples = fc.sample(instantArbitrary({ min: later, timeZone: 'Europe/Berlin' }), SAMPLE);
    expect(samples.every((instant) => instant >= later && instant.getTime() <= Date.parse(CALENDAR_HORIZON.end))).toBe(true);
    // Not collapsed onto min: the range keeps a useful length.
    expect(share(samples, (instant) => instant.getTime() > later.getTime() + 365 * DAY)).toBeGreaterThan(0.5);
    const lastDay = new Date('2199-12-31T00:00:00Z');
    expect(fc.sample(instantArbitrary({ min: lastDay }), SAMPLE).every((instant) => instant >= lastDay)).toBe(true);
  });

  it('lets max be earlier than the default min, keeping min within the horizon', () => {
    const samples = fc.sample(instantArbitrary({ max: earlier }), SAMPLE);
    expect(samples.every((instant) => instant <= earlier && instant.getTime() >= Date.parse(CALENDAR_HORIZON.start))).toBe(true);
    expect(share(samples, (instant) => instant.getTime() < earlier.getTime() - 365 * DAY)).toBeGreaterThan(0.5);
  });

  it('lets windowEdgeArbitrary take a min later than the default max', () => {
    const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
    expect(fc.sample(windowEdgeArbitrary(office, { min: later }), 100).every((instant) => instant >= later)).toBe(true);
  });

  it('lets holiday dates start after, or end before, the default range', () => {
    const late = fc.sample(holidayArbitrary({ from: '2060-01-01' }), SAMPLE).map((holiday) => holiday.date);
    expect(late.every((date) => date >= '2060-01-01' && date <= '2199-12-31')).toBe(true);
    const early = fc.sample(holidayArbitrary({ to: '1950-06-30' }), SAMPLE).map((holiday) => holiday.date);
    expect(early.every((date) => date >= '1900-01-01' && date <= '1950-06-30')).toBe(true);
  });

  test.prop([calendarDefinitionArbitrary({ holidaysFrom: '2060-01-01', maxHolidays: 10 })], { numRuns: 100 })(
    'lets calendar holidays start after the default range',
    (definition) => {
      expect(() => defineCalendar(definition)).not.toThrow();
      for (const { date } of definition.holidays ?? []) expect(date >= '2060-01-01', date).toBe(true);
    },
  );

  it('names the later bound when both are given and reversed', () => {
    expect(rejectedPaths(() => instantArbitrary({ min: later, max: earlier }))).toStrictEqual([['max']]);
    expect(rejectedPaths(() => holidayArbitrary({ from: '2027-01-01', to: '2026-01-01' }))).toStrictEqual([['to']]);
    expect(rejectedPaths(() => calendarDefinitionArbitrary({ holidaysFrom: '2027-01-01', holidaysTo: '2026-01-01' }))).toStrictEqual([['holidaysTo']]);
  });
});

describe('options every arbitrary rejects with a ValidationError naming the option', () => {
  const office = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
  const cases: [string, () => unknown, (string | number)[]][] = [
    ['instantArbitrary: min not a Date', () => instantArbitrary({ min: '2020-01-01' as never }), ['min']],
    ['instantArbitrary: max not a Date', () => instantArbitrary({ max: 1_767_225_600_000 as never }), ['max']],
    ['instantArbitrary: min Invalid Date', () => instantArbitrary({ min: new Date(Number.NaN) }), ['min']],
    ['instantArbitrary: min before the horizon', () => instantArbitrary({ min: new Date('1899-12-31T00:00:00Z') }), ['min']],
    ['instantArbitrary: max after the horizon', () => instantArbitrary({ max: new Date('2200-01-02T00:00:00Z') }), ['max']],
    ['instantArbitrary: unknown zone', () => instantArbitrary({ timeZone: 'Nowhere/Special' }), ['timeZone']],
    ['instantArbitrary: zone not a string', () => instantArbitrary({ timeZone: 1 as never }), ['timeZone']],
    ['instantArbitrary: options not an object', () => instantArbitrary(null as never), ['options']],
    ['windowEdgeArbitrary: not a calendar', () => windowEdgeArbitrary({ timeZone: 'UTC' } as never), ['calendar']],
    ['windowEdgeArbitrary: no calendar', () => windowEdgeArbitrary(undefined as never), ['calendar']],
    ['windowEdgeArbitrary: min not a Date', () => windowEdgeArbitrary(office, { min: '2026-01-01' as never }), ['min']],
    ['windowEdgeArbitrary: unknown zone', () => windowEdgeArbitrary(office, { timeZone: 'Mars/Olympus_Mons' }), ['timeZone']],
    ['holidayArbitrary: from not a string', () => holidayArbitrary({ from: new Date() as never }), ['from']],
    ['holidayArbitrary: to not a real date', () => holidayArbitrary({ to: '2026-13-01' }), ['to']],
    ['holidayArbitrary: to after the horizon', () => holidayArbitrary({ to: '2200-01-01' }), ['to']],
    ['holidayArbitrary: maxWindows 0', () => holidayArbitrary({ maxWindows: 0 }), ['maxWindows']],
    ['holidayArbitrary: maxWindows fractional', () => holidayArbitrary({ maxWindows: 1.5 }), ['maxWindows']],
    ['holidayArbitrary: maxWindows a string', () => holidayArbitrary({ maxWindows: '2' as never }), ['maxWindows']],
    ['holidayArbitrary: overnight not a boolean', () => holidayArbitrary({ overnight: 'no' as never }), ['overnight']],
    ['businessHoursWindowArbitrary: seconds not a boolean', () => businessHoursWindowArbitrary({ seconds: 0 as never }), ['seconds']],
    ['businessHoursWindowArbitrary: options not an object', () => businessHoursWindowArbitrary(null as never), ['options']],
    ['calendarDefinitionArbitrary: timeZones a string', () => calendarDefinitionArbitrary({ timeZones: 'UTC' as never }), ['timeZones']],
    ['calendarDefinitionArbitrary: timeZones empty', () => calendarDefinitionArbitrary({ timeZones: [] }), ['timeZones']],
    ['calendarDefinitionArbitrary: an unknown zone', () => calendarDefinitionArbitrary({ timeZones: ['UTC', 'Mars/Olympus_Mons'] }), ['timeZones', 1]],
    ['calendarDefinitionArbitrary: a zone not a string', () => calendarDefinitionArbitrary({ timeZones: [null as never] }), ['timeZones', 0]],
    ['calendarDefinitionArbitrary: maxWindowsPerDay 0', () => calendarDefinitionArbitrary({ maxWindowsPerDay: 0 }), ['maxWindowsPerDay']],
    ['calendarDefinitionArbitrary: maxWindowsPerDay NaN', () => calendarDefinitionArbitrary({ maxWindowsPerDay: Number.NaN }), ['maxWindowsPerDay']],
    ['calendarDefinitionArbitrary: minOpenWeekdays 8', () => calendarDefinitionArbitrary({ minOpenWeekdays: 8 }), ['minOpenWeekdays']],
    ['calendarDefinitionArbitrary: minOpenWeekdays negative', () => calendarDefinitionArbitrary({ minOpenWeekdays: -1 }), ['minOpenWeekdays']],
    ['calendarDefinitionArbitrary: maxHolidays infinite', () => calendarDefinitionArbitrary({ maxHolidays: Number.POSITIVE_INFINITY }), ['maxHolidays']],
    ['calendarDefinitionArbitrary: holidaysFrom not a real date', () => calendarDefinitionArbitrary({ holidaysFrom: '2026-02-30' }), ['holidaysFrom']],
    ['calendarDefinitionArbitrary: holidaysTo not a string', () => calendarDefinitionArbitrary({ holidaysTo: 20_261_231 as never }), ['holidaysTo']],
    ['calendarDefinitionArbitrary: seconds not a boolean', () => calendarDefinitionArbitrary({ seconds: 'yes' as never }), ['seconds']],
    ['businessCalendarArbitrary: maxHolidays negative', () => businessCalendarArbitrary({ maxHolidays: -1 }), ['maxHolidays']],
    ['businessDurationArbitrary: max a string', () => businessDurationArbitrary({ max: '1000' as never }), ['max']],
    ['businessDurationArbitrary: max infinite', () => businessDurationArbitrary({ max: Number.POSITIVE_INFINITY }), ['max']],
    ['businessDurationArbitrary: options not an object', () => businessDurationArbitrary(null as never), ['options']],
  ];

  it.each(cases)('%s', (_label, make, path) => {
    expect(rejectedPaths(make)).toStrictEqual([path]);
  });
});

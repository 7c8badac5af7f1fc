import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_HORIZON,
  WEEKDAYS,
  addBusinessTime,
  businessCalendarJsonSchema,
  businessTimeBetween,
  businessTimeOnDate,
  businessWindowsBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
  isItsmError,
  nextBusinessTime,
  OutOfRangeError,
  subtractBusinessTime,
  ValidationError,
  type WeeklyHours,
} from '../../src/calendar/index';
import { at, iso, spans, thrown } from './support';

// The contract's worked semantics on zones without DST (UTC), so every expected value can be read
// off the wall clock. Monday 2026-11-23 starts the reference week; 2026-11-27 is its Friday.

const SECOND = 1_000;
const HOUR = 3_600_000;


const nineToFive = [{ start: '09:00', end: '17:00' }];
const workingWeek: WeeklyHours = {
  monday: nineToFive,
  tuesday: nineToFive,
  wednesday: nineToFive,
  thursday: nineToFive,
  friday: nineToFive,
};
const office = defineCalendar({ timeZone: 'UTC', week: workingWeek });


describe('addBusinessTime', () => {
  it('returns `from` itself for a zero duration, inside and outside business hours', () => {
    expect(iso(addBusinessTime(office, at('2026-11-23T12:00:00Z'), 0))).toBe('2026-11-23T12:00:00.000Z');
    // Saturday, closed: still the same instant.
    expect(iso(addBusinessTime(office, at('2026-11-28T12:00:00Z'), 0))).toBe('2026-11-28T12:00:00.000Z');
    // The closing instant itself.
    expect(iso(addBusinessTime(office, at('2026-11-23T17:00:00Z'), 0))).toBe('2026-11-23T17:00:00.000Z');
  });

  it('returns the closing time when the duration uses up the day: 09:00 + 8 h is 17:00 the same day', () => {
    expect(iso(addBusinessTime(office, at('2026-11-23T09:00:00Z'), 8 * HOUR))).toBe('2026-11-23T17:00:00.000Z');
    // One millisecond more needs the next day's first millisecond.
    expect(iso(addBusinessTime(office, at('2026-11-23T09:00:00Z'), 8 * HOUR + 1))).toBe('2026-11-24T09:00:00.001Z');
  });

  it('starts counting at the next opening when `from` is outside hours', () => {
    // Monday 07:00 + 1 h -> 10:00; Friday 16:00 + 2 h -> 1 h Friday, 1 h Monday -> Monday 10:00.
    expect(iso(addBusinessTime(office, at('2026-11-23T07:00:00Z'), HOUR))).toBe('2026-11-23T10:00:00.000Z');
    expect(iso(addBusinessTime(office, at('2026-11-27T16:00:00Z'), 2 * HOUR))).toBe('2026-11-30T10:00:00.000Z');
    // A whole working week from Monday's opening closes on Friday.
    expect(iso(addBusinessTime(office, at('2026-11-23T09:00:00Z'), 40 * HOUR))).toBe('2026-11-27T17:00:00.000Z');
  });

  it('returns a new Date', () => {
    const from = at('2026-11-23T12:00:00Z');
    const result = addBusinessTime(office, from, 0);
    expect(result).toBeInstanceOf(Date);
    expect(result).not.toBe(from);
  });
});

describe('subtractBusinessTime', () => {
  it('returns `to` itself for a zero duration, even when closed', () => {
    expect(iso(subtractBusinessTime(office, at('2026-11-28T12:00:00Z'), 0))).toBe('2026-11-28T12:00:00.000Z');
  });

  it('returns the opening time: 17:00 - 8 h is 09:00 the same day', () => {
    expect(iso(subtractBusinessTime(office, at('2026-11-23T17:00:00Z'), 8 * HOUR))).toBe('2026-11-23T09:00:00.000Z');
  });

  it('takes the latest instant, so Tuesday 10:00 - 1 h is Tuesday 09:00, not Monday 17:00', () => {
    expect(iso(subtractBusinessTime(office, at('2026-11-24T10:00:00Z'), HOUR))).toBe('2026-11-24T09:00:00.000Z');
    // Saturday noon - 1 h: the last hour of Friday.
    expect(iso(subtractBusinessTime(office, at('2026-11-28T12:00:00Z'), HOUR))).toBe('2026-11-27T16:00:00.000Z');
    // One millisecond more than Tuesday's morning reaches back into Monday.
    expect(iso(subtractBusinessTime(office, at('2026-11-24T10:00:00Z'), HOUR + 1))).toBe('2026-11-23T16:59:59.999Z');
  });

  it('returns a Date', () => {
    expect(subtractBusinessTime(office, at('2026-11-23T17:00:00Z'), HOUR)).toBeInstanceOf(Date);
  });
});

describe('businessTimeBetween', () => {
  it('counts only the time inside windows', () => {
    expect(businessTimeBetween(office, at('2026-11-23T08:00:00Z'), at('2026-11-24T08:00:00Z'))).toBe(8 * HOUR);
    expect(businessTimeBetween(office, at('2026-11-23T12:30:00Z'), at('2026-11-23T13:00:00Z'))).toBe(30 * 60 * SECOND);
    // Over the weekend: Friday 16:00 to Monday 10:00 is 2 h.
    expect(businessTimeBetween(office, at('2026-11-27T16:00:00Z'), at('2026-11-30T10:00:00Z'))).toBe(2 * HOUR);
  });

  it('is zero for the same instant and negative when `to` is before `from`', () => {
    expect(businessTimeBetween(office, at('2026-11-23T12:00:00Z'), at('2026-11-23T12:00:00Z'))).toBe(0);
    expect(businessTimeBetween(office, at('2026-11-24T12:00:00Z'), at('2026-11-23T12:00:00Z'))).toBe(-8 * HOUR);
  });
});

describe('isBusinessTime and nextBusinessTime', () => {
  it('treats windows as [start, end): open at the opening time, closed at the closing time', () => {
    expect(isBusinessTime(office, at('2026-11-23T08:59:59.999Z'))).toBe(false);
    expect(isBusinessTime(office, at('2026-11-23T09:00:00Z'))).toBe(true);
    expect(isBusinessTime(office, at('2026-11-23T16:59:59.999Z'))).toBe(true);
    expect(isBusinessTime(office, at('2026-11-23T17:00:00Z'))).toBe(false);
    expect(isBusinessTime(office, at('2026-11-28T12:00:00Z'))).toBe(false);
  });

  it('returns `at` itself when open, otherwise the next opening', () => {
    expect(iso(nextBusinessTime(office, at('2026-11-23T12:34:56.789Z')))).toBe('2026-11-23T12:34:56.789Z');
    expect(iso(nextBusinessTime(office, at('2026-11-23T09:00:00Z')))).toBe('2026-11-23T09:00:00.000Z');
    expect(iso(nextBusinessTime(office, at('2026-11-23T17:00:00Z')))).toBe('2026-11-24T09:00:00.000Z');
    expect(iso(nextBusinessTime(office, at('2026-11-27T17:00:00Z')))).toBe('2026-11-30T09:00:00.000Z');
    expect(nextBusinessTime(office, at('2026-11-27T17:00:00Z'))).toBeInstanceOf(Date);
  });
});

describe('overnight windows', () => {
  // Friday 22:00–06:00 belongs to Friday and runs into Saturday.
  const nightShift = defineCalendar({ timeZone: 'UTC', week: { friday: [{ start: '22:00', end: '06:00' }] } });

  it('belongs to the date it starts on', () => {
    expect(spans(businessWindowsOn(nightShift, '2026-11-27'))).toEqual([['2026-11-27T22:00:00.000Z', '2026-11-28T06:00:00.000Z']]);
    expect(businessWindowsOn(nightShift, '2026-11-28')).toEqual([]);
    expect(businessTimeOnDate(nightShift, '2026-11-27')).toBe(8 * HOUR);
    expect(businessTimeOnDate(nightShift, '2026-11-28')).toBe(0);
  });

  it('is open from Friday 22:00 until Saturday 06:00', () => {
    expect(isBusinessTime(nightShift, at('2026-11-27T21:59:59.999Z'))).toBe(false);
    expect(isBusinessTime(nightShift, at('2026-11-28T00:00:00Z'))).toBe(true);
    expect(isBusinessTime(nightShift, at('2026-11-28T05:59:59.999Z'))).toBe(true);
    expect(isBusinessTime(nightShift, at('2026-11-28T06:00:00Z'))).toBe(false);
    expect(iso(nextBusinessTime(nightShift, at('2026-11-26T12:00:00Z')))).toBe('2026-11-27T22:00:00.000Z');
    expect(iso(addBusinessTime(nightShift, at('2026-11-27T22:00:00Z'), 8 * HOUR))).toBe('2026-11-28T06:00:00.000Z');
    expect(iso(addBusinessTime(nightShift, at('2026-11-27T22:00:00Z'), 9 * HOUR))).toBe('2026-12-04T23:00:00.000Z');
    expect(businessTimeBetween(nightShift, at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toBe(8 * HOUR);
  });

  it('still runs into a holiday on the following day', () => {
    const withSaturdayHoliday = defineCalendar({
      timeZone: 'UTC',
      week: { friday: [{ start: '22:00', end: '06:00' }] },
      holidays: [{ date: '2026-11-28', name: 'Saturday holiday' }],
    });
    expect(isBusinessTime(withSaturdayHoliday, at('2026-11-28T05:00:00Z'))).toBe(true);
    expect(businessTimeBetween(withSaturdayHoliday, at('2026-11-27T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toBe(8 * HOUR);
  });

  it('is removed by a holiday on the date it starts on', () => {
    const withFridayHoliday = defineCalendar({
      timeZone: 'UTC',
      week: { friday: [{ start: '22:00', end: '06:00' }] },
      holidays: [{ date: '2026-11-27' }],
    });
    expect(isBusinessTime(withFridayHoliday, at('2026-11-28T05:00:00Z'))).toBe(false);
    expect(businessTimeBetween(withFridayHoliday, at('2026-11-27T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toBe(0);
    expect(iso(nextBusinessTime(withFridayHoliday, at('2026-11-27T00:00:00Z')))).toBe('2026-12-04T22:00:00.000Z');
  });
});

describe('holidays', () => {
  it('closes a holiday without hours all day', () => {
    const cal = defineCalendar({ timeZone: 'UTC', week: workingWeek, holidays: [{ date: '2026-11-25', name: 'Closed Wednesday' }] });
    expect(businessWindowsOn(cal, '2026-11-25')).toEqual([]);
    expect(businessTimeOnDate(cal, '2026-11-25')).toBe(0);
    expect(isBusinessTime(cal, at('2026-11-25T12:00:00Z'))).toBe(false);
    // Tuesday 16:00 + 2 h: 1 h Tuesday, Wednesday closed, 1 h Thursday.
    expect(iso(addBusinessTime(cal, at('2026-11-24T16:00:00Z'), 2 * HOUR))).toBe('2026-11-26T10:00:00.000Z');
    expect(iso(nextBusinessTime(cal, at('2026-11-24T17:00:00Z')))).toBe('2026-11-26T09:00:00.000Z');
    expect(iso(subtractBusinessTime(cal, at('2026-11-26T10:00:00Z'), 2 * HOUR))).toBe('2026-11-24T16:00:00.000Z');
  });

  it('closes a holiday whose hours are empty all day', () => {
    const cal = defineCalendar({ timeZone: 'UTC', week: workingWeek, holidays: [{ date: '2026-11-25', hours: [] }] });
    expect(businessTimeOnDate(cal, '2026-11-25')).toBe(0);
  });

  it('replaces the day\u2019s hours with the holiday\u2019s hours', () => {
    const cal = defineCalendar({
      timeZone: 'UTC',
      week: workingWeek,
      holidays: [{ date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '09:00', end: '12:00' }] }],
    });
    expect(spans(businessWindowsOn(cal, '2026-12-24'))).toEqual([['2026-12-24T09:00:00.000Z', '2026-12-24T12:00:00.000Z']]);
    expect(businessTimeOnDate(cal, '2026-12-24')).toBe(3 * HOUR);
    expect(isBusinessTime(cal, at('2026-12-24T13:00:00Z'))).toBe(false);
    // Thursday 11:00 + 2 h: 1 h to noon, then Friday 09:00 + 1 h.
    expect(iso(addBusinessTime(cal, at('2026-12-24T11:00:00Z'), 2 * HOUR))).toBe('2026-12-25T10:00:00.000Z');
  });

  it('opens a weekend day that has holiday hours', () => {
    const cal = defineCalendar({
      timeZone: 'UTC',
      week: workingWeek,
      holidays: [{ date: '2026-11-28', name: 'Stocktake', hours: [{ start: '10:00', end: '14:00' }] }],
    });
    expect(isBusinessTime(cal, at('2026-11-28T10:00:00Z'))).toBe(true);
    expect(iso(nextBusinessTime(cal, at('2026-11-27T17:00:00Z')))).toBe('2026-11-28T10:00:00.000Z');
    expect(businessTimeBetween(cal, at('2026-11-27T17:00:00Z'), at('2026-11-30T09:00:00Z'))).toBe(4 * HOUR);
  });
});

describe('window shapes', () => {
  it('counts overlapping windows once', () => {
    const overlapping = defineCalendar({
      timeZone: 'UTC',
      week: { monday: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }, { start: '10:00', end: '11:00' }] },
    });
    expect(spans(businessWindowsOn(overlapping, '2026-11-23'))).toEqual([['2026-11-23T09:00:00.000Z', '2026-11-23T17:00:00.000Z']]);
    expect(businessTimeOnDate(overlapping, '2026-11-23')).toBe(8 * HOUR);
    expect(businessTimeBetween(overlapping, at('2026-11-23T00:00:00Z'), at('2026-11-24T00:00:00Z'))).toBe(8 * HOUR);
    expect(iso(addBusinessTime(overlapping, at('2026-11-23T09:00:00Z'), 8 * HOUR))).toBe('2026-11-23T17:00:00.000Z');
  });

  it('counts an overnight window overlapping the next day\u2019s window once', () => {
    // Sunday 20:00 -> Monday 10:00 (14 h) and Monday 09:00–17:00 (8 h) share Monday 09:00–10:00.
    const cal = defineCalendar({
      timeZone: 'UTC',
      week: { sunday: [{ start: '20:00', end: '10:00' }], monday: [{ start: '09:00', end: '17:00' }] },
    });
    expect(businessTimeBetween(cal, at('2026-11-22T00:00:00Z'), at('2026-11-24T00:00:00Z'))).toBe(21 * HOUR);
    expect(spans(businessWindowsBetween(cal, at('2026-11-22T00:00:00Z'), at('2026-11-24T00:00:00Z')))).toEqual([
      ['2026-11-22T20:00:00.000Z', '2026-11-23T17:00:00.000Z'],
    ]);
  });

  it('accepts windows to the second, HH:mm:ss', () => {
    const cal = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00:30', end: '09:01:15' }] } });
    expect(spans(businessWindowsOn(cal, '2026-11-23'))).toEqual([['2026-11-23T09:00:30.000Z', '2026-11-23T09:01:15.000Z']]);
    expect(businessTimeOnDate(cal, '2026-11-23')).toBe(45 * SECOND);
    expect(iso(addBusinessTime(cal, at('2026-11-23T09:00:00Z'), 45 * SECOND))).toBe('2026-11-23T09:01:15.000Z');
    expect(isBusinessTime(cal, at('2026-11-23T09:00:29.999Z'))).toBe(false);
  });

  it('runs 00:00–24:00 for the whole day and joins neighbouring whole days', () => {
    const allWeekend = defineCalendar({
      timeZone: 'UTC',
      week: { saturday: [{ start: '00:00', end: '24:00' }], sunday: [{ start: '00:00', end: '24:00:00' }] },
    });
    expect(spans(businessWindowsOn(allWeekend, '2026-11-28'))).toEqual([['2026-11-28T00:00:00.000Z', '2026-11-29T00:00:00.000Z']]);
    expect(businessTimeOnDate(allWeekend, '2026-11-29')).toBe(24 * HOUR);
    expect(isBusinessTime(allWeekend, at('2026-11-29T23:59:59.999Z'))).toBe(true);
    expect(isBusinessTime(allWeekend, at('2026-11-30T00:00:00Z'))).toBe(false);
    // Saturday and Sunday touch at midnight and read as one span.
    expect(spans(businessWindowsBetween(allWeekend, at('2026-11-27T00:00:00Z'), at('2026-12-01T00:00:00Z')))).toEqual([
      ['2026-11-28T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ]);
    expect(iso(addBusinessTime(allWeekend, at('2026-11-28T00:00:00Z'), 48 * HOUR))).toBe('2026-11-30T00:00:00.000Z');
  });

  it('runs a window whose end equals its start for 24 h past midnight', () => {
    const cal = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '09:00' }] } });
    expect(spans(businessWindowsOn(cal, '2026-11-23'))).toEqual([['2026-11-23T09:00:00.000Z', '2026-11-24T09:00:00.000Z']]);
    expect(businessTimeOnDate(cal, '2026-11-23')).toBe(24 * HOUR);
    expect(isBusinessTime(cal, at('2026-11-24T08:59:59.999Z'))).toBe(true);
    expect(isBusinessTime(cal, at('2026-11-24T09:00:00Z'))).toBe(false);
    const midnightToMidnight = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '00:00', end: '00:00' }] } });
    expect(businessTimeOnDate(midnightToMidnight, '2026-11-23')).toBe(24 * HOUR);
  });

  it('reads local times in the calendar\u2019s zone, not in UTC', () => {
    // Berlin in November is CET (+01:00): 09:00–17:00 is 08:00Z–16:00Z.
    const berlin = defineCalendar({ timeZone: 'Europe/Berlin', week: workingWeek });
    expect(spans(businessWindowsOn(berlin, '2026-11-23'))).toEqual([['2026-11-23T08:00:00.000Z', '2026-11-23T16:00:00.000Z']]);
    expect(iso(addBusinessTime(berlin, at('2026-11-23T08:00:00Z'), 8 * HOUR))).toBe('2026-11-23T16:00:00.000Z');
  });
});

describe('businessWindowsBetween', () => {
  it('cuts the windows to [from, to)', () => {
    expect(spans(businessWindowsBetween(office, at('2026-11-23T12:00:00Z'), at('2026-11-24T10:00:00Z')))).toEqual([
      ['2026-11-23T12:00:00.000Z', '2026-11-23T17:00:00.000Z'],
      ['2026-11-24T09:00:00.000Z', '2026-11-24T10:00:00.000Z'],
    ]);
    // A span inside one window is returned as itself.
    expect(spans(businessWindowsBetween(office, at('2026-11-23T10:00:00Z'), at('2026-11-23T11:00:00Z')))).toEqual([
      ['2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z'],
    ]);
  });

  it('returns no windows for an empty span or a closed span', () => {
    expect(businessWindowsBetween(office, at('2026-11-23T12:00:00Z'), at('2026-11-23T12:00:00Z'))).toEqual([]);
    expect(businessWindowsBetween(office, at('2026-11-28T00:00:00Z'), at('2026-11-30T09:00:00Z'))).toEqual([]);
    // A span ending at an opening time holds nothing of that window.
    expect(businessWindowsBetween(office, at('2026-11-23T17:00:00Z'), at('2026-11-24T09:00:00Z'))).toEqual([]);
  });

  it('returns Date instances whose lengths sum to businessTimeBetween', () => {
    const from = at('2026-11-23T12:00:00Z');
    const to = at('2026-12-02T10:00:00Z');
    const windows = businessWindowsBetween(office, from, to);
    for (const window of windows) {
      expect(window.start).toBeInstanceOf(Date);
      expect(window.end).toBeInstanceOf(Date);
    }
    const total = windows.reduce((sum, w) => sum + (w.end.getTime() - w.start.getTime()), 0);
    expect(total).toBe(businessTimeBetween(office, from, to));
    expect(total).toBe(5 * HOUR + 6 * 8 * HOUR + HOUR);
  });

  it('rejects `to` before `from` as a validation error naming `to`', () => {
    const error = thrown(() => businessWindowsBetween(office, at('2026-11-24T00:00:00Z'), at('2026-11-23T00:00:00Z')));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([['to']]);
  });
});

describe('when no business time can answer', () => {
  const neverOpen = defineCalendar({ timeZone: 'Europe/Berlin', week: {} });
  const emptyDays = defineCalendar({ timeZone: 'UTC', week: { monday: [], friday: [] } });

  // The first search of a zone's whole horizon builds its offset table (about a second); the
  // generous timeout is there so a search that never ends fails the test instead of hanging it.
  it.each([
    ['a calendar with no weekdays', neverOpen],
    ['a calendar whose weekdays have no windows', emptyDays],
  ])('throws an out_of_range error from addBusinessTime on %s', { timeout: 20_000 }, (_name, cal) => {
    const error = thrown(() => addBusinessTime(cal, at('2026-11-23T09:00:00Z'), HOUR));
    expect(error).toBeInstanceOf(OutOfRangeError);
    expect(isItsmError(error)).toBe(true);
    expect((error as OutOfRangeError).code).toBe('out_of_range');
    expect((error as OutOfRangeError).name).toBe('OutOfRangeError');
    expect((error as OutOfRangeError).message).toContain('2026-11-23T09:00:00.000Z');
  });

  it('throws an out_of_range error from nextBusinessTime and subtractBusinessTime on a calendar that never opens', { timeout: 20_000 }, () => {
    expect((thrown(() => nextBusinessTime(neverOpen, at('2026-11-23T09:00:00Z'))) as OutOfRangeError).code).toBe('out_of_range');
    expect((thrown(() => subtractBusinessTime(neverOpen, at('2026-11-23T09:00:00Z'), HOUR)) as OutOfRangeError).code).toBe('out_of_range');
  });

  it('still answers the questions that need no business time', { timeout: 20_000 }, () => {
    expect(iso(addBusinessTime(neverOpen, at('2026-11-23T09:00:00Z'), 0))).toBe('2026-11-23T09:00:00.000Z');
    expect(businessTimeBetween(neverOpen, at('1900-01-01T00:00:00Z'), at('2199-12-31T00:00:00Z'))).toBe(0);
    expect(isBusinessTime(neverOpen, at('2026-11-23T09:00:00Z'))).toBe(false);
    expect(businessWindowsOn(neverOpen, '2026-11-23')).toEqual([]);
  });

  it('throws out_of_range when the only business time lies before `at`', () => {
    const once = defineCalendar({ timeZone: 'UTC', week: {}, holidays: [{ date: '1950-06-01', hours: [{ start: '09:00', end: '17:00' }] }] });
    expect(iso(nextBusinessTime(once, at('1950-01-01T00:00:00Z')))).toBe('1950-06-01T09:00:00.000Z');
    expect((thrown(() => nextBusinessTime(once, at('2026-11-23T00:00:00Z'))) as OutOfRangeError).code).toBe('out_of_range');
    expect((thrown(() => addBusinessTime(once, at('1950-06-01T16:00:00Z'), 2 * HOUR)) as OutOfRangeError).code).toBe('out_of_range');
    expect(iso(subtractBusinessTime(once, at('2026-11-23T00:00:00Z'), 8 * HOUR))).toBe('1950-06-01T09:00:00.000Z');
  });

  it('throws out_of_range for a duration the horizon cannot cover', () => {
    const always = defineCalendar({
      timeZone: 'UTC',
      week: Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '24:00' }]])),
    });
    expect(iso(addBusinessTime(always, at('2199-12-31T22:00:00Z'), HOUR))).toBe('2199-12-31T23:00:00.000Z');
    const error = thrown(() => addBusinessTime(always, at('2199-12-31T22:00:00Z'), 3 * HOUR));
    expect(error).toBeInstanceOf(OutOfRangeError);
    expect(isItsmError(error) && error.code).toBe('out_of_range');
    expect((thrown(() => subtractBusinessTime(always, at('1900-01-01T02:00:00Z'), 3 * HOUR)) as OutOfRangeError).code).toBe('out_of_range');
    // Far more than 300 years of business time, from the middle of the horizon.
    expect((thrown(() => addBusinessTime(office, at('2026-11-23T09:00:00Z'), Number.MAX_SAFE_INTEGER)) as OutOfRangeError).code).toBe(
      'out_of_range',
    );
    expect((thrown(() => subtractBusinessTime(office, at('2026-11-23T09:00:00Z'), Number.MAX_SAFE_INTEGER)) as OutOfRangeError).code).toBe(
      'out_of_range',
    );
  });

});

describe('the horizon', () => {
  it('names the horizon it works within', () => {
    expect(CALENDAR_HORIZON).toEqual({ start: '1900-01-01T00:00:00.000Z', end: '2200-01-01T00:00:00.000Z' });
    expect(Object.isFrozen(CALENDAR_HORIZON)).toBe(true);
  });

  // Tokyo's 1900-01-01 starts at 1899-12-31T15:00Z and New York's 2199-12-31 ends at
  // 2200-01-01T05:00Z: the windows of those dates reach past the horizon, and are cut to it, so
  // no function returns an instant the others refuse.
  it.each([
    ['Asia/Tokyo', '1900-01-01', '1900-01-01T00:00:00.000Z', '1900-01-01T15:00:00.000Z'],
    ['America/New_York', '2199-12-31', '2199-12-31T05:00:00.000Z', '2200-01-01T00:00:00.000Z'],
  ])('cuts businessWindowsOn to the horizon for %s on %s', (timeZone, date, start, end) => {
    const allDay = defineCalendar({ timeZone, week: Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '24:00' }]])) });
    const windows = businessWindowsOn(allDay, date);
    expect(spans(windows)).toEqual([[start, end]]);
    expect(isBusinessTime(allDay, windows[0]!.start)).toBe(true);
  });
});

describe('the calendar value', () => {
  it('is frozen, with a deeply frozen definition', () => {
    const cal = defineCalendar({
      timeZone: 'Europe/Berlin',
      week: { monday: [{ start: '09:00', end: '17:00' }] },
      holidays: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }],
    });
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.definition)).toBe(true);
    expect(Object.isFrozen(cal.definition.week)).toBe(true);
    expect(Object.isFrozen(cal.definition.week.monday)).toBe(true);
    expect(Object.isFrozen(cal.definition.week.monday?.[0])).toBe(true);
    expect(Object.isFrozen(cal.definition.holidays)).toBe(true);
    expect(Object.isFrozen(cal.definition.holidays?.[0]?.hours?.[0])).toBe(true);
    expect(() => {
      (cal as { timeZone: string }).timeZone = 'UTC';
    }).toThrow(TypeError);
  });

  it('is not changed by later edits to the object it was defined from, which stays unfrozen', () => {
    const input = { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } };
    const cal = defineCalendar(input);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.week.monday[0])).toBe(false);
    input.week.monday[0] = { start: '00:00', end: '24:00' };
    expect(businessTimeOnDate(cal, '2026-11-23')).toBe(8 * HOUR);
    expect(cal.definition.week.monday).toEqual([{ start: '09:00', end: '17:00' }]);
  });

  it('keeps the zone as given and serialises to its definition, which defines it again', () => {
    const definition = { timeZone: 'Asia/Kathmandu', week: { monday: [{ start: '09:00', end: '17:00' }] }, holidays: [{ date: '2026-11-30' }] };
    const cal = defineCalendar(definition);
    expect(cal.timeZone).toBe('Asia/Kathmandu');
    const json: unknown = JSON.parse(JSON.stringify(cal));
    expect(json).toEqual(definition);
    const again = defineCalendar(json as typeof definition);
    expect(again.definition).toEqual(cal.definition);
    expect(businessTimeOnDate(again, '2026-11-23')).toBe(businessTimeOnDate(cal, '2026-11-23'));
    expect(businessTimeOnDate(again, '2026-11-30')).toBe(0);
  });
});

describe('arguments', () => {
  it('accepts a Date made in another realm (a vm context, a test environment)', () => {
    const foreign = vm.runInNewContext('new Date("2026-11-23T10:00:00Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(isBusinessTime(office, foreign)).toBe(true);
    expect(iso(addBusinessTime(office, foreign, HOUR))).toBe('2026-11-23T11:00:00.000Z');
  });

  it('rejects an object that only claims to be a Date', () => {
    const impostor = { [Symbol.toStringTag]: 'Date', getTime: () => 0 };
    expect(thrown(() => isBusinessTime(office, impostor as unknown as Date))).toMatchObject({
      code: 'validation',
      issues: [{ path: ['at'], message: 'must be a Date' }],
    });
  });

  it('says out_of_range, not validation, when a span holds more windows than one call returns', () => {
    const allDay = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }], tuesday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }], wednesday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }], thursday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }], friday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }], saturday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }], sunday: [{ start: '00:00', end: '01:00' }, { start: '02:00', end: '03:00' }] } });
    // Two windows a day: 100,000 windows take about 137 years.
    const error = thrown(() => businessWindowsBetween(allDay, at('1901-01-01T00:00:00Z'), at('2199-01-01T00:00:00Z')));
    expect(error).toBeInstanceOf(OutOfRangeError);
    expect(error).toMatchObject({ code: 'out_of_range' });
    expect(businessWindowsBetween(allDay, at('2000-01-01T00:00:00Z'), at('2100-01-01T00:00:00Z'))).toHaveLength(2 * 36_525);
  });
});

describe('businessCalendarJsonSchema', () => {
  type Schema = {
    $schema?: string;
    type?: string;
    required?: string[];
    additionalProperties?: boolean;
    properties?: Record<string, Schema>;
    items?: Schema;
    pattern?: string;
  };
  const schema = businessCalendarJsonSchema() as Schema;
  const week = schema.properties?.week;
  const window = week?.properties?.monday?.items;
  const holiday = schema.properties?.holidays?.items;

  it('describes a draft 2020-12 object with timeZone and week required and holidays optional', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['holidays', 'timeZone', 'week']);
    expect([...(schema.required ?? [])].sort()).toEqual(['timeZone', 'week']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('lists the seven weekdays, none required, no other keys', () => {
    expect(Object.keys(week?.properties ?? {})).toEqual([...WEEKDAYS]);
    expect(week?.required ?? []).toEqual([]);
    expect(week?.additionalProperties).toBe(false);
  });

  it('requires start and end on a window and date on a holiday', () => {
    expect([...(window?.required ?? [])].sort()).toEqual(['end', 'start']);
    expect(window?.additionalProperties).toBe(false);
    expect(Object.keys(holiday?.properties ?? {}).sort()).toEqual(['date', 'hours', 'name']);
    expect(holiday?.required).toEqual(['date']);
  });

  it('has time patterns that accept the contract\u2019s times and refuse the rest', () => {
    const start = new RegExp(window?.properties?.start?.pattern ?? '(?!)');
    const end = new RegExp(window?.properties?.end?.pattern ?? '(?!)');
    for (const ok of ['00:00', '09:00', '23:59', '12:30:15']) expect(start.test(ok)).toBe(true);
    for (const bad of ['24:00', '9:00', '12:60', '25:00']) expect(start.test(bad)).toBe(false);
    for (const ok of ['00:00', '17:00', '24:00', '24:00:00']) expect(end.test(ok)).toBe(true);
    for (const bad of ['24:30', '24:00:01', '9:00']) expect(end.test(bad)).toBe(false);
  });

  it('returns a fresh object each call', () => {
    const first = businessCalendarJsonSchema();
    first.type = 'changed';
    expect(businessCalendarJsonSchema().type).toBe('object');
  });
});

// Every IANA zone this runtime knows, at the offset transitions around today and the last one
// before: a window placed in a DST gap or overlap must start and end where Temporal's
// "compatible" disambiguation puts it. Temporal (the polyfill) is the independent oracle here;
// the library reads offsets from its own transition table.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import {
  businessTimeBetween,
  businessWindowsOn,
  defineCalendar,
  isBusinessTime,
} from '../../src/calendar/index';

const HOUR = 3_600_000;
const FROM = Temporal.Instant.from('2019-01-01T00:00:00Z');
const UNTIL = Date.UTC(2028, 0, 1);

interface Transition {
  at: number;
  before: number;
  after: number;
}

function offsetMs(zdt: Temporal.ZonedDateTime): number {
  return zdt.offsetNanoseconds / 1e6;
}

function transitionsOf(zone: string): Transition[] {
  const found: Transition[] = [];
  const toTransition = (zdt: Temporal.ZonedDateTime): Transition => ({
    at: zdt.epochMilliseconds,
    before: offsetMs(zdt.subtract({ nanoseconds: 1 })),
    after: offsetMs(zdt),
  });
  const previous = FROM.toZonedDateTimeISO(zone).getTimeZoneTransition('previous');
  if (previous !== null && previous.epochMilliseconds > Date.UTC(1970, 0, 1)) found.push(toTransition(previous));
  let cursor: Temporal.ZonedDateTime | null = FROM.toZonedDateTimeISO(zone);
  for (;;) {
    cursor = cursor.getTimeZoneTransition('next');
    if (cursor === null || cursor.epochMilliseconds >= UNTIL) break;
    found.push(toTransition(cursor));
  }
  return found;
}

/** Local wall-clock ms (as if UTC) → `YYYY-MM-DD` and `HH:mm:ss`. */
function split(local: number): { date: string; time: string } {
  const iso = new Date(local).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

function instantOf(zone: string, local: number): number {
  const iso = new Date(local).toISOString().slice(0, 19);
  return Temporal.PlainDateTime.from(iso).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

// The zones the issue names, under whichever spelling this runtime's ICU lists, plus every other.
const named = ['Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/Santiago', 'America/Havana', 'Pacific/Apia'];
const zones = [...new Set([...named, ...Intl.supportedValuesOf('timeZone')])];

describe('every IANA zone', () => {
  test('the runtime knows the zones the suite is meant to cover', () => {
    expect(Intl.supportedValuesOf('timeZone').length).toBeGreaterThan(300);
    // Named zones must at least be known to Intl (ICU may list Asia/Kathmandu as Asia/Katmandu).
    for (const zone of named) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });

  test.each(zones)('%s: windows at offset transitions start and end where the compatible rule puts them', (zone) => {
    expect.hasAssertions();
    const transitions = transitionsOf(zone);
    if (transitions.length === 0) {
      // A zone with one offset since 1970: a whole day is midnight to midnight at that offset.
      const allDay = defineCalendar({ timeZone: zone, week: { monday: [{ start: '00:00', end: '24:00' }] } });
      const own = businessWindowsOn(allDay, '2026-06-15').map((w) => [w.start.getTime(), w.end.getTime()]);
      const midnight = Date.parse('2026-06-15T00:00:00Z');
      expect(own).toEqual([[instantOf(zone, midnight), instantOf(zone, midnight + 24 * HOUR)]]);
    }
    for (const { at, before, after } of transitions) {
      const wallAtTransition = at + before;
      const jump = after - before;
      // A local time inside the gap, or inside the repeated hour, and a window of two wall-clock hours from it.
      // Half the jump from the transition's wall time lands inside the gap when clocks go forward
      // (jump > 0) and inside the repeated hour when they go back (jump < 0).
      const startLocal = Math.round((wallAtTransition + jump / 2) / 1000) * 1000;
      const endLocal = startLocal + 2 * HOUR;
      const start = split(startLocal);
      const end = split(endLocal);
      const calendar = defineCalendar({
        timeZone: zone,
        week: {},
        holidays: [{ date: start.date, hours: [{ start: start.time, end: end.time }] }],
      });
      const expectedStart = instantOf(zone, startLocal);
      const expectedEnd = instantOf(zone, endLocal);
      // The contract, by hand: in a gap the start reads with the offset before; in an overlap it takes the earlier instant.
      expect(expectedStart).toBe(startLocal - before);

      const windows = businessWindowsOn(calendar, start.date).map((w) => [w.start.getTime(), w.end.getTime()]);
      const expected = expectedEnd > expectedStart ? [[expectedStart, expectedEnd]] : [];
      expect(windows, `${zone} transition at ${new Date(at).toISOString()}`).toEqual(expected);

      const around = [new Date(expectedStart - 2 * 24 * HOUR), new Date(expectedStart + 3 * 24 * HOUR)] as const;
      expect(businessTimeBetween(calendar, ...around)).toBe(Math.max(0, expectedEnd - expectedStart));
      if (expectedEnd > expectedStart) {
        expect(isBusinessTime(calendar, new Date(expectedStart))).toBe(true);
        expect(isBusinessTime(calendar, new Date(expectedStart - 1))).toBe(false);
        expect(isBusinessTime(calendar, new Date(expectedEnd))).toBe(false);
      }

      // A whole local day on each side of the transition: midnight to midnight, however long that is.
      const allDay = defineCalendar({
        timeZone: zone,
        week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
      });
      for (const local of [wallAtTransition - 12 * HOUR, wallAtTransition + Math.max(jump, 0) + 12 * HOUR]) {
        const { date } = split(local);
        const midnight = Date.parse(`${date}T00:00:00Z`);
        const dayStart = instantOf(zone, midnight);
        const dayEnd = instantOf(zone, midnight + 24 * HOUR);
        const own = businessWindowsOn(allDay, date).map((w) => [w.start.getTime(), w.end.getTime()]);
        expect(own, `${zone} ${date}`).toEqual(dayEnd > dayStart ? [[dayStart, dayEnd]] : []);
      }
    }
  });
});

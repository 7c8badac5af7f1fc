// The ends of the supported horizon (1900–2200). A calendar grows its index lazily, so a query
// near an end, or one that needs more business time than is left, must stop at the end with an
// out_of_range error. These run in a child process with a time limit: a regression here is an
// endless loop, which would otherwise hang the whole test run instead of failing one test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  CALENDAR_HORIZON,
  defineCalendar,
  isBusinessTime,
  nextBusinessTime,
  subtractBusinessTime,
} from '../../src/calendar/index';
import { thrown } from './support';

const calendarModule = fileURLToPath(new URL('../../src/calendar/index.ts', import.meta.url));

/** Runs `body` (which may use `calendar` and must print) in a fresh Node process with tsx. */
function runIsolated(body: string, timeoutMs = 60_000): string {
  const script = `import * as calendar from ${JSON.stringify(calendarModule)};\n${body}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (run.error !== undefined) throw new Error(`the child did not finish: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the child failed (${run.status ?? run.signal}): ${run.stderr}`);
  return run.stdout;
}

describe('at the ends of the horizon', () => {
  it('stops with out_of_range, from a first query on a fresh calendar on any day, instead of looping', () => {
    // Each call below once looped forever: the index stopped two days short of the horizon and
    // reported that it could still grow. The first four are those reports; then a sweep of
    // first-query days across the whole horizon, on calendars that run out of business time.
    const output = runIsolated(`
      const { defineCalendar, addBusinessTime, subtractBusinessTime, nextBusinessTime } = calendar;
      const outcome = (run) => { try { run(); return 'ok'; } catch (error) { return error.code ?? String(error); } };
      const weekly = () => defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } });
      const closed = () => defineCalendar({ timeZone: 'UTC', week: {} });
      const oneHoliday = () => defineCalendar({ timeZone: 'Europe/Berlin', week: {}, holidays: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }] });
      const results = [
        outcome(() => subtractBusinessTime(weekly(), new Date('2030-03-15T10:00:00Z'), 2 ** 50)),
        outcome(() => subtractBusinessTime(closed(), new Date('2030-03-15T10:00:00Z'), 1)),
        outcome(() => nextBusinessTime(oneHoliday(), new Date('2069-10-18T12:00:00Z'))),
        outcome(() => addBusinessTime(weekly(), new Date('2199-06-30T00:00:00Z'), 365 * 86400000)),
      ];
      for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2200, 0, 1); t += 211 * 86400000 + 3600000) {
        const at = new Date(t);
        results.push(
          outcome(() => addBusinessTime(oneHoliday(), at, 4 * 3600000)),
          outcome(() => subtractBusinessTime(oneHoliday(), at, 4 * 3600000)),
          outcome(() => nextBusinessTime(t < Date.UTC(2026, 11, 24, 11) ? closed() : oneHoliday(), at)),
        );
      }
      console.log(JSON.stringify(results));
    `);
    const results = JSON.parse(output) as string[];
    expect(results.slice(0, 4)).toEqual(['out_of_range', 'out_of_range', 'out_of_range', 'out_of_range']);
    expect(results.length).toBeGreaterThan(1500);
    expect(results.every((result) => result === 'out_of_range')).toBe(true);
  }, 120_000);

  it('answers right up to the last instant of the horizon', () => {
    const allDay = defineCalendar({
      timeZone: 'UTC',
      week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, [{ start: '00:00', end: '24:00' }]])),
    });
    const end = new Date(CALENDAR_HORIZON.end);
    const start = new Date(CALENDAR_HORIZON.start);
    expect(addBusinessTime(allDay, new Date(end.getTime() - 1000), 1000)).toEqual(end);
    expect(subtractBusinessTime(allDay, new Date(start.getTime() + 1000), 1000)).toEqual(start);
    expect(businessTimeBetween(allDay, start, end)).toBe(end.getTime() - start.getTime());
    expect(isBusinessTime(allDay, end)).toBe(false);
    expect(thrown(() => addBusinessTime(allDay, new Date(end.getTime() - 1000), 1001))).toMatchObject({ code: 'out_of_range' });
    expect(thrown(() => nextBusinessTime(allDay, end))).toMatchObject({ code: 'out_of_range' });
  });
});

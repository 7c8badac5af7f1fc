import dayjs from 'dayjs';
import businessTime from 'dayjs-business-time';
import type { CalendarPeer } from './calendar-peer';

const MINUTE_MS = 60_000;

/**
 * dayjs-business-time. Its calendar is global (`dayjs.setBusinessTime`, `dayjs.setHolidays`),
 * it works in the process zone, and it counts whole minutes: durations are given in minutes and
 * differences come back in minutes. The bench's inputs are whole minutes, so that costs it no
 * precision here.
 */
export function dayjsPeer(windows: readonly { start: string; end: string }[], holidays: readonly string[]): CalendarPeer {
  dayjs.extend(businessTime);
  const day = windows.map((window) => ({ start: `${window.start}:00`, end: `${window.end}:00` }));
  dayjs.setBusinessTime({ sunday: null, monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: null });
  dayjs.setHolidays([...holidays]);
  const add = (from: Date, durationMs: number): number => dayjs(from).addBusinessMinutes(durationMs / MINUTE_MS).valueOf();
  const between = (from: Date, to: Date): number => dayjs(from).businessMinutesDiff(dayjs(to)) * MINUTE_MS;
  return {
    name: 'dayjs-business-time',
    limits: 'no zone setting (process zone = Europe/Berlin); one global calendar; whole minutes only',
    add,
    between,
    addMany(starts, durationMs, first, count) {
      const mask = starts.length - 1;
      const minutes = durationMs / MINUTE_MS;
      let sum = 0;
      for (let k = 0; k < count; k++) sum += dayjs(starts[(first + k) & mask]).addBusinessMinutes(minutes).valueOf();
      return sum;
    },
    betweenMany(starts, ends, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const i = (first + k) & mask;
        sum += dayjs(starts[i]).businessMinutesDiff(dayjs(ends[i])) * MINUTE_MS;
      }
      return sum;
    },
  };
}

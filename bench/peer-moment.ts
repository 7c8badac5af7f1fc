import moment from 'moment';
// Adds the working-time methods to moment's prototype (the same moment instance as above).
import 'moment-business-time';
import type { CalendarPeer } from './calendar-peer';

/**
 * moment-business-time. Its calendar is global, stored on the current moment locale
 * (`workinghours`, `holidays`), and it works in the process zone: without moment-timezone it
 * has no zone of its own. It counts to the millisecond.
 */
export function momentPeer(windows: readonly { start: string; end: string }[], holidays: readonly string[]): CalendarPeer {
  if (typeof moment.fn.addWorkingTime !== 'function') throw new Error('moment-business-time did not extend this moment instance');
  const day = windows.flatMap((window) => [`${window.start}:00`, `${window.end}:00`]);
  moment.updateLocale(moment.locale(), {
    workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
    holidays: [...holidays],
  });
  const add = (from: Date, durationMs: number): number => moment(from).addWorkingTime(durationMs, 'milliseconds').valueOf();
  const between = (from: Date, to: Date): number => moment(to).workingDiff(moment(from), 'milliseconds');
  return {
    name: 'moment-business-time',
    limits: 'no zone setting (process zone = Europe/Berlin); one global calendar per moment locale',
    add,
    between,
    addMany(starts, durationMs, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) sum += moment(starts[(first + k) & mask]).addWorkingTime(durationMs, 'milliseconds').valueOf();
      return sum;
    },
    betweenMany(starts, ends, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const i = (first + k) & mask;
        sum += moment(ends[i]).workingDiff(moment(starts[i]), 'milliseconds');
      }
      return sum;
    },
  };
}

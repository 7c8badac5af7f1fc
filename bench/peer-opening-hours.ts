import OpeningHours from 'opening_hours';
import type { CalendarPeer } from './calendar-peer';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** How far the add loop follows opening changes before it gives up. */
const SEARCH_LIMIT_MS = 40 * 365 * 86_400_000;

/**
 * opening_hours (OpenStreetMap opening_hours syntax). It has no time-zone setting: it reads
 * wall-clock times in the process zone. Holidays are explicit `YYYY Mon DD off` dates rather than
 * its `PH` keyword, so they are the same dates as the other libraries'. It has no "add business
 * time", so `add` walks its iterator from opening change to opening change; `between` is its own
 * `getOpenDuration`.
 */
export function openingHoursPeer(windows: readonly { start: string; end: string }[], holidays: readonly string[]): CalendarPeer {
  const hours = windows.map((window) => `${window.start}-${window.end}`).join(',');
  const closed = holidays
    .map((date) => {
      const [year, month, day] = date.split('-');
      return `${year} ${MONTHS[Number(month) - 1]!} ${day}`;
    })
    .join(',');
  const value = `Mo-Fr ${hours}; ${closed} off`;
  const oh = new OpeningHours(value);

  const add = (from: Date, durationMs: number): number => {
    let at = from.getTime();
    if (durationMs === 0) return at;
    const iterator = oh.getIterator(from);
    const limit = new Date(at + SEARCH_LIMIT_MS);
    let open = iterator.getState();
    let left = durationMs;
    while (iterator.advance(limit)) {
      const change = iterator.getDate().getTime();
      if (open) {
        if (change - at >= left) return at + left;
        left -= change - at;
      }
      at = change;
      open = iterator.getState();
    }
    throw new Error(`opening_hours: no ${durationMs} ms of opening time after ${from.toISOString()}`);
  };
  const between = (from: Date, to: Date): number => oh.getOpenDuration(from, to)[0];

  return {
    name: 'opening_hours',
    limits: 'no zone setting (process zone = Europe/Berlin); holidays as explicit dates; no add API (bench walks its iterator)',
    add,
    between,
    addMany(starts, durationMs, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) sum += add(starts[(first + k) & mask]!, durationMs);
      return sum;
    },
    betweenMany(starts, ends, first, count) {
      const mask = starts.length - 1;
      let sum = 0;
      for (let k = 0; k < count; k++) {
        const i = (first + k) & mask;
        sum += oh.getOpenDuration(starts[i]!, ends[i]!)[0];
      }
      return sum;
    },
  };
}

import { Temporal } from 'temporal-polyfill';

/**
 * A deliberately naive business calendar, used only to referee: it walks local dates one by one,
 * builds each date's windows with Temporal (independent of itsm-kit's offset table and of the
 * process zone), and sums or consumes them. Linear in the span, and short enough to check by
 * reading. It follows the itsm-kit contract: windows are `[start, end)` and `add` returns the
 * earliest instant at which the duration is used up. It handles only windows that end on the
 * day they start, which is all the bench's calendar has.
 */
export interface ReferenceCalendar {
  add(from: Date, durationMs: number): number;
  between(from: Date, to: Date): number;
}

const EPOCH = Temporal.PlainDate.from('1970-01-01');
const GIVE_UP_DAYS = 100 * 366;

export function referenceCalendar(
  timeZone: string,
  windows: readonly { start: string; end: string }[],
  holidays: readonly string[],
): ReferenceCalendar {
  const closed = new Set(holidays);
  // Local dates are walked as day numbers (days since 1970-01-01) so a walk over years stays
  // cheap; each date's windows are built once with Temporal and remembered.
  const known = new Map<number, readonly (readonly [number, number])[]>();

  const windowsOn = (day: number): readonly (readonly [number, number])[] => {
    let found = known.get(day);
    if (found === undefined) {
      const date = EPOCH.add({ days: day });
      const open = date.dayOfWeek <= 5 && !closed.has(date.toString());
      found = open ? windows.map(({ start, end }) => [instantOf(date, start), instantOf(date, end)] as const) : [];
      known.set(day, found);
    }
    return found;
  };
  const instantOf = (date: Temporal.PlainDate, time: string): number =>
    date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  const localDay = (ms: number): number =>
    EPOCH.until(Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate()).days;

  return {
    between(from, to) {
      const lo = Math.min(from.getTime(), to.getTime());
      const hi = Math.max(from.getTime(), to.getTime());
      let sum = 0;
      const last = localDay(hi);
      for (let day = localDay(lo); day <= last; day++) {
        for (const [start, end] of windowsOn(day)) sum += Math.max(0, Math.min(end, hi) - Math.max(start, lo));
      }
      return from.getTime() <= to.getTime() ? sum : -sum;
    },
    add(from, durationMs) {
      const at = from.getTime();
      if (durationMs === 0) return at;
      let left = durationMs;
      const first = localDay(at);
      for (let day = first; day < first + GIVE_UP_DAYS; day++) {
        for (const [start, end] of windowsOn(day)) {
          if (end <= at) continue;
          const begin = Math.max(start, at);
          if (end - begin >= left) return begin + left;
          left -= end - begin;
        }
      }
      throw new Error(`reference: no ${durationMs} ms of business time within ${GIVE_UP_DAYS} days of ${from.toISOString()}`);
    },
  };
}

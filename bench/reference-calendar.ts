import { Temporal } from 'temporal-polyfill';

/**
 * A deliberately naive business calendar, used only to referee disagreements: it walks local
 * dates one by one with Temporal (independent of itsm-kit's offset table and of the process
 * zone), builds that date's windows, and sums or consumes them. Slow, linear in the span, and
 * short enough to check by reading. It follows the itsm-kit contract: windows are `[start, end)`,
 * and `add` returns the earliest instant at which the duration is used up.
 */
export interface ReferenceCalendar {
  add(from: Date, durationMs: number): number;
  between(from: Date, to: Date): number;
}

export function referenceCalendar(
  timeZone: string,
  windows: readonly { start: string; end: string }[],
  holidays: readonly string[],
): ReferenceCalendar {
  const closed = new Set(holidays);

  /** The windows of one local date as `[startMs, endMs)` instant pairs, in order. */
  const windowsOn = (date: Temporal.PlainDate): [number, number][] => {
    if (date.dayOfWeek > 5 || closed.has(date.toString())) return [];
    return windows.map(({ start, end }) => [instantOf(date, start), instantOf(date, end)]);
  };
  const instantOf = (date: Temporal.PlainDate, time: string): number =>
    date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  const localDate = (ms: number): Temporal.PlainDate =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate();

  return {
    between(from, to) {
      const lo = Math.min(from.getTime(), to.getTime());
      const hi = Math.max(from.getTime(), to.getTime());
      let sum = 0;
      const last = localDate(hi);
      for (let date = localDate(lo); Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
        for (const [start, end] of windowsOn(date)) sum += Math.max(0, Math.min(end, hi) - Math.max(start, lo));
      }
      return from.getTime() <= to.getTime() ? sum : -sum;
    },
    add(from, durationMs) {
      const at = from.getTime();
      if (durationMs === 0) return at;
      let left = durationMs;
      for (let date = localDate(at); ; date = date.add({ days: 1 })) {
        for (const [start, end] of windowsOn(date)) {
          if (end <= at) continue;
          const begin = Math.max(start, at);
          if (end - begin >= left) return begin + left;
          left -= end - begin;
        }
      }
    },
  };
}

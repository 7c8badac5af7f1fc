import type { CompiledDefinition } from './calendar-index';
import { DAY_MS, weekdayOfDay } from './civil-date';
import { HORIZON_END_MS, HORIZON_START_MS } from './horizon';
import type { ZoneOffsets } from './zone-offsets';

/**
 * Appends the windows that belong to local day `day` — the holiday's hours or the weekday's —
 * as pairs of instants; windows that come out empty (inside a DST gap) are left out.
 * @internal
 */
export function appendDayWindows(definition: CompiledDefinition, zone: ZoneOffsets, day: number, out: number[]): void {
  const windows = definition.holidays.get(day) ?? definition.week[weekdayOfDay(day)]!;
  if (windows.length === 0) return;
  const midnight = day * DAY_MS;
  // Only days with windows need offsets: a calendar open on a few dates never scans the
  // centuries between them and the horizon.
  zone.ensure(midnight, midnight + 2 * DAY_MS);
  for (const [start, end] of windows) {
    const startInstant = zone.localToInstant(midnight + start);
    const endInstant = zone.localToInstant(midnight + (end > start ? end : end + DAY_MS));
    if (endInstant > startInstant) out.push(startInstant, endInstant);
  }
}

/** Sorted, disjoint windows. @internal */
export interface MergedWindows {
  readonly starts: Float64Array<ArrayBuffer>;
  readonly ends: Float64Array<ArrayBuffer>;
  readonly count: number;
}

/**
 * Cuts instant pairs to the horizon, sorts them, and merges those that overlap or touch, so
 * overlapping windows count once.
 * @internal
 */
export function mergeWindows(raw: readonly number[]): MergedWindows {
  const pairs: [number, number][] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const start = Math.max(raw[i]!, HORIZON_START_MS);
    const end = Math.min(raw[i + 1]!, HORIZON_END_MS);
    if (end > start) pairs.push([start, end]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const starts = new Float64Array(pairs.length);
  const ends = new Float64Array(pairs.length);
  let count = 0;
  for (const [start, end] of pairs) {
    if (count > 0 && start <= ends[count - 1]!) {
      if (end > ends[count - 1]!) ends[count - 1] = end;
    } else {
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }
  return { starts, ends, count };
}

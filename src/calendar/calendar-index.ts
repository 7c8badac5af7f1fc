import { DAY_MS, weekdayOfDay } from './civil-date';
import { HORIZON_END_DAY, HORIZON_END_MS, HORIZON_START_DAY, HORIZON_START_MS } from './horizon';
import type { ZoneOffsets } from './zone-offsets';

/** A window as local milliseconds after the midnight of the date it belongs to. @internal */
export type LocalWindow = readonly [start: number, end: number];

/** A definition reduced to what compiling needs. @internal */
export interface CompiledDefinition {
  /** Index 0 = Monday … 6 = Sunday. */
  readonly week: readonly (readonly LocalWindow[])[];
  /** Day number → the windows that replace that date's. */
  readonly holidays: ReadonlyMap<number, readonly LocalWindow[]>;
}

/** How many days of margin keep the edges of the index exact (see `#authoritative`). */
const EDGE_DAYS = 3;
const MIN_GROWTH_DAYS = 366;

/**
 * The business windows of a calendar as sorted, disjoint instants with prefix sums of their
 * lengths, built lazily over the days that queries touch and extended by doubling. Every query
 * is a binary search, so its cost does not grow with the span asked about or with the number
 * of holidays.
 *
 * `cum[i]` is the business time before window `i` (from the start of the index), so
 * `cum[i + 1] - cum[i]` is the length of window `i`. Only differences of `cum` mean anything:
 * extending the index backwards shifts them all.
 * @internal
 */
export class CalendarIndex {
  readonly #definition: CompiledDefinition;
  readonly #zone: ZoneOffsets;
  starts = new Float64Array(0);
  ends = new Float64Array(0);
  cum = new Float64Array(1);
  count = 0;
  /** The local days compiled, `[dayLo, dayHi)`. */
  #dayLo = 0;
  #dayHi = 0;
  /** Instants in `[authLo, authHi]` are exact: no window of an uncompiled day can reach them. */
  authLo = Number.POSITIVE_INFINITY;
  authHi = Number.NEGATIVE_INFINITY;

  constructor(definition: CompiledDefinition, zone: ZoneOffsets) {
    this.#definition = definition;
    this.#zone = zone;
  }

  get reachesStart(): boolean {
    return this.#dayLo <= HORIZON_START_DAY - EDGE_DAYS;
  }

  get reachesEnd(): boolean {
    return this.#dayHi >= HORIZON_END_DAY + EDGE_DAYS;
  }

  /** Makes `[lo, hi]` exact. Callers keep both inside the horizon. */
  ensure(lo: number, hi: number): void {
    if (lo >= this.authLo && hi <= this.authHi) return;
    lo = Math.max(lo, HORIZON_START_MS);
    hi = Math.min(hi, HORIZON_END_MS);
    if (lo >= this.authLo && hi <= this.authHi) return;
    const wantLo = Math.floor(lo / DAY_MS) - EDGE_DAYS;
    const wantHi = Math.floor(hi / DAY_MS) + 1 + EDGE_DAYS;
    let newLo: number;
    let newHi: number;
    if (this.count === 0 && this.#dayLo === this.#dayHi) {
      newLo = wantLo - MIN_GROWTH_DAYS / 2;
      newHi = wantHi + MIN_GROWTH_DAYS / 2;
    } else {
      const growth = Math.max(MIN_GROWTH_DAYS, this.#dayHi - this.#dayLo);
      newLo = wantLo < this.#dayLo ? Math.min(wantLo, this.#dayLo - growth) : this.#dayLo;
      newHi = wantHi > this.#dayHi ? Math.max(wantHi, this.#dayHi + growth) : this.#dayHi;
    }
    newLo = Math.max(newLo, HORIZON_START_DAY - EDGE_DAYS);
    newHi = Math.min(newHi, HORIZON_END_DAY + EDGE_DAYS);
    this.#rebuild(newLo, newHi);
  }

  /** Grows the index towards the end of the horizon; false when it already reaches it. */
  extendForward(): boolean {
    if (this.reachesEnd) return false;
    this.ensure(this.authLo, this.authHi + DAY_MS);
    return true;
  }

  /** Grows the index towards the start of the horizon; false when it already reaches it. */
  extendBackward(): boolean {
    if (this.reachesStart) return false;
    this.ensure(this.authLo - DAY_MS, this.authHi);
    return true;
  }

  #rebuild(dayLo: number, dayHi: number): void {
    const fresh = this.#dayLo === this.#dayHi;
    const raw: number[] = [];
    if (fresh) {
      this.#compileDays(dayLo, dayHi, raw);
    } else {
      this.#compileDays(dayLo, this.#dayLo, raw);
      for (let i = 0; i < this.count; i++) raw.push(this.starts[i]!, this.ends[i]!);
      this.#compileDays(this.#dayHi, dayHi, raw);
    }
    this.#dayLo = dayLo;
    this.#dayHi = dayHi;
    this.#store(raw);
    this.authLo = this.reachesStart ? HORIZON_START_MS : (dayLo + EDGE_DAYS - 1) * DAY_MS;
    this.authHi = this.reachesEnd ? HORIZON_END_MS : (dayHi - EDGE_DAYS + 1) * DAY_MS;
  }

  /** Appends the windows of local days `[from, to)` as instant pairs. */
  #compileDays(from: number, to: number, out: number[]): void {
    const { week, holidays } = this.#definition;
    const zone = this.#zone;
    for (let day = from; day < to; day++) {
      const windows = holidays.get(day) ?? week[weekdayOfDay(day)]!;
      if (windows.length === 0) continue;
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
  }

  /** Sorts, clips to the horizon, merges overlapping and touching windows, and sums. */
  #store(raw: number[]): void {
    const pairs: [number, number][] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const start = Math.max(raw[i]!, HORIZON_START_MS);
      const end = Math.min(raw[i + 1]!, HORIZON_END_MS);
      if (end > start) pairs.push([start, end]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const starts = new Float64Array(pairs.length);
    const ends = new Float64Array(pairs.length);
    let n = 0;
    for (const [start, end] of pairs) {
      if (n > 0 && start <= ends[n - 1]!) {
        if (end > ends[n - 1]!) ends[n - 1] = end;
      } else {
        starts[n] = start;
        ends[n] = end;
        n++;
      }
    }
    const cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + (ends[i]! - starts[i]!);
    this.starts = starts;
    this.ends = ends;
    this.cum = cum;
    this.count = n;
  }

  /** Index of the last window starting at or before `t`, or -1. */
  windowAtOrBefore(t: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Business time from the start of the index to `t`. */
  cumAt(t: number): number {
    const i = this.windowAtOrBefore(t);
    if (i < 0) return 0;
    const end = this.ends[i]!;
    return this.cum[i]! + (t < end ? t : end) - this.starts[i]!;
  }

  /** The earliest instant whose `cumAt` is `target`, or NaN when the index holds too little. */
  earliestAt(target: number): number {
    const cum = this.cum;
    // First window whose end-sum cum[i + 1] reaches the target.
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid + 1]! < target) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.count) return Number.NaN;
    return this.starts[lo]! + (target - cum[lo]!);
  }

  /** The latest instant whose `cumAt` is `target`, or NaN when the index holds too little. */
  latestAt(target: number): number {
    const cum = this.cum;
    if (this.count === 0 || target < 0) return Number.NaN;
    // Last window whose start-sum cum[i] is at or below the target.
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return this.starts[i]! + (target - cum[i]!);
  }
}

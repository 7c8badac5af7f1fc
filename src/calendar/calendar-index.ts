import { DAY_MS } from './civil-date';
import { appendDayWindows, mergeWindows } from './day-windows';
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
  /**
   * `dayFirst[k]` is the index of the first window starting on or after UTC day
   * `bucketBase + k`: a lookup table that turns "which window holds t" into a read and a scan
   * of the day's few windows instead of a binary search over all of them.
   */
  #dayFirst = new Int32Array(1);
  #bucketBase = 0;
  #bucketCount = 0;
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

  /** Whether the index is exact down to the start of the horizon: it cannot grow further back. */
  get reachesStart(): boolean {
    return this.authLo <= HORIZON_START_MS;
  }

  /** Whether the index is exact up to the end of the horizon: it cannot grow further on. */
  get reachesEnd(): boolean {
    return this.authHi >= HORIZON_END_MS;
  }

  /** Makes `[lo, hi]` exact, as far as the horizon allows; parts outside it are ignored. */
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

  /**
   * Grows the index towards the end of the horizon. False when it cannot: it reaches the end
   * already. Callers loop on this, so it returns true only when the index really grew.
   */
  extendForward(): boolean {
    if (this.reachesEnd) return false;
    const before = this.authHi;
    // Ask only for the days past the end, so the index grows in one direction.
    this.ensure(this.authHi, this.authHi + DAY_MS);
    return this.authHi > before;
  }

  /** Grows the index towards the start of the horizon; the mirror of {@link extendForward}. */
  extendBackward(): boolean {
    if (this.reachesStart) return false;
    const before = this.authLo;
    this.ensure(this.authLo - DAY_MS, this.authLo);
    return this.authLo < before;
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
    // No window of an uncompiled day reaches past these; and no business time lies outside the
    // horizon, so an edge beyond it means the index is exact up to the horizon.
    this.authLo = Math.max((dayLo + EDGE_DAYS - 1) * DAY_MS, HORIZON_START_MS);
    this.authHi = Math.min((dayHi - EDGE_DAYS + 1) * DAY_MS, HORIZON_END_MS);
  }

  /** Appends the windows of local days `[from, to)` as instant pairs. */
  #compileDays(from: number, to: number, out: number[]): void {
    for (let day = from; day < to; day++) appendDayWindows(this.#definition, this.#zone, day, out);
  }

  /** Sorts, clips to the horizon, merges overlapping and touching windows, and sums. */
  #store(raw: number[]): void {
    const { starts, ends, count: n } = mergeWindows(raw);
    const cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + (ends[i]! - starts[i]!);
    this.starts = starts;
    this.ends = ends;
    this.cum = cum;
    this.count = n;

    // Windows of the compiled days start within a day of them, whatever the zone's offset.
    const base = this.#dayLo - 2;
    const days = this.#dayHi + 2 - base;
    const dayFirst = new Int32Array(days + 1);
    let i = 0;
    for (let k = 0; k <= days; k++) {
      const dayStart = (base + k) * DAY_MS;
      while (i < n && starts[i]! < dayStart) i++;
      dayFirst[k] = i;
    }
    this.#dayFirst = dayFirst;
    this.#bucketBase = base;
    this.#bucketCount = days;
  }

  /** Index of the last window starting at or before `t`, or -1. */
  windowAtOrBefore(t: number): number {
    const starts = this.starts;
    const k = Math.floor(t / DAY_MS) - this.#bucketBase;
    // Every window starts inside the bucketed days, so an instant before them has no window at
    // or before it, and one after them has all.
    if (k < 0) return -1;
    if (k >= this.#bucketCount) return this.count - 1;
    let i = this.#dayFirst[k]!;
    const next = this.#dayFirst[k + 1]!;
    while (i < next && starts[i]! <= t) i++;
    return i - 1;
  }

  /** Business time from the start of the index to `t`. */
  cumAt(t: number): number {
    return this.cumIn(this.windowAtOrBefore(t), t);
  }

  /** {@link cumAt} when `i` is already known to be `windowAtOrBefore(t)`. */
  cumIn(i: number, t: number): number {
    if (i < 0) return 0;
    const end = this.ends[i]!;
    return this.cum[i]! + (t < end ? t : end) - this.starts[i]!;
  }

  /**
   * The earliest instant whose `cumAt` is `target`, or NaN when the index holds too little.
   * `from` is a window index whose end-sum is known to be below the target. The search starts
   * at a guess interpolated from the average window length — business hours repeat weekly, so
   * the guess is a few windows off whatever the span — and gallops from there.
   */
  earliestAt(target: number, from = 0): number {
    const cum = this.cum;
    const n = this.count;
    if (n === 0 || cum[n]! < target) return Number.NaN;
    const first = from < 0 ? 0 : from;
    // Answer: the first window j >= first with end-sum cum[j + 1] >= target; it is in [first, n - 1].
    // Most often, a short duration ends in the window it starts in.
    if (cum[first + 1]! >= target) return this.starts[first]! + (target - cum[first]!);
    let guess = first + Math.floor(((target - cum[first]!) * n) / cum[n]!);
    if (guess > n - 1) guess = n - 1;
    if (guess < first) guess = first;
    let lo: number;
    let hi: number;
    let step = 1;
    if (cum[guess + 1]! < target) {
      // The answer lies above the guess: gallop up until an end-sum reaches the target.
      lo = guess + 1;
      hi = lo;
      while (cum[hi + 1]! < target) {
        lo = hi + 1;
        hi = lo + step;
        step *= 2;
        if (hi > n - 1) {
          hi = n - 1;
          break;
        }
      }
    } else {
      // The answer is the guess or below: gallop down until a window ends below the target.
      hi = guess;
      lo = guess;
      while (lo > first && cum[lo]! >= target) {
        hi = lo - 1;
        lo = hi - step;
        step *= 2;
        if (lo < first) lo = first;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid + 1]! < target) lo = mid + 1;
      else hi = mid;
    }
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

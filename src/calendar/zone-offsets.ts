import { DAY_MS } from './civil-date';
import { HORIZON_END_MS, HORIZON_START_MS } from './horizon';

/** No zone in the supported horizon is further than this from UTC (Kiribati is +14:00). */
const MAX_OFFSET_MS = 16 * 3_600_000;
/** The table grows by at least this much, so a run of small extensions costs one scan. */
const MIN_GROWTH_MS = 366 * DAY_MS;
/** The table never needs to reach further than the horizon plus the margins of its callers. */
const TABLE_START_MS = HORIZON_START_MS - 8 * DAY_MS;
const TABLE_END_MS = HORIZON_END_MS + 8 * DAY_MS;

/**
 * A time zone's UTC offsets as a table of transitions, built once from `Intl` and extended
 * lazily. Reading an offset is a binary search, not an `Intl` call: an `Intl` call costs
 * microseconds and a business-time query must cost nanoseconds.
 *
 * `Intl` reports offsets to the second, and tz transitions fall on whole seconds, so the table
 * is exact. It samples once a day and bisects to the second where the offset changed; two
 * transitions less than a day apart that cancel out would be missed, and no zone has them.
 * @internal
 */
export class ZoneOffsets {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  /** `#at[k]` is where `#offsets[k]` starts to apply; `#at[0]` is the start of the table. */
  #at: number[] = [];
  #offsets: number[] = [];
  #lo = Number.POSITIVE_INFINITY;
  #hi = Number.NEGATIVE_INFINITY;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /**
   * The offset at an instant, straight from `Intl`: slow, used only to build the table. Reads
   * the six numbers of the en-US pattern (month, day, year, hour, minute, second) from
   * `format()`, which costs a quarter of `formatToParts()`; the table stays within years
   * 1899–2200, so there is no era to read.
   */
  intlOffset(instant: number): number {
    const whole = Math.floor(instant / 1000) * 1000;
    const text = this.#format.format(whole);
    const fields = [0, 0, 0, 0, 0, 0];
    let field = -1;
    let inNumber = false;
    for (let i = 0; i < text.length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit >= 0 && digit <= 9) {
        if (!inNumber) {
          field++;
          inNumber = true;
        }
        if (field < 6) fields[field] = fields[field]! * 10 + digit;
      } else {
        inNumber = false;
      }
    }
    const [month, day, year, hour, minute, second] = fields as [number, number, number, number, number, number];
    return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
  }

  /** Makes the table cover `[lo, hi]`, with a margin so local-time lookups near the edges work. */
  ensure(lo: number, hi: number): void {
    if (lo - MAX_OFFSET_MS - DAY_MS >= this.#lo && hi + MAX_OFFSET_MS + DAY_MS <= this.#hi) return;
    let from = Math.floor((lo - MAX_OFFSET_MS) / DAY_MS) * DAY_MS - DAY_MS;
    let to = Math.ceil((hi + MAX_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS;
    if (this.#at.length === 0) {
      from = Math.max(from, TABLE_START_MS);
      to = Math.max(Math.min(to, TABLE_END_MS), from);
      this.#scan(from, to, this.#at, this.#offsets);
      this.#lo = from;
      this.#hi = to;
      return;
    }
    const growth = Math.max(MIN_GROWTH_MS, this.#hi - this.#lo);
    if (from < this.#lo) {
      from = Math.max(Math.min(from, this.#lo - growth), TABLE_START_MS);
      const at: number[] = [];
      const offsets: number[] = [];
      this.#scan(from, this.#lo, at, offsets);
      for (let k = 0; k < this.#at.length; k++) push(at, offsets, this.#at[k]!, this.#offsets[k]!);
      this.#at = at;
      this.#offsets = offsets;
      this.#lo = from;
    }
    if (to > this.#hi) {
      to = Math.min(Math.max(to, this.#hi + growth), TABLE_END_MS);
      const at: number[] = [];
      const offsets: number[] = [];
      this.#scan(this.#hi, to, at, offsets);
      for (let k = 0; k < at.length; k++) push(this.#at, this.#offsets, at[k]!, offsets[k]!);
      this.#hi = to;
    }
  }

  /** Appends the offsets of `[from, to]` (day-aligned) to `at`/`offsets`. */
  #scan(from: number, to: number, at: number[], offsets: number[]): void {
    let previous = this.intlOffset(from);
    push(at, offsets, from, previous);
    for (let t = from + DAY_MS; t <= to; t += DAY_MS) {
      const current = this.intlOffset(t);
      let start = t - DAY_MS;
      let startOffset = previous;
      // Bisect for each change inside (start, t]; loops again if the day held two changes.
      while (startOffset !== current) {
        let lo = start;
        let hi = t;
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2000) * 1000;
          if (mid <= lo) break;
          if (this.intlOffset(mid) === startOffset) lo = mid;
          else hi = mid;
        }
        const changed = this.intlOffset(hi);
        push(at, offsets, hi, changed);
        start = hi;
        startOffset = changed;
      }
      previous = current;
    }
  }

  /** The instants in `[lo, hi]` at which the offset changes. */
  transitionsBetween(lo: number, hi: number): number[] {
    this.ensure(lo, hi);
    return this.#at.filter((instant, k) => k > 0 && instant >= lo && instant <= hi);
  }

  /** The offset (local minus UTC, in ms) in force at `instant`; the table must cover it. */
  offsetAt(instant: number): number {
    const at = this.#at;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! <= instant) lo = mid + 1;
      else hi = mid;
    }
    return this.#offsets[lo === 0 ? 0 : lo - 1]!;
  }

  /**
   * The instant of a local wall-clock time (given as milliseconds since 1970-01-01T00:00 local),
   * by Temporal's "compatible" rule: an ambiguous time takes the earlier instant; a time in a gap
   * is read with the offset before the gap, which gives the later instant.
   */
  localToInstant(local: number): number {
    const at = this.#at;
    const offsets = this.#offsets;
    // Any interval that could hold the answer intersects [local - MAX, local + MAX].
    let lo = 0;
    let hi = at.length;
    const first = local - MAX_OFFSET_MS;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! <= first) lo = mid + 1;
      else hi = mid;
    }
    const k0 = lo === 0 ? 0 : lo - 1;
    const last = local + MAX_OFFSET_MS;
    let best = Number.NaN;
    for (let k = k0; k < at.length && at[k]! <= last; k++) {
      const candidate = local - offsets[k]!;
      const end = k + 1 < at.length ? at[k + 1]! : Number.POSITIVE_INFINITY;
      if ((k === 0 || candidate >= at[k]!) && candidate < end && !(candidate >= best)) best = candidate;
    }
    if (!Number.isNaN(best)) return best;
    // In a gap: the transition whose skipped local times hold `local`.
    for (let k = Math.max(k0, 1); k < at.length && at[k]! <= last; k++) {
      const before = offsets[k - 1]!;
      if (at[k]! + before <= local && local < at[k]! + offsets[k]!) return local - before;
    }
    // Not reached with tz data as it is (every local time is before, in, or after a transition),
    // but should a table ever disagree with itself, the usual two-step guess is a sane answer.
    return local - this.offsetAt(local - this.offsetAt(local));
  }
}

/**
 * Appends a change of offset, skipping a repeat of the last offset, so every entry after the
 * first is a real transition. Instants arrive in increasing order: scans move forward, and two
 * scans meet at a shared sample, which `Intl` reads the same both times.
 */
function push(at: number[], offsets: number[], instant: number, offset: number): void {
  if (offsets.length > 0 && offsets[offsets.length - 1] === offset) return;
  at.push(instant);
  offsets.push(offset);
}

const zones = new Map<string, ZoneOffsets>();

/**
 * The shared offset table of a zone. Tables depend only on the zone, so calendars in one zone
 * share one, and it is built at most once per process.
 * @internal
 */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * Whether `Intl` knows the zone, and its canonical name.
 * @internal
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

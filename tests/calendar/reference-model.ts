/**
 * A deliberately naive business calendar, written straight from the contract in the design
 * document, to check the compiled calendar against. It shares no code with `src/calendar`:
 * local times become instants through Temporal (temporal-polyfill), windows are materialised
 * day by day over a bounded span and kept in a plain sorted list, and every answer is a linear
 * walk over that list. Slow on purpose; obviously right is the point.
 */
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendarDefinition, BusinessHoursWindow, Weekday } from '../../src/calendar/index';

/** The supported instants, from the contract: 1900-01-01 up to 2200-01-01 (UTC). */
export const HORIZON_START_MS = Date.UTC(1900, 0, 1);
export const HORIZON_END_MS = Date.UTC(2200, 0, 1);

/** Temporal's `dayOfWeek` is 1 for Monday … 7 for Sunday. */
const WEEKDAY_BY_ISO_NUMBER: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A span of instants `[start, end)`, epoch milliseconds. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Seconds after midnight of `HH:mm` or `HH:mm:ss`; `24:00` is 86 400. */
function secondsOfDay(text: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = text.split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

/** The instant of a wall-clock time on a local date, by Temporal's "compatible" rule. */
function localInstant(date: Temporal.PlainDate, secondsAfterMidnight: number, timeZone: string): number {
  const days = Math.floor(secondsAfterMidnight / 86_400);
  const rest = secondsAfterMidnight - days * 86_400;
  const time = { hour: Math.floor(rest / 3600), minute: Math.floor(rest / 60) % 60, second: rest % 60 };
  return date
    .add({ days })
    .toPlainDateTime(time)
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The windows that apply to a local date: its holiday's hours, else its weekday's. */
function windowsFor(definition: BusinessCalendarDefinition, date: Temporal.PlainDate): readonly BusinessHoursWindow[] {
  const holiday = (definition.holidays ?? []).find((entry) => entry.date === date.toString());
  if (holiday !== undefined) return holiday.hours ?? [];
  return definition.week[WEEKDAY_BY_ISO_NUMBER[date.dayOfWeek - 1]!] ?? [];
}

/**
 * The non-empty windows that belong to a local date, as instants, unmerged. A window whose end
 * is not after its start (as a time of day) ends on the next date; `24:00` is the next date's
 * midnight.
 */
export function spansOfDate(definition: BusinessCalendarDefinition, date: Temporal.PlainDate): Span[] {
  const spans: Span[] = [];
  for (const window of windowsFor(definition, date)) {
    const startSeconds = secondsOfDay(window.start);
    let endSeconds = secondsOfDay(window.end);
    if (endSeconds <= startSeconds) endSeconds += 86_400;
    const start = localInstant(date, startSeconds, definition.timeZone);
    const end = localInstant(date, endSeconds, definition.timeZone);
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** Sorts spans and merges those that overlap or touch. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** `date` as a Temporal date; the test only passes valid `YYYY-MM-DD`. */
export function plainDate(date: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(date);
}

/** The local date of an instant in a zone. */
export function localDateOf(instant: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone).toPlainDate();
}

/** The most days a model may span, so nobody builds one over centuries by accident. */
const MAX_SPAN_DAYS = 400;

/**
 * The calendar's business time, known exactly on `[lo, hi]` (clipped to the horizon). Answers
 * that would need to look outside come back `undefined`, which the tests read as "further
 * away than the model knows" (or, at the horizon, "no answer at all").
 */
export class ReferenceCalendar {
  readonly definition: BusinessCalendarDefinition;
  readonly lo: number;
  readonly hi: number;
  /** Merged windows, clipped to the horizon, covering every window that meets `[lo, hi]`. */
  readonly windows: readonly Span[];

  constructor(definition: BusinessCalendarDefinition, lo: number, hi: number) {
    this.definition = definition;
    this.lo = Math.max(lo, HORIZON_START_MS);
    this.hi = Math.min(hi, HORIZON_END_MS);
    if (!(this.lo <= this.hi) || this.hi - this.lo > MAX_SPAN_DAYS * 86_400_000) {
      throw new RangeError(`reference model span must be 0 to ${MAX_SPAN_DAYS} days inside the horizon`);
    }
    // A window belongs to the date it starts on and ends within two local days of that date's
    // midnight; offsets differ by at most a day (Apia skipped one), so three days either side
    // of the span's local dates catch every window that reaches into it.
    const first = localDateOf(this.lo, definition.timeZone).subtract({ days: 3 });
    const last = localDateOf(this.hi, definition.timeZone).add({ days: 3 });
    const spans: Span[] = [];
    for (let date = first; Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
      spans.push(...spansOfDate(definition, date));
    }
    this.windows = mergeSpans(spans)
      .map((span) => ({ start: Math.max(span.start, HORIZON_START_MS), end: Math.min(span.end, HORIZON_END_MS) }))
      .filter((span) => span.end > span.start);
  }

  /** Whether the model's span reaches the end of the horizon, so nothing lies after `hi`. */
  get reachesHorizonEnd(): boolean {
    return this.hi === HORIZON_END_MS;
  }

  /** Whether the model's span reaches the start of the horizon, so nothing lies before `lo`. */
  get reachesHorizonStart(): boolean {
    return this.lo === HORIZON_START_MS;
  }

  #inside(...instants: number[]): void {
    for (const instant of instants) {
      if (!(instant >= this.lo && instant <= this.hi)) throw new RangeError(`instant ${instant} is outside the reference model's span`);
    }
  }

  /** Business time from `from` to `to`: the summed overlap with the windows; negative when `to < from`. */
  between(from: number, to: number): number {
    this.#inside(from, to);
    if (to < from) return 0 - this.between(to, from);
    let total = 0;
    for (const { start, end } of this.windows) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    return total;
  }

  isOpen(at: number): boolean {
    this.#inside(at);
    return this.windows.some(({ start, end }) => start <= at && at < end);
  }

  /** `at` when open, else the next opening at or before `hi`, else undefined. */
  next(at: number): number | undefined {
    if (this.isOpen(at)) return at;
    return this.windows.find(({ start }) => start > at && start <= this.hi)?.start;
  }

  /** The earliest `r >= from` with `between(from, r) === duration`, or undefined when `r > hi`. */
  add(from: number, duration: number): number | undefined {
    this.#inside(from);
    if (duration === 0) return from;
    let left = duration;
    for (const { start, end } of this.windows) {
      const open = Math.max(start, from);
      const close = Math.min(end, this.hi);
      if (close <= open) continue;
      if (left <= close - open) return open + left;
      left -= close - open;
    }
    return undefined;
  }

  /** The latest `r <= to` with `between(r, to) === duration`, or undefined when `r < lo`. */
  subtract(to: number, duration: number): number | undefined {
    this.#inside(to);
    if (duration === 0) return to;
    let left = duration;
    for (const { start, end } of [...this.windows].reverse()) {
      const open = Math.max(start, this.lo);
      const close = Math.min(end, to);
      if (close <= open) continue;
      if (left <= close - open) return close - left;
      left -= close - open;
    }
    return undefined;
  }

  /** The windows meeting `[from, to)`, cut to it. */
  windowsBetween(from: number, to: number): Span[] {
    this.#inside(from, to);
    return this.windows
      .map(({ start, end }) => ({ start: Math.max(start, from), end: Math.min(end, to) }))
      .filter(({ start, end }) => end > start);
  }
}

/** The merged windows of one local date, cut to the horizon, as `businessWindowsOn` describes them. */
export function referenceWindowsOn(definition: BusinessCalendarDefinition, date: string): Span[] {
  return mergeSpans(spansOfDate(definition, plainDate(date)))
    .map((span) => ({ start: Math.max(span.start, HORIZON_START_MS), end: Math.min(span.end, HORIZON_END_MS) }))
    .filter((span) => span.end > span.start);
}

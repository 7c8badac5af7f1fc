import { addBusinessMs } from '../calendar/add-business-time';
import type { CalendarIndex } from '../calendar/calendar-index';
import { formatInstantText } from '../calendar/instant-text';
import { isItsmError } from '../core/itsm-error';
import { accumulate } from './advance-sla';
import type { CompiledPolicy, CompiledTarget } from './sla-policy';
import type { SlaCycle, SlaEvaluation, SlaTargetResult, SlaThreshold, SlaTimelineSegment } from './sla-evaluation';
import type { CycleState, SlaSegment, TargetState } from './sla-state';

/**
 * Instants as text, remembering the last one: one segment ends where the next begins, so half
 * the instants of an evaluation are the one just written.
 */
class InstantWriter {
  #ms = Number.NaN;
  #text = '';

  text(ms: number): string {
    if (ms !== this.#ms) {
      this.#ms = ms;
      this.#text = formatInstantText(ms);
    }
    return this.#text;
  }
}

/** Business ms a threshold needs: the least whole ms at or above `percent` of the target. */
const needFor = (durationMs: number, percent: number): number => Math.ceil((durationMs * percent) / 100);

/**
 * The instant elapsed business time first reached `need` over the cycle's running segments,
 * but not before `since` (a target cannot be missed before it is in force). @internal
 */
function crossingAt(segments: readonly SlaSegment[], need: number, since: number, calendar: CalendarIndex): number | undefined {
  let elapsed = 0;
  for (const segment of segments) {
    if (segment.clock !== 'running') continue;
    if (elapsed + segment.businessMs >= need) {
      const at = need <= elapsed ? segment.from : addBusinessMs(calendar, segment.from, need - elapsed);
      return Math.max(at, since);
    }
    elapsed += segment.businessMs;
  }
  return need <= 0 ? since : undefined;
}

/** A cycle's figures at `now`, counting an open cycle on to `now` without changing the state. @internal */
export function cycleAt(target: CompiledTarget, state: CycleState, now: number, calendar: CalendarIndex, writer = new InstantWriter()): SlaCycle {
  let cycle = state;
  if (state.end === null && now > state.cursor) {
    // Counted on to `now` as a step would, on a copy: the state is not changed.
    cycle = { ...state, segments: [...state.segments] };
    accumulate(cycle, now, calendar);
  }
  const { durationMs, elapsedMs, segments, end } = cycle;
  const breachedAtMs = elapsedMs >= durationMs ? crossingAt(segments, durationMs, cycle.durationSince, calendar) : undefined;
  const open = end === null;
  const running = open && cycle.clock === 'running';
  const aheadFrom = Math.max(cycle.cursor, now);
  const thresholds: SlaThreshold[] = [];
  for (const percent of target.thresholds) {
    const need = needFor(durationMs, percent);
    const at = elapsedMs >= need ? crossingAt(segments, need, cycle.durationSince, calendar) : undefined;
    if (at !== undefined) thresholds.push({ percent, crossedAt: writer.text(at) });
    else {
      const dueAt = running ? instantAhead(calendar, aheadFrom, need - elapsedMs, writer) : undefined;
      thresholds.push(dueAt === undefined ? { percent } : { percent, dueAt });
    }
  }
  const breached = breachedAtMs !== undefined;
  let dueAt: string | undefined;
  if (open && breached) dueAt = writer.text(breachedAtMs);
  else if (running) dueAt = instantAhead(calendar, aheadFrom, durationMs - elapsedMs, writer);
  const timeline: SlaTimelineSegment[] = [];
  for (const segment of segments) {
    timeline.push({
      from: writer.text(segment.from),
      to: writer.text(segment.to),
      clock: segment.clock,
      businessMs: segment.businessMs,
      outsideHoursMs: segment.to - segment.from - segment.businessMs,
    });
  }
  // Built field by field, in the order the type declares them, so a serialised result reads the same.
  const result: Writable<SlaCycle> = {
    state: !open ? (end.reason === 'met' ? 'met' : 'cancelled') : breached ? 'breached' : cycle.clock,
    startedAt: writer.text(cycle.startedAt),
  };
  if (!open) {
    result.endedAt = writer.text(end.at);
    result.endReason = end.reason;
  }
  result.targetMs = durationMs;
  result.elapsedMs = elapsedMs;
  result.pausedMs = cycle.pausedMs;
  result.remainingMs = Math.max(0, durationMs - elapsedMs);
  result.breached = breached;
  if (breachedAtMs !== undefined) result.breachedAt = writer.text(breachedAtMs);
  if (dueAt !== undefined) result.dueAt = dueAt;
  result.thresholds = thresholds;
  result.segments = timeline;
  return result as SlaCycle;
}

/** A result under construction: its fields writable, those not yet set missing. */
type Writable<T> = { -readonly [K in keyof T]?: T[K] } & Pick<T, 'state' & keyof T>;

/**
 * Where a running clock goes next: the instant `remainingMs` of business time after `from`, or
 * undefined when the calendar has too little business time left before the end of its horizon
 * (2200). The figures up to now still stand, so the evaluation answers without a due instant
 * rather than failing as a whole.
 */
function instantAhead(calendar: CalendarIndex, from: number, remainingMs: number, writer: InstantWriter): string | undefined {
  try {
    return writer.text(addBusinessMs(calendar, from, remainingMs));
  } catch (error) {
    if (isItsmError(error) && error.code === 'out_of_range') return undefined;
    throw error;
  }
}

/** The evaluation of a state at `now`. @internal */
export function statusOf(policy: CompiledPolicy, targets: readonly TargetState[], now: number, calendars: readonly CalendarIndex[]): SlaEvaluation {
  const writer = new InstantWriter();
  const results: SlaTargetResult[] = [];
  for (const target of policy.targets) {
    const calendar = calendars[target.index]!;
    const cycles: SlaCycle[] = [];
    for (const cycle of targets[target.index]!.cycles) cycles.push(cycleAt(target, cycle, now, calendar, writer));
    const { id, metric, agreement, calendar: calendarId } = target.definition;
    results.push({ targetId: id, metric, agreement: agreement ?? 'sla', calendar: calendarId, cycles });
  }
  return { policyId: policy.definition.id, now: writer.text(now), targets: results };
}

import { addBusinessMs } from '../calendar/add-business-time';
import type { CalendarIndex } from '../calendar/calendar-index';
import { formatInstantText } from '../calendar/instant-text';
import { isItsmError } from '../core/itsm-error';
import { accumulate } from './advance-sla';
import { writableCycle } from './own-sla-state';
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
    cycle = writableCycle(state);
    accumulate(cycle, now, calendar);
  }
  const { durationMs, elapsedMs, segments, end } = cycle;
  const breachedAtMs = elapsedMs >= durationMs ? crossingAt(segments, durationMs, cycle.durationSince, calendar) : undefined;
  const open = end === null;
  const running = open && cycle.clock === 'running';
  const aheadFrom = Math.max(cycle.cursor, now);
  const percents = target.thresholds;
  // Arrays of their final length, filled in place: pushing onto [] allocates room for sixteen.
  const thresholds = new Array<SlaThreshold>(percents.length);
  for (let index = 0; index < percents.length; index++) {
    const percent = percents[index]!;
    const need = needFor(durationMs, percent);
    const at = elapsedMs >= need ? crossingAt(segments, need, cycle.durationSince, calendar) : undefined;
    if (at !== undefined) thresholds[index] = { percent, crossedAt: writer.text(at) };
    else {
      const dueAt = running ? instantAhead(calendar, aheadFrom, need - elapsedMs, writer) : undefined;
      thresholds[index] = dueAt === undefined ? { percent } : { percent, dueAt };
    }
  }
  const timeline = new Array<SlaTimelineSegment>(segments.length);
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    timeline[index] = {
      from: writer.text(segment.from),
      to: writer.text(segment.to),
      clock: segment.clock,
      businessMs: segment.businessMs,
      outsideHoursMs: segment.to - segment.from - segment.businessMs,
    };
  }
  const startedAt = writer.text(cycle.startedAt);
  const { pausedMs } = cycle;
  const remainingMs = Math.max(0, durationMs - elapsedMs);
  // Each shape written out whole, its fields in the order the type declares them (so a
  // serialised result reads the same), with no field that has no value: one allocation each,
  // where adding fields one by one walks V8 through a hidden class per field.
  if (!open) {
    const endedAt = writer.text(end.at);
    const state = end.reason === 'met' ? 'met' : 'cancelled';
    if (breachedAtMs === undefined) return { state, startedAt, endedAt, endReason: end.reason, targetMs: durationMs, elapsedMs, pausedMs, remainingMs, breached: false, thresholds, segments: timeline };
    const breachedAt = writer.text(breachedAtMs);
    return { state, startedAt, endedAt, endReason: end.reason, targetMs: durationMs, elapsedMs, pausedMs, remainingMs, breached: true, breachedAt, thresholds, segments: timeline };
  }
  if (breachedAtMs !== undefined) {
    // Breached and open: it was due when it breached.
    const breachedAt = writer.text(breachedAtMs);
    return { state: 'breached', startedAt, targetMs: durationMs, elapsedMs, pausedMs, remainingMs, breached: true, breachedAt, dueAt: breachedAt, thresholds, segments: timeline };
  }
  const dueAt = running ? instantAhead(calendar, aheadFrom, durationMs - elapsedMs, writer) : undefined;
  if (dueAt === undefined) return { state: cycle.clock, startedAt, targetMs: durationMs, elapsedMs, pausedMs, remainingMs, breached: false, thresholds, segments: timeline };
  return { state: cycle.clock, startedAt, targetMs: durationMs, elapsedMs, pausedMs, remainingMs, breached: false, dueAt, thresholds, segments: timeline };
}

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
  const compiled = policy.targets;
  const results = new Array<SlaTargetResult>(compiled.length);
  for (let index = 0; index < compiled.length; index++) {
    const target = compiled[index]!;
    const calendar = calendars[index]!;
    const states = targets[index]!.cycles;
    const cycles = new Array<SlaCycle>(states.length);
    for (let c = 0; c < states.length; c++) cycles[c] = cycleAt(target, states[c]!, now, calendar, writer);
    const { id, metric, agreement, calendar: calendarId } = target.definition;
    results[index] = { targetId: id, metric, agreement: agreement ?? 'sla', calendar: calendarId, cycles };
  }
  return { policyId: policy.definition.id, now: writer.text(now), targets: results };
}

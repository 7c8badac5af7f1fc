import { businessMsBetween } from '../calendar/business-time-between';
import type { CalendarIndex } from '../calendar/calendar-index';
import { HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { parseInstantText } from '../calendar/instant-text';
import { unreadableRecord } from '../core/condition';
import { walkPath } from '../core/condition-code';
import { dateTimeValue } from '../core/date-time-value';
import { ValidationError, type IssuePath, type ValidationIssue } from '../core/validation-error';
import { APPLIES, CANCEL, PAUSE, RESET, START, STOP, TARGET_BITS, type CompiledPolicy, type CompiledTarget } from './sla-policy';
import { appendedTo, withLastReplaced, writableTarget, type SteppingState } from './own-sla-state';
import type { CycleState, SlaSegment, TargetState } from './sla-state';

/** The calendar of each target, as its compiled index, resolved once per call. @internal */
export type TargetCalendars = readonly CalendarIndex[];

/** Accumulates a cycle's business time from its cursor to `to`, in the clock it is in. @internal */
export function accumulate(cycle: CycleState, to: number, calendar: CalendarIndex): void {
  const from = cycle.cursor;
  if (to <= from) return;
  const businessMs = businessMsBetween(calendar, from, to);
  if (cycle.clock === 'running') cycle.elapsedMs += businessMs;
  else cycle.pausedMs += businessMs;
  appendStretch(cycle, { from, to, clock: cycle.clock, businessMs });
  cycle.cursor = to;
}

/**
 * Appends a stretch to a cycle's segments. One that continues the last in the same clock — the
 * clock turned and turned back at one instant (on hold and resumed, met and reopened), so the
 * stretch in between was empty — extends it instead, so two in a row never stand in the same
 * clock. The last segment is replaced, not written: it may be shared with an earlier state.
 */
function appendStretch(cycle: CycleState, stretch: SlaSegment): void {
  const segments = cycle.segments;
  const last = segments.length === 0 ? undefined : segments[segments.length - 1]!;
  if (last !== undefined && last.clock === stretch.clock && last.to === stretch.from) {
    cycle.segments = withLastReplaced(segments, { from: last.from, to: stretch.to, clock: stretch.clock, businessMs: last.businessMs + stretch.businessMs });
  } else cycle.segments = appendedTo(segments, stretch);
}

function newCycle(target: CompiledTarget, record: Readonly<Record<string, unknown>>, at: number, durationMs: number, clock: 'running' | 'paused', first: boolean, calendar: CalendarIndex): CycleState {
  let startedAt = at;
  // A retroactive first cycle counts from an instant field of the record (its opening), as
  // running time: the target applied from then, whatever the record's state was.
  const field = target.retroactiveStart;
  if (first && field !== undefined) {
    const instant = instantIn(readRecord(record, field));
    if (instant !== undefined && instant <= at) startedAt = instant;
  }
  const cycle: CycleState = { startedAt, cursor: startedAt, clock: 'running', end: null, durationMs, durationSince: startedAt, elapsedMs: 0, pausedMs: 0, segments: [] };
  // The stretch before the version runs; one that goes on running from the version is the
  // same stretch, so it is counted only where the clock changes.
  if (clock === 'paused') accumulate(cycle, at, calendar);
  cycle.clock = clock;
  return cycle;
}

/**
 * The instant a field holds: a Date, or an instant string as records hold them
 * (`2026-11-23T08:00:00.000Z`), within the calendar's horizon. Anything else (a bare date, whose
 * zone would be a guess, or a word Date.parse happens to read) is no instant: the cycle then
 * counts from its version, as without `retroactiveStart`.
 */
function instantIn(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'string') ms = parseInstantText(value);
  else if (typeof value === 'object' && value !== null) {
    // A Date of any realm, read through Date itself (never its own getTime); a revoked proxy,
    // or a proxy around a Date, is an unreadable record.
    let isDate = false;
    try {
      isDate = value instanceof Date;
    } catch (cause) {
      return unreadableRecord(cause);
    }
    ms = dateTimeValue(value);
    if (ms === undefined && isDate) return unreadableRecord(new TypeError('a Date that cannot be read as one'));
  }
  return ms !== undefined && ms >= HORIZON_START_MS && ms <= HORIZON_END_MS ? ms : undefined;
}

/**
 * The value at `path` in the record, read as conditions read it: own properties only, so a
 * field inherited from a prototype (a polluted `Object.prototype`) is no start instant. A
 * record that throws when read is bad input.
 */
function readRecord(record: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  try {
    return walkPath(record, path, 0);
  } catch (cause) {
    return unreadableRecord(cause);
  }
}

/** The duration for the version's priority; a record that throws when read is bad input. */
function durationAt(target: CompiledTarget, record: Readonly<Record<string, unknown>>): number | undefined {
  try {
    return target.durationFor(record);
  } catch (cause) {
    return unreadableRecord(cause);
  }
}

/**
 * What a target's conditions say of one version: its six bits of the policy's reading (`RESET`,
 * `CANCEL`, `STOP`, `APPLIES`, `START`, `PAUSE`) and these, derived from them: a cycle may
 * start (or resume) here — applies, starts, not stopped or cancelled, has a duration — and the
 * reset condition became true here (it was false at the version before). A number, not an
 * object: this runs for every target at every version.
 */
const STARTS = 64;
const RESET_EDGE = 128;

function readVersion(target: CompiledTarget, resetHeld: boolean, readings: number): number {
  let reading = ((readings >>> target.shift) & TARGET_BITS) | target.constantBits;
  if ((reading & RESET) !== 0 && !resetHeld) reading |= RESET_EDGE;
  return reading;
}

/** Whether a cycle may start (or resume) at a version, its duration aside. */
const mayStart = (reading: number): boolean => (reading & (STOP | CANCEL)) === 0 && (reading & (APPLIES | START)) === (APPLIES | START);

const clockOf = (reading: number): 'running' | 'paused' => ((reading & PAUSE) !== 0 ? 'paused' : 'running');

/** Begins a cycle at the version, when the target starts there. */
function begin(target: CompiledTarget, state: TargetState, reading: number, durationMs: number | undefined, record: Readonly<Record<string, unknown>>, at: number, calendar: CalendarIndex): void {
  if ((reading & STARTS) === 0) return;
  state.cycles = appendedTo(state.cycles, newCycle(target, record, at, durationMs!, clockOf(reading), state.cycles.length === 0, calendar));
}

/** Steps one target; whether the version changed one of its cycles (and so may be an instant the evaluation writes). */
function stepTarget(target: CompiledTarget, stepping: SteppingState, readings: number, record: Readonly<Record<string, unknown>>, at: number, calendar: CalendarIndex): boolean {
  const before = stepping.targets[target.index]!;
  let reading = readVersion(target, before.resetHeld, readings);
  const resetHolds = (reading & RESET) !== 0;
  const last = before.cycles.length === 0 ? undefined : before.cycles[before.cycles.length - 1]!;
  const open = last !== undefined && last.end === null;
  // The priority's duration matters to an open cycle (a retarget) and to one that may start;
  // a target without either, such as a response clock already met, does not read it.
  const startable = mayStart(reading);
  const durationMs = open || startable ? durationAt(target, record) : undefined;
  if (durationMs !== undefined && startable) reading |= STARTS;
  const changes = open ? changesOpenCycle(last, reading, durationMs) : (reading & STARTS) !== 0;
  // A version that changes no cycle and moves no reset edge changes nothing, so a state shared
  // with the step before stays shared: an open clock counts on, and is counted up to the
  // version that changes it, in one stretch.
  if (!changes && resetHolds === before.resetHeld) return false;
  const state = writableTarget(stepping, target.index);
  // Kept whether or not a cycle is open: an edge is measured against the version before.
  state.resetHeld = resetHolds;
  if (!changes) return false;
  // The state's own last cycle: a copy of the shared one once written.
  const cycles = state.cycles;
  const writable = cycles.length === 0 ? undefined : cycles[cycles.length - 1];
  if (open) stepOpenCycle(target, state, writable!, reading, durationMs, record, at, calendar);
  else if ((reading & STARTS) !== 0 && writable?.end?.reason === 'met' && target.onReopen === 'resume') reopen(target, state, writable, reading, durationMs!, record, at, calendar);
  else begin(target, state, reading, durationMs, record, at, calendar);
  return true;
}

/** Whether a version changes an open cycle: ends it, begins another, retargets it or turns its clock. */
function changesOpenCycle(open: CycleState, reading: number, durationMs: number | undefined): boolean {
  if ((reading & (CANCEL | STOP | RESET_EDGE)) !== 0) return true;
  if (durationMs !== undefined && durationMs !== open.durationMs) return true;
  return clockOf(reading) !== open.clock;
}

/** An open cycle at a version: cancel, else stop, else a reset edge, else a new duration. */
function stepOpenCycle(target: CompiledTarget, state: TargetState, open: CycleState, reading: number, durationMs: number | undefined, record: Readonly<Record<string, unknown>>, at: number, calendar: CalendarIndex): void {
  const newDuration = durationMs !== undefined && durationMs !== open.durationMs;
  const restarts = (reading & RESET_EDGE) !== 0 || (newDuration && target.onDurationChange === 'restart');
  const clock = clockOf(reading);
  // The stretch since the clock last turned is counted, in the clock it stood in, where the
  // cycle ends or its clock turns; a retarget alone leaves it running on.
  if ((reading & (CANCEL | STOP)) !== 0 || restarts || clock !== open.clock) accumulate(open, at, calendar);
  if ((reading & CANCEL) !== 0) open.end = { at, reason: 'cancelled' };
  else if ((reading & STOP) !== 0) open.end = { at, reason: 'met' };
  else if (restarts) {
    open.end = { at, reason: (reading & RESET_EDGE) !== 0 ? 'reset' : 'restart' };
    begin(target, state, reading, durationMs, record, at, calendar);
  } else {
    // Retarget: elapsed and paused time stay; the new target counts from this instant.
    if (newDuration) retarget(open, durationMs, at);
    open.clock = clock;
  }
}

/**
 * A reopen under `resume`: the met cycle runs on, and the time it was met is a stopped
 * stretch, not counted. A new duration on the reopened record is a priority change like any
 * other: it retargets the resumed cycle, or under `restart` leaves the met cycle met and begins
 * a new one.
 */
function reopen(target: CompiledTarget, state: TargetState, met: CycleState, reading: number, durationMs: number, record: Readonly<Record<string, unknown>>, at: number, calendar: CalendarIndex): void {
  if (durationMs !== met.durationMs && target.onDurationChange === 'restart') {
    begin(target, state, reading, durationMs, record, at, calendar);
    return;
  }
  const gapFrom = met.end!.at;
  met.end = null;
  met.cursor = at;
  met.clock = clockOf(reading);
  // Met again at the instant it was reopened, the cycle never ran between its two stops: this
  // stopped stretch extends the one before.
  if (at > gapFrom) appendStretch(met, { from: gapFrom, to: at, clock: 'stopped', businessMs: businessMsBetween(calendar, gapFrom, at) });
  if (durationMs !== met.durationMs) retarget(met, durationMs, at);
}

function retarget(cycle: CycleState, durationMs: number, at: number): void {
  cycle.durationMs = durationMs;
  cycle.durationSince = at;
}

/**
 * Advances a state by one version, mutating it: the caller owns it, or a target is copied
 * before it is written (see `writableTarget`). Returns whether the version changed a cycle:
 * only then can its instant be one an evaluation writes (a start, an end, a turn of a clock).
 * @internal
 */
export function stepSla(policy: CompiledPolicy, state: SteppingState, record: Readonly<Record<string, unknown>>, at: number, calendars: TargetCalendars): boolean {
  // Conditions see the version and, under `previous`, the one before it; one call reads those
  // of a group of targets (all of a policy of up to five), before any of them steps.
  const previous = state.previous ?? undefined;
  const targets = policy.targets;
  const readings = policy.readings;
  let reading = 0;
  let changed = false;
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    if (target.shift === 0) reading = readings[target.reading]!(record, previous);
    if (stepTarget(target, state, reading, record, at, calendars[index]!)) changed = true;
  }
  state.lastAt = at;
  state.previous = record;
  return changed;
}

/**
 * Rethrows what stepping a version threw, with a record that could not be read named where the
 * caller holds it: stepping knows it only as `record` (the version's) or `previous` (the one
 * before, which conditions read under `previous`). @internal
 */
export function steppingFailed(error: unknown, record: IssuePath, previous: IssuePath): never {
  if (!(error instanceof ValidationError)) throw error;
  const at = (found: ValidationIssue): IssuePath | undefined => (found.path[0] === 'record' ? record : found.path[0] === 'previous' ? previous : undefined);
  if (!error.issues.some((found) => at(found) !== undefined)) throw error;
  throw new ValidationError(
    error.issues.map((found) => {
      const base = at(found);
      return base === undefined ? found : { ...found, path: [...base, ...found.path.slice(1)] };
    }),
    'argument',
  );
}

/** A fresh state for a policy. @internal */
export function initialSlaState(policy: CompiledPolicy): SteppingState {
  return { policyId: policy.definition.id, lastAt: null, previous: null, targets: policy.targets.map((target) => ({ targetId: target.definition.id, cycles: [], resetHeld: false })), before: null };
}

import { businessMsBetween } from '../calendar/business-time-between';
import type { CalendarIndex } from '../calendar/calendar-index';
import { HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { parseInstantText } from '../calendar/instant-text';
import { evaluateConditionAfter, type CompiledCondition } from '../core/condition';
import type { CompiledPolicy, CompiledTarget } from './sla-policy';
import { writableTarget, type SteppingState } from './own-sla-state';
import type { CycleState, TargetState } from './sla-state';

/** The calendar of each target, as its compiled index, resolved once per call. @internal */
export type TargetCalendars = readonly CalendarIndex[];


/** A version as the conditions see it: the record, and the version before (`previous…` paths). */
interface View {
  readonly record: Readonly<Record<string, unknown>>;
  readonly previous: Readonly<Record<string, unknown>> | undefined;
}

const holds = (condition: CompiledCondition | undefined, view: View): boolean => condition !== undefined && evaluateConditionAfter(condition, view.record, view.previous);

/** Accumulates a cycle's business time from its cursor to `to`, in the clock it is in. @internal */
export function accumulate(cycle: CycleState, to: number, calendar: CalendarIndex): void {
  const from = cycle.cursor;
  if (to <= from) return;
  const businessMs = businessMsBetween(calendar, from, to);
  if (cycle.clock === 'running') cycle.elapsedMs += businessMs;
  else cycle.pausedMs += businessMs;
  cycle.segments.push({ from, to, clock: cycle.clock, businessMs });
  cycle.cursor = to;
}

function newCycle(target: CompiledTarget, record: Readonly<Record<string, unknown>>, at: number, durationMs: number, first: boolean, calendar: CalendarIndex): CycleState {
  let startedAt = at;
  // A retroactive first cycle counts from an instant field of the record (its opening), as
  // running time: the target applied from then, whatever the record's state was.
  const field = target.definition.retroactiveStart;
  if (first && field !== undefined) {
    const instant = instantIn(readField(record, field));
    if (instant !== undefined && instant <= at) startedAt = instant;
  }
  const cycle: CycleState = { startedAt, cursor: startedAt, clock: 'running', end: null, durationMs, durationSince: startedAt, elapsedMs: 0, pausedMs: 0, segments: [] };
  accumulate(cycle, at, calendar);
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
  else if (value instanceof Date) ms = value.getTime();
  return ms !== undefined && ms >= HORIZON_START_MS && ms <= HORIZON_END_MS ? ms : undefined;
}

function readField(record: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** What a target's conditions say of one version. */
interface Reading {
  readonly cancelled: boolean;
  readonly stopped: boolean;
  /** The reset condition holds at this version. */
  readonly resetHolds: boolean;
  readonly paused: boolean;
  /** The reset condition became true at this version (it was false at the one before). */
  readonly resetEdge: boolean;
  /** The duration for the version's priority; undefined when it has none. */
  readonly durationMs: number | undefined;
  /** A cycle may start (or resume) here: applies, starts, not stopped or cancelled, has a duration. */
  readonly starts: boolean;
}

function readVersion(target: CompiledTarget, resetHeld: boolean, view: View): Reading {
  const resetHolds = holds(target.reset, view);
  const resetEdge = resetHolds && !resetHeld;
  const durationMs = target.durationFor(view.record);
  const cancelled = holds(target.cancel, view);
  const stopped = holds(target.stop, view);
  const starts = !stopped && !cancelled && durationMs !== undefined && (target.appliesTo === undefined || holds(target.appliesTo, view)) && holds(target.start, view);
  return { cancelled, stopped, paused: holds(target.pause, view), resetHolds, resetEdge, durationMs, starts };
}

/** What a step at one version needs to begin a cycle, passed down rather than closed over. */
interface StepAt {
  readonly target: CompiledTarget;
  readonly state: TargetState;
  readonly reading: Reading;
  readonly record: Readonly<Record<string, unknown>>;
  readonly at: number;
  readonly calendar: CalendarIndex;
}

/** Begins a cycle at the version, when the target starts there. */
function begin(step: StepAt): void {
  const { reading, state } = step;
  if (!reading.starts) return;
  const cycle = newCycle(step.target, step.record, step.at, reading.durationMs!, state.cycles.length === 0, step.calendar);
  cycle.clock = reading.paused ? 'paused' : 'running';
  state.cycles.push(cycle);
}

function stepTarget(target: CompiledTarget, stepping: SteppingState, view: View, at: number, calendar: CalendarIndex): void {
  const before = stepping.targets[target.index]!;
  const reading = readVersion(target, before.resetHeld, view);
  const closed = before.cycles.length === 0 || before.cycles[before.cycles.length - 1]!.end !== null;
  // Without an open cycle, a version that starts none and moves no reset edge changes nothing,
  // so a state shared with the step before stays shared.
  if (closed && !reading.starts && reading.resetHolds === before.resetHeld) return;
  const state = writableTarget(stepping, target.index);
  // Kept whether or not a cycle is open: an edge is measured against the version before.
  state.resetHeld = reading.resetHolds;
  const cycles = state.cycles;
  const last = cycles.length === 0 ? undefined : cycles[cycles.length - 1];
  const open = last !== undefined && last.end === null ? last : undefined;
  // The stretch since the version before is counted in the clock that version set.
  if (open !== undefined) accumulate(open, at, calendar);
  const step: StepAt = { target, state, reading, record: view.record, at, calendar };
  if (open !== undefined) stepOpenCycle(step, open);
  else if (reading.starts && last?.end?.reason === 'met' && target.onReopen === 'resume') reopen(step, last);
  else begin(step);
}

/** An open cycle at a version: cancel, else stop, else a reset edge, else a new duration. */
function stepOpenCycle(step: StepAt, open: CycleState): void {
  const { reading, at } = step;
  const { durationMs } = reading;
  const newDuration = durationMs !== undefined && durationMs !== open.durationMs;
  if (reading.cancelled) open.end = { at, reason: 'cancelled' };
  else if (reading.stopped) open.end = { at, reason: 'met' };
  else if (reading.resetEdge || (newDuration && step.target.onDurationChange === 'restart')) {
    open.end = { at, reason: reading.resetEdge ? 'reset' : 'restart' };
    begin(step);
  } else {
    // Retarget: elapsed and paused time stay; the new target counts from this instant.
    if (newDuration) retarget(open, durationMs, at);
    open.clock = reading.paused ? 'paused' : 'running';
  }
}

/**
 * A reopen under `resume`: the met cycle runs on, and the time it was met is a stopped
 * stretch, not counted. A new duration on the reopened record is a priority change like any
 * other: it retargets the resumed cycle, or under `restart` leaves the met cycle met and begins
 * a new one.
 */
function reopen(step: StepAt, met: CycleState): void {
  const { reading, at } = step;
  const durationMs = reading.durationMs!;
  if (durationMs !== met.durationMs && step.target.onDurationChange === 'restart') {
    begin(step);
    return;
  }
  const gapFrom = met.end!.at;
  if (at > gapFrom) met.segments.push({ from: gapFrom, to: at, clock: 'stopped', businessMs: businessMsBetween(step.calendar, gapFrom, at) });
  met.end = null;
  met.cursor = at;
  met.clock = reading.paused ? 'paused' : 'running';
  if (durationMs !== met.durationMs) retarget(met, durationMs, at);
}

function retarget(cycle: CycleState, durationMs: number, at: number): void {
  cycle.durationMs = durationMs;
  cycle.durationSince = at;
}

/**
 * Advances a state by one version, mutating it: the caller owns it, or a target is copied
 * before it is written (see `writableTarget`). @internal
 */
export function stepSla(policy: CompiledPolicy, state: SteppingState, record: Readonly<Record<string, unknown>>, at: number, calendars: TargetCalendars): void {
  // Conditions see the version and, under `previous`, the one before it.
  const view: View = { record, previous: state.previous ?? undefined };
  for (const target of policy.targets) stepTarget(target, state, view, at, calendars[target.index]!);
  state.lastAt = at;
  state.previous = record;
}

/** A fresh state for a policy. @internal */
export function initialSlaState(policy: CompiledPolicy): SteppingState {
  return { policyId: policy.definition.id, lastAt: null, previous: null, targets: policy.targets.map((target) => ({ targetId: target.definition.id, cycles: [], resetHeld: false })), before: null };
}

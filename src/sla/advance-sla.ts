import { businessTimeBetween } from '../calendar/business-time-between';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { evaluateCondition, type CompiledCondition } from '../core/condition';
import { Instant } from '../core/record-fields.schema';
import type { CompiledPolicy, CompiledTarget } from './sla-policy';
import type { CycleState, SlaState, TargetState } from './sla-state';

/** The calendar of each target, resolved once per call. @internal */
export type TargetCalendars = readonly BusinessCalendar[];

const holds = (condition: CompiledCondition | undefined, view: object): boolean => condition !== undefined && evaluateCondition(condition, view);

/** Accumulates a cycle's business time from its cursor to `to`, in the clock it is in. @internal */
export function accumulate(cycle: CycleState, to: number, calendar: BusinessCalendar): void {
  const from = cycle.cursor;
  if (to <= from) return;
  const businessMs = businessTimeBetween(calendar, new Date(from), new Date(to));
  if (cycle.clock === 'running') cycle.elapsedMs += businessMs;
  else cycle.pausedMs += businessMs;
  cycle.segments.push({ from, to, clock: cycle.clock, businessMs });
  cycle.cursor = to;
}

function newCycle(target: CompiledTarget, record: Readonly<Record<string, unknown>>, at: number, durationMs: number, first: boolean, calendar: BusinessCalendar): CycleState {
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
  if (typeof value === 'string') ms = Instant.safeParse(value).success ? Date.parse(value) : undefined;
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
  readonly paused: boolean;
  /** The reset condition became true at this version (it was false at the one before). */
  readonly resetEdge: boolean;
  /** The duration for the version's priority; undefined when it has none. */
  readonly durationMs: number | undefined;
  /** A cycle may start (or resume) here: applies, starts, not stopped or cancelled, has a duration. */
  readonly starts: boolean;
}

function readVersion(target: CompiledTarget, state: TargetState, view: Readonly<Record<string, unknown>>, record: Readonly<Record<string, unknown>>): Reading {
  const resetHolds = holds(target.reset, view);
  const resetEdge = resetHolds && !state.resetHeld;
  // Kept whether or not a cycle is open: an edge is measured against the version before.
  state.resetHeld = resetHolds;
  const durationMs = target.durationFor(record);
  const cancelled = holds(target.cancel, view);
  const stopped = evaluateCondition(target.stop, view);
  const starts =
    !stopped && !cancelled && durationMs !== undefined && (target.appliesTo === undefined || evaluateCondition(target.appliesTo, view)) && evaluateCondition(target.start, view);
  return { cancelled, stopped, paused: holds(target.pause, view), resetEdge, durationMs, starts };
}

function stepTarget(target: CompiledTarget, state: TargetState, view: Readonly<Record<string, unknown>>, record: Readonly<Record<string, unknown>>, at: number, calendar: BusinessCalendar): void {
  const last = state.cycles.at(-1);
  const open = last !== undefined && last.end === null ? last : undefined;
  // The stretch since the version before is counted in the clock that version set.
  if (open !== undefined) accumulate(open, at, calendar);
  const reading = readVersion(target, state, view, record);
  const begin = (): void => {
    if (!reading.starts) return;
    const cycle = newCycle(target, record, at, reading.durationMs!, state.cycles.length === 0, calendar);
    cycle.clock = reading.paused ? 'paused' : 'running';
    state.cycles.push(cycle);
  };
  if (open !== undefined) stepOpenCycle(target, open, reading, at, begin);
  else if (reading.starts && last?.end?.reason === 'met' && target.onReopen === 'resume') reopen(target, last, reading, at, calendar, begin);
  else begin();
}

/** An open cycle at a version: cancel, else stop, else a reset edge, else a new duration. */
function stepOpenCycle(target: CompiledTarget, open: CycleState, reading: Reading, at: number, begin: () => void): void {
  const { durationMs } = reading;
  const newDuration = durationMs !== undefined && durationMs !== open.durationMs;
  if (reading.cancelled) open.end = { at, reason: 'cancelled' };
  else if (reading.stopped) open.end = { at, reason: 'met' };
  else if (reading.resetEdge || (newDuration && target.onDurationChange === 'restart')) {
    open.end = { at, reason: reading.resetEdge ? 'reset' : 'restart' };
    begin();
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
function reopen(target: CompiledTarget, met: CycleState, reading: Reading, at: number, calendar: BusinessCalendar, begin: () => void): void {
  const durationMs = reading.durationMs!;
  if (durationMs !== met.durationMs && target.onDurationChange === 'restart') {
    begin();
    return;
  }
  const gapFrom = met.end!.at;
  if (at > gapFrom) met.segments.push({ from: gapFrom, to: at, clock: 'stopped', businessMs: businessTimeBetween(calendar, new Date(gapFrom), new Date(at)) });
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
 * Advances a state by one version, mutating it (the caller owns a fresh copy). @internal
 */
export function stepSla(policy: CompiledPolicy, state: { lastAt: number | null; previous: Readonly<Record<string, unknown>> | null; targets: TargetState[] }, record: Readonly<Record<string, unknown>>, at: number, calendars: TargetCalendars): void {
  // Conditions see the version and, under `previous`, the one before it.
  const view = { ...record, previous: state.previous ?? undefined };
  for (const target of policy.targets) stepTarget(target, state.targets[target.index]!, view, record, at, calendars[target.index]!);
  state.lastAt = at;
  state.previous = record;
}

/** A fresh state for a policy. @internal */
export function initialSlaState(policy: CompiledPolicy): { policyId: string; lastAt: number | null; previous: Readonly<Record<string, unknown>> | null; targets: TargetState[] } {
  return { policyId: policy.definition.id, lastAt: null, previous: null, targets: policy.targets.map((target) => ({ targetId: target.definition.id, cycles: [], resetHeld: false })) };
}

/** A deep copy of a state, for a step that must not change its input. @internal */
export function copySlaState(state: SlaState): { policyId: string; lastAt: number | null; previous: Readonly<Record<string, unknown>> | null; targets: TargetState[] } {
  return {
    policyId: state.policyId,
    lastAt: state.lastAt,
    previous: state.previous,
    targets: state.targets.map((target) => ({
      targetId: target.targetId,
      resetHeld: target.resetHeld,
      cycles: target.cycles.map((cycle) => ({ ...cycle, end: cycle.end === null ? null : { ...cycle.end }, segments: [...cycle.segments] })),
    })),
  };
}

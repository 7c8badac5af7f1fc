import { businessTimeBetween } from '../calendar/business-time-between';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { evaluateCondition, type CompiledCondition } from '../core/condition';
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
    const value = readField(record, field);
    const instant = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isFinite(instant) && instant <= at) startedAt = instant;
  }
  const cycle: CycleState = { startedAt, cursor: startedAt, clock: 'running', end: null, durationMs, durationSince: startedAt, elapsedMs: 0, pausedMs: 0, segments: [] };
  accumulate(cycle, at, calendar);
  return cycle;
}

function readField(record: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function stepTarget(target: CompiledTarget, state: TargetState, view: Readonly<Record<string, unknown>>, record: Readonly<Record<string, unknown>>, at: number, calendar: BusinessCalendar): void {
  const last = state.cycles.at(-1);
  const open = last !== undefined && last.end === null ? last : undefined;
  if (open !== undefined) accumulate(open, at, calendar);

  const resetHolds = holds(target.reset, view);
  const resetEdge = resetHolds && !state.resetHeld;
  state.resetHeld = resetHolds;
  const durationMs = target.durationFor(record);
  const cancelled = holds(target.cancel, view);
  const stopped = evaluateCondition(target.stop, view);
  const paused = holds(target.pause, view);
  const startHolds = () => (target.appliesTo === undefined || evaluateCondition(target.appliesTo, view)) && evaluateCondition(target.start, view) && !stopped && !cancelled && durationMs !== undefined;
  const begin = (): void => {
    if (!startHolds()) return;
    const cycle = newCycle(target, record, at, durationMs!, state.cycles.length === 0, calendar);
    cycle.clock = paused ? 'paused' : 'running';
    state.cycles.push(cycle);
  };

  if (open !== undefined) {
    if (cancelled) open.end = { at, reason: 'cancelled' };
    else if (stopped) open.end = { at, reason: 'met' };
    else if (resetEdge) {
      open.end = { at, reason: 'reset' };
      begin();
    } else if (durationMs !== undefined && durationMs !== open.durationMs && target.onDurationChange === 'restart') {
      open.end = { at, reason: 'restart' };
      begin();
    } else {
      if (durationMs !== undefined && durationMs !== open.durationMs) {
        open.durationMs = durationMs;
        open.durationSince = at;
      }
      open.clock = paused ? 'paused' : 'running';
    }
    return;
  }
  if (!startHolds()) return;
  if (last !== undefined && last.end?.reason === 'met' && target.onReopen === 'resume') {
    // A reopen: the met cycle runs on; the time it was met is a stopped stretch, not counted.
    const gapFrom = last.end.at;
    if (at > gapFrom) last.segments.push({ from: gapFrom, to: at, clock: 'stopped', businessMs: businessTimeBetween(calendar, new Date(gapFrom), new Date(at)) });
    last.end = null;
    last.cursor = at;
    last.clock = paused ? 'paused' : 'running';
    if (durationMs !== last.durationMs) {
      last.durationMs = durationMs!;
      last.durationSince = at;
    }
    return;
  }
  begin();
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

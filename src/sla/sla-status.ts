import { addBusinessTime } from '../calendar/add-business-time';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { businessTimeBetween } from '../calendar/business-time-between';
import { isItsmError } from '../core/itsm-error';
import type { CompiledPolicy, CompiledTarget } from './sla-policy';
import type { SlaCycle, SlaEvaluation, SlaThreshold } from './sla-evaluation';
import type { CycleState, SlaSegment, TargetState } from './sla-state';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Business ms a threshold needs: the least whole ms at or above `percent` of the target. */
const needFor = (durationMs: number, percent: number): number => Math.ceil((durationMs * percent) / 100);

/**
 * The instant elapsed business time first reached `need` over the cycle's running segments,
 * but not before `since` (a target cannot be missed before it is in force). @internal
 */
function crossingAt(segments: readonly SlaSegment[], need: number, since: number, calendar: BusinessCalendar): number | undefined {
  let elapsed = 0;
  for (const segment of segments) {
    if (segment.clock !== 'running') continue;
    if (elapsed + segment.businessMs >= need) {
      const at = need <= elapsed ? segment.from : addBusinessTime(calendar, new Date(segment.from), need - elapsed).getTime();
      return Math.max(at, since);
    }
    elapsed += segment.businessMs;
  }
  return need <= 0 ? since : undefined;
}

/** A cycle's figures at `now`, counting an open cycle on to `now` without changing the state. @internal */
export function cycleAt(target: CompiledTarget, state: CycleState, now: number, calendar: BusinessCalendar): SlaCycle {
  let cycle = state;
  if (state.end === null && now > state.cursor) {
    const businessMs = businessTimeBetweenMs(calendar, state.cursor, now);
    cycle = {
      ...state,
      cursor: now,
      elapsedMs: state.elapsedMs + (state.clock === 'running' ? businessMs : 0),
      pausedMs: state.pausedMs + (state.clock === 'paused' ? businessMs : 0),
      segments: [...state.segments, { from: state.cursor, to: now, clock: state.clock, businessMs }],
    };
  }
  const { durationMs, elapsedMs } = cycle;
  const breachedAtMs = elapsedMs >= durationMs ? crossingAt(cycle.segments, durationMs, cycle.durationSince, calendar) : undefined;
  const open = cycle.end === null;
  const running = open && cycle.clock === 'running';
  const ahead = (need: number): string | undefined => instantAhead(calendar, Math.max(cycle.cursor, now), need - elapsedMs);
  const thresholds: SlaThreshold[] = target.thresholds.map((percent) => {
    const need = needFor(durationMs, percent);
    const at = elapsedMs >= need ? crossingAt(cycle.segments, need, cycle.durationSince, calendar) : undefined;
    if (at !== undefined) return { percent, crossedAt: iso(at) };
    const dueAt = running ? ahead(need) : undefined;
    return dueAt === undefined ? { percent } : { percent, dueAt };
  });
  const breached = breachedAtMs !== undefined;
  let dueAt: string | undefined;
  if (open && breached) dueAt = iso(breachedAtMs);
  else if (running) dueAt = ahead(durationMs);
  const cycleState = !open ? (cycle.end!.reason === 'met' ? 'met' : 'cancelled') : breached ? 'breached' : cycle.clock;
  return {
    state: cycleState,
    startedAt: iso(cycle.startedAt),
    ...(open ? {} : { endedAt: iso(cycle.end!.at), endReason: cycle.end!.reason }),
    targetMs: durationMs,
    elapsedMs,
    pausedMs: cycle.pausedMs,
    remainingMs: Math.max(0, durationMs - elapsedMs),
    breached,
    ...(breachedAtMs === undefined ? {} : { breachedAt: iso(breachedAtMs) }),
    ...(dueAt === undefined ? {} : { dueAt }),
    thresholds,
    segments: cycle.segments.map((segment) => ({
      from: iso(segment.from),
      to: iso(segment.to),
      clock: segment.clock,
      businessMs: segment.businessMs,
      outsideHoursMs: segment.to - segment.from - segment.businessMs,
    })),
  };
}

/**
 * Where a running clock goes next: the instant `remainingMs` of business time after `from`, or
 * undefined when the calendar has too little business time left before the end of its horizon
 * (2200). The figures up to now still stand, so the evaluation answers without a due instant
 * rather than failing as a whole.
 */
function instantAhead(calendar: BusinessCalendar, from: number, remainingMs: number): string | undefined {
  try {
    return iso(addBusinessTime(calendar, new Date(from), remainingMs).getTime());
  } catch (error) {
    if (isItsmError(error) && error.code === 'out_of_range') return undefined;
    throw error;
  }
}

function businessTimeBetweenMs(calendar: BusinessCalendar, from: number, to: number): number {
  return businessTimeBetween(calendar, new Date(from), new Date(to));
}

/** The evaluation of a state at `now`. @internal */
export function statusOf(policy: CompiledPolicy, targets: readonly TargetState[], now: number, calendars: readonly BusinessCalendar[]): SlaEvaluation {
  return {
    policyId: policy.definition.id,
    now: iso(now),
    targets: policy.targets.map((target) => ({
      targetId: target.definition.id,
      metric: target.definition.metric,
      agreement: target.definition.agreement ?? 'sla',
      calendar: target.definition.calendar,
      cycles: targets[target.index]!.cycles.map((cycle) => cycleAt(target, cycle, now, calendars[target.index]!)),
    })),
  };
}

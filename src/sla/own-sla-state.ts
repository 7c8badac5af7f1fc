import type { CycleState, SlaState, TargetState } from './sla-state';

/**
 * A state a step of this library made. It is frozen, and carries a brand no other object can
 * have (a private field), so a later step or reading can take it as it is instead of checking
 * every cycle and segment again, and can share its earlier cycles instead of copying them. Any
 * other state — read back from storage, copied, built by hand — is checked and copied whole.
 * It serialises as the plain object `SlaState` describes. @internal
 */
export class OwnSlaState implements SlaState {
  readonly #own = true;

  constructor(
    readonly policyId: string,
    readonly lastAt: number | null,
    readonly previous: Readonly<Record<string, unknown>> | null,
    readonly targets: readonly TargetState[],
  ) {}

  /** Whether `value` is a state this library made. */
  static is(value: unknown): value is OwnSlaState {
    return typeof value === 'object' && value !== null && #own in value && value.#own;
  }
}

/** The state while a step writes it: the fields of {@link SlaState}, writable. @internal */
export interface SteppingState {
  policyId: string;
  lastAt: number | null;
  previous: Readonly<Record<string, unknown>> | null;
  targets: TargetState[];
}

/**
 * What of a stepping state is shared with the state it came from, per target: the cycles before
 * `cycles`, and of the cycle at `cycles` the segments before `segments`. Those are frozen
 * already; everything after them is new.
 */
type Shared = readonly { readonly cycles: number; readonly segments: number }[];

/** A copy of a cycle a step may write. Its `end` is replaced, never written, so it is shared. */
function writableCycle(cycle: CycleState): CycleState {
  const from = cycle.segments;
  // A loop, not slice(): V8 copies a frozen array through a slow path, twenty times slower.
  const segments = new Array<CycleState['segments'][number]>(from.length);
  for (let index = 0; index < from.length; index++) segments[index] = from[index]!;
  return {
    startedAt: cycle.startedAt,
    cursor: cycle.cursor,
    clock: cycle.clock,
    end: cycle.end,
    durationMs: cycle.durationMs,
    durationSince: cycle.durationSince,
    elapsedMs: cycle.elapsedMs,
    pausedMs: cycle.pausedMs,
    segments,
  };
}

/**
 * A state a step may write, from one of ours: a step changes only a target's last cycle
 * (accumulating, ending or reopening it) and appends cycles, so the cycles before the last are
 * shared, and so are the segments the last one has. @internal
 */
export function successorOf(state: OwnSlaState): { next: SteppingState; shared: Shared } {
  const shared: { cycles: number; segments: number }[] = [];
  const targets = state.targets.map((target) => {
    const from = target.cycles;
    const cycles = new Array<CycleState>(from.length);
    for (let index = 0; index < from.length - 1; index++) cycles[index] = from[index]!;
    const last = from.length - 1;
    if (last >= 0) cycles[last] = writableCycle(from[last]!);
    shared.push({ cycles: Math.max(0, last), segments: last >= 0 ? from[last]!.segments.length : 0 });
    return { targetId: target.targetId, resetHeld: target.resetHeld, cycles };
  });
  return { next: { policyId: state.policyId, lastAt: state.lastAt, previous: state.previous, targets }, shared };
}

/**
 * A deep copy of a state from outside, sharing nothing with it: the copy is frozen afterwards,
 * which must not freeze the caller's objects. @internal
 */
export function copyOf(state: SlaState): { next: SteppingState; shared: Shared } {
  const next: SteppingState = {
    policyId: state.policyId,
    lastAt: state.lastAt,
    previous: state.previous,
    targets: state.targets.map((target) => ({
      targetId: target.targetId,
      resetHeld: target.resetHeld,
      cycles: target.cycles.map((cycle) => ({ ...cycle, end: cycle.end === null ? null : { ...cycle.end }, segments: cycle.segments.map((segment) => ({ ...segment })) })),
    })),
  };
  return nothingShared(next);
}

/** A stepping state that shares nothing with a state before it: a fresh one, or a copy. @internal */
export function nothingShared(next: SteppingState): { next: SteppingState; shared: Shared } {
  return { next, shared: next.targets.map(() => ({ cycles: 0, segments: 0 })) };
}

/** Freezes what a step made (all that is not shared) and brands the result as ours. @internal */
export function ownState(state: SteppingState, shared: Shared): OwnSlaState {
  const targets = state.targets;
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t]!;
    const { cycles: sharedCycles, segments: sharedSegments } = shared[t]!;
    const cycles = target.cycles;
    for (let c = sharedCycles; c < cycles.length; c++) {
      const cycle = cycles[c]!;
      const segments = cycle.segments;
      for (let s = c === sharedCycles ? sharedSegments : 0; s < segments.length; s++) Object.freeze(segments[s]);
      Object.freeze(segments);
      if (cycle.end !== null) Object.freeze(cycle.end);
      Object.freeze(cycle);
    }
    Object.freeze(cycles);
    Object.freeze(target);
  }
  Object.freeze(targets);
  const own = new OwnSlaState(state.policyId, state.lastAt, state.previous, targets);
  Object.freeze(own);
  return own;
}

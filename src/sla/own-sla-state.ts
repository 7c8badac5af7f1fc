import type { CompiledPolicy } from './sla-policy';
import type { CycleState, SlaState, TargetState } from './sla-state';

/**
 * A state a step of this library made. It is frozen, and carries a brand no other object can
 * have (a private field), so a later step or reading can take it as it is instead of checking
 * every cycle and segment again, and can share its earlier cycles instead of copying them. Any
 * other state — read back from storage, copied, built by hand — is checked and copied whole.
 * It serialises as the plain object `SlaState` describes. @internal
 */
export class OwnSlaState implements SlaState {
  /** The policy the step that made it ran under: a state of that very policy needs no other check. */
  readonly #policy: CompiledPolicy;

  constructor(
    policy: CompiledPolicy,
    readonly policyId: string,
    readonly lastAt: number | null,
    readonly previous: Readonly<Record<string, unknown>> | null,
    readonly targets: readonly TargetState[],
  ) {
    this.#policy = policy;
  }

  /** Whether `value` is a state this library made. */
  static is(value: unknown): value is OwnSlaState {
    return typeof value === 'object' && value !== null && #policy in value;
  }

  /** Whether a state of ours was made under `policy` itself, so that its targets are the policy's. */
  static madeUnder(state: OwnSlaState, policy: CompiledPolicy): boolean {
    return state.#policy === policy;
  }
}

/** The state while a step writes it: the fields of {@link SlaState}, writable. @internal */
export interface SteppingState {
  policyId: string;
  lastAt: number | null;
  previous: Readonly<Record<string, unknown>> | null;
  /** The targets: until a step first writes one, the frozen `before` itself (see {@link writableTarget}). */
  targets: TargetState[];
  /**
   * The targets of the frozen state this one came from, or null when it shares nothing. A
   * target still the same object as there is untouched; a step copies it when it first writes
   * it (see {@link writableTarget}).
   */
  readonly before: readonly TargetState[] | null;
}

/**
 * A copy of a cycle a step may write. Its `end` is replaced, never written, so it is shared; so
 * is a short list of segments, which is never written in place (see {@link appendedTo}). @internal
 */
export function writableCycle(cycle: CycleState): CycleState {
  const from = cycle.segments;
  // A loop, not slice(): V8 copies a frozen array through a slow path, twenty times slower.
  const segments = from.length < SHORT_LIST ? from : copyOfList(from);
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
 * The target at `index`, ready to be written. A step changes only a target's last cycle
 * (accumulating, ending or reopening it) and appends cycles, so a copy shares the cycles before
 * the last, and the segments the last one has. Most steps leave a target without an open cycle
 * (a met response clock) as it was, so it is copied only here, on its first write. @internal
 */
export function writableTarget(state: SteppingState, index: number): TargetState {
  const { before } = state;
  const target = state.targets[index]!;
  if (before === null || target !== before[index]) return target;
  // The first write of the step: the list of targets becomes the state's own.
  if (state.targets === before) state.targets = copyOfList(before);
  const cycles = copyOfList(target.cycles);
  const last = cycles.length - 1;
  if (last >= 0) cycles[last] = writableCycle(cycles[last]!);
  const copy = { targetId: target.targetId, resetHeld: target.resetHeld, cycles };
  state.targets[index] = copy;
  return copy;
}

/**
 * Below this length a list of cycles or segments grows by a copy one longer, never in place:
 * V8 grows a full array by half its length plus sixteen slots, so the first push onto a list
 * of one left room for seventeen, and most lists never pass three. A short list is therefore
 * never written in place, and a copy of a cycle may share it. @internal
 */
export const SHORT_LIST = 16;

/**
 * `list` with `item` appended, as the list to keep: a copy one longer while the list is short,
 * else the list itself, pushed onto (it is the writer's own: a long one is copied whole before
 * it is written). @internal
 */
export function appendedTo<T>(list: T[], item: T): T[] {
  const length = list.length;
  if (length >= SHORT_LIST) {
    list.push(item);
    return list;
  }
  const longer = new Array<T>(length + 1);
  for (let index = 0; index < length; index++) longer[index] = list[index]!;
  longer[length] = item;
  return longer;
}

/** `list` with its last item replaced, as the list to keep, by the same rule as {@link appendedTo}. @internal */
export function withLastReplaced<T>(list: T[], item: T): T[] {
  const length = list.length;
  const kept = length >= SHORT_LIST ? list : copyOfList(list);
  kept[length - 1] = item;
  return kept;
}

/** A copy of a list, by a loop: V8 copies a frozen array through a slow path. */
function copyOfList<T>(from: readonly T[]): T[] {
  const copy = new Array<T>(from.length);
  for (let index = 0; index < from.length; index++) copy[index] = from[index]!;
  return copy;
}

/**
 * A state a step may write, from one of ours, sharing all of it until written: most steps
 * write no target, so even the list of targets is copied only on the first write.
 * @internal
 */
export function successorOf(state: OwnSlaState): SteppingState {
  const before = state.targets;
  return { policyId: state.policyId, lastAt: state.lastAt, previous: state.previous, targets: before as TargetState[], before };
}

/**
 * A deep copy of a state from outside, sharing nothing with it: the copy is frozen afterwards,
 * which must not freeze the caller's objects. @internal
 */
export function copyOf(state: SlaState): SteppingState {
  return {
    policyId: state.policyId,
    lastAt: state.lastAt,
    previous: state.previous,
    targets: state.targets.map((target) => ({
      targetId: target.targetId,
      resetHeld: target.resetHeld,
      cycles: target.cycles.map((cycle) => ({ ...cycle, end: cycle.end === null ? null : { ...cycle.end }, segments: cycle.segments.map((segment) => ({ ...segment })) })),
    })),
    before: null,
  };
}

/** Freezes what a step made (all that is not shared) and brands the result as ours. @internal */
export function ownState(state: SteppingState, policy: CompiledPolicy): OwnSlaState {
  const { targets, before } = state;
  let written = before === null;
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t]!;
    const was = before?.[t];
    if (target === was) continue;
    written = true;
    // A copy shares the cycles before its last one, and the segments that one had then, up to
    // the first that differs (a step may replace the last one: see `appendStretch`).
    const sharedCycles = was === undefined ? 0 : Math.max(0, was.cycles.length - 1);
    const wasSegments = was === undefined || was.cycles.length === 0 ? [] : was.cycles[sharedCycles]!.segments;
    const cycles = target.cycles;
    for (let c = sharedCycles; c < cycles.length; c++) {
      const cycle = cycles[c]!;
      const segments = cycle.segments;
      let s = 0;
      if (c === sharedCycles) while (s < segments.length && s < wasSegments.length && segments[s] === wasSegments[s]) s++;
      for (; s < segments.length; s++) Object.freeze(segments[s]);
      Object.freeze(segments);
      if (cycle.end !== null) Object.freeze(cycle.end);
      Object.freeze(cycle);
    }
    Object.freeze(cycles);
    Object.freeze(target);
  }
  // A version that turns no clock writes no target: the targets before are the targets now.
  const frozenTargets = written ? Object.freeze(targets) : before!;
  const own = new OwnSlaState(policy, state.policyId, state.lastAt, state.previous, frozenTargets);
  Object.freeze(own);
  return own;
}

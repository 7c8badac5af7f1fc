/**
 * How a clock stood between two instants: counting (`running`), `paused`, or `stopped` (a met
 * cycle later resumed by a reopen: the time it was met does not count).
 */
export type SlaClock = 'running' | 'paused' | 'stopped';

/** Why a cycle ended. `reset` and `restart` end a cycle to begin a new one. */
export type SlaCycleEnd = 'met' | 'cancelled' | 'reset' | 'restart';

/** A stretch of a cycle in one clock: from where its clock last turned to where it turned again (or, in an evaluation, to `now`). */
export interface SlaSegment {
  readonly from: number;
  readonly to: number;
  readonly clock: SlaClock;
  /** Business time in the stretch, on the target's calendar. */
  readonly businessMs: number;
}

/** A cycle as the incremental state keeps it: plain JSON, opaque to callers. */
export interface CycleState {
  startedAt: number;
  /** Business time is accumulated up to here. */
  cursor: number;
  clock: 'running' | 'paused';
  end: { at: number; reason: SlaCycleEnd } | null;
  durationMs: number;
  /** When the current duration took effect: the start, or the last retarget. */
  durationSince: number;
  elapsedMs: number;
  pausedMs: number;
  segments: SlaSegment[];
}

/** One target's clock in the incremental state: its cycles, the last one open or not. Opaque to callers. */
export interface TargetState {
  readonly targetId: string;
  cycles: CycleState[];
  /** Whether the target's reset condition held at the previous version (resets fire on its edge). */
  resetHeld: boolean;
}

/**
 * The state of a record's SLA clocks after some versions, for the incremental form: keep it
 * beside the record, pass it to `advanceSla` with each new version, and read it with
 * `slaStatus`. Plain JSON; treat it as opaque. The states `advanceSla` returns are frozen; one
 * read back from storage is checked and copied before a step.
 */
export interface SlaState {
  readonly policyId: string;
  /** The instant of the last version, in ms since the epoch; null before the first. */
  readonly lastAt: number | null;
  /** The last version, which conditions see as `previous`. */
  readonly previous: Readonly<Record<string, unknown>> | null;
  readonly targets: readonly TargetState[];
}

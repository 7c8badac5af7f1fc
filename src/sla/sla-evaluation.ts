import type { Instant } from '../core/record-fields.schema';
import type { SlaClock, SlaCycleEnd } from './sla-state';

/**
 * Where a cycle stands: counting (`running`), `paused`, ended on time or late (`met`), ended
 * without being met (`cancelled`, also for a cycle ended by a reset or restart), or open and past
 * its target (`breached`, whether running or paused).
 */
export type SlaCycleState = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

/** A stretch of a cycle in one clock, from where the clock turned to where it turned again, the cycle ended, or `now`. */
export interface SlaTimelineSegment {
  readonly from: Instant;
  readonly to: Instant;
  /** Counted (`running`), `paused`, or `stopped` (met, then resumed by a reopen). */
  readonly clock: SlaClock;
  /** Business time in the stretch, on the target's calendar: elapsed if running, paused time if paused. */
  readonly businessMs: number;
  /** The rest of the stretch: time outside the calendar's hours, counted nowhere. */
  readonly outsideHoursMs: number;
}

/** A warning threshold of a cycle: its percentage, and when it was crossed, if it was. */
export interface SlaThreshold {
  readonly percent: number;
  /** The instant elapsed business time reached this share of the target; undefined while not reached. */
  readonly crossedAt?: Instant;
  /**
   * For an open, running cycle: when it will be reached if the clock keeps running; undefined
   * when the calendar has too little business time left before 2200 to reach it.
   */
  readonly dueAt?: Instant;
}

/** One cycle of a target: from a start to a stop, cancel or reset, or still open. */
export interface SlaCycle {
  readonly state: SlaCycleState;
  readonly startedAt: Instant;
  /** When and why it ended; undefined while open. */
  readonly endedAt?: Instant;
  readonly endReason?: SlaCycleEnd;
  /** The target it is measured against: the duration in force now (after any retarget). */
  readonly targetMs: number;
  /** Counted business time. Never more than the wall time since the start. */
  readonly elapsedMs: number;
  /** Business time while paused, on the target's calendar. */
  readonly pausedMs: number;
  /** Target minus elapsed, not below zero. */
  readonly remainingMs: number;
  /** Whether elapsed reached the target (also for an ended cycle: met late). */
  readonly breached: boolean;
  /** The exact instant elapsed reached the target (not before the target took effect). */
  readonly breachedAt?: Instant;
  /**
   * When an open, running cycle will breach if it keeps running: the breach instant when already
   * breached; undefined while paused, once ended, or when the calendar has too little business
   * time left before 2200 to reach the target.
   */
  readonly dueAt?: Instant;
  /** The warning thresholds, each crossed or not. */
  readonly thresholds: readonly SlaThreshold[];
  /**
   * The cycle's timeline: a stretch per turn of its clock, in order, tiling the cycle from
   * `startedAt` to `endedAt` (or `now`). Two in a row never stand in the same clock.
   */
  readonly segments: readonly SlaTimelineSegment[];
}

/** The cycles of one target of the policy. */
export interface SlaTargetResult {
  readonly targetId: string;
  readonly metric: string;
  readonly agreement: 'sla' | 'ola' | 'uc';
  readonly calendar: string;
  /** Oldest first; the last is the current one. Empty when the target never started. */
  readonly cycles: readonly SlaCycle[];
}

/** A record's SLAs at `now`: every target's cycles. */
export interface SlaEvaluation {
  readonly policyId: string;
  readonly now: Instant;
  readonly targets: readonly SlaTargetResult[];
}

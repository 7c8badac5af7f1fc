import { z } from 'zod';
import { Condition, FieldPath } from '../core/condition.schema';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { error: 'must be 1 to 128 letters, digits, _ . : or -, starting with a letter or digit' });
/** The longest target: ten years of business time, far beyond any real agreement. */
const MAX_DURATION_MS = 10 * 366 * 86_400_000;
const Duration = z.int({ error: 'must be a whole number of milliseconds' }).min(1, { error: 'must be at least 1 ms' }).max(MAX_DURATION_MS);

/**
 * How long a target gives: a fixed business duration, or one per priority (the record's
 * `priority` field, read at every version) with an optional default for other priorities.
 */
export const SlaDuration = z.union([
  z.strictObject({ ms: Duration }),
  z.strictObject({
    byPriority: z.record(z.string().regex(/^-?\d{1,3}$/, { error: 'must be a priority value such as 1' }), Duration),
    default: Duration.optional(),
  }),
]);
/** How long a target gives. */
export type SlaDuration = z.infer<typeof SlaDuration>;

/**
 * One target of a policy: a clock on a metric (`response`, `resolution`, or any name) for the
 * records it applies to, on a business calendar, driven by conditions over each version of the
 * record. Conditions see the version's fields and, under `previous`, the version before it, so
 * an edge such as a reopen reads `{ all: [{ field: 'previous.state', eq: 'resolved' }, { field:
 * 'state', eq: 'in_progress' }] }`.
 */
export const SlaTargetDefinition = z.strictObject({
  /** Unique within the policy; names the target in results. */
  id: Id,
  /** What is measured: `response`, `resolution`, or a name of the host's. */
  metric: z.string().min(1).max(64),
  /** Whether the target is an SLA (to the customer), an OLA (between teams) or an underpinning contract. */
  agreement: z.enum(['sla', 'ola', 'uc']).optional(),
  /**
   * The records it applies to; all records when omitted. Checked where a cycle would start: a
   * running cycle goes on when it stops holding (end it with `cancel` if it should stop).
   */
  appliesTo: Condition.optional(),
  duration: SlaDuration,
  /** The id of the business calendar the clock runs on (given to evaluation in `calendars`). */
  calendar: Id,
  /** A cycle starts at the first version where this holds (and stop does not). */
  start: Condition,
  /** The clock is paused at versions where this holds. Paused time is measured on the target's calendar. */
  pause: Condition.optional(),
  /** The cycle is met (stops) at the first version where this holds; it wins over pause. */
  stop: Condition,
  /** The cycle is cancelled at the first version where this holds. */
  cancel: Condition.optional(),
  /** When this becomes true (it was false at the version before), the cycle ends and a new one starts. */
  reset: Condition.optional(),
  /**
   * When a met cycle's stop condition stops holding while the start condition holds (a reopen):
   * `resume` continues the met cycle, not counting the time it was met; `new_cycle` starts a new
   * one. `new_cycle` by default.
   */
  onReopen: z.enum(['resume', 'new_cycle']).optional(),
  /** Warning thresholds in percent of the target, ascending; [50, 75, 100] by default. */
  thresholds: z.array(z.number().gt(0).max(1000)).max(20).optional(),
  /**
   * Count the first cycle from this instant field of the record (e.g. `openedAt`) instead of
   * from the version where the start condition first held.
   */
  retroactiveStart: FieldPath.optional(),
  /**
   * What a change of the duration (a new priority) does to a running cycle: `retarget` keeps its
   * elapsed and paused time against the new duration; `restart` begins a new cycle. `retarget`
   * by default.
   */
  onDurationChange: z.enum(['retarget', 'restart']).optional(),
});
/** One target of a policy. */
export type SlaTargetDefinition = z.infer<typeof SlaTargetDefinition>;

/** An SLA policy: targets, as data a vendor stores and edits. */
export const SlaPolicyDefinition = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  targets: z.array(SlaTargetDefinition).min(1).max(100),
});
/** An SLA policy, as data. */
export type SlaPolicyDefinition = z.infer<typeof SlaPolicyDefinition>;

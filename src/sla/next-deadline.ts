import type { Instant } from '../core/record-fields.schema';
import type { SlaEvaluation } from './sla-evaluation';
import { slaEvaluationArgument, type ReportedTarget } from './sla-evaluation-argument';

/** The next instant the host's scheduler should look at a record again. */
export interface SlaDeadline {
  readonly at: Instant;
  readonly targetId: string;
  /** A warning threshold (`percent` below 100), or the breach. */
  readonly kind: 'threshold' | 'breach';
  readonly percent: number;
}

/**
 * The earliest future threshold or breach of any running cycle in an evaluation: when to
 * evaluate the record again if nothing else changes it. A breached cycle that still runs has
 * its thresholds above 100 % ahead (an escalation at 150 %, say); paused and ended cycles
 * have none.
 *
 * @param evaluation - from `evaluateSla` or `slaStatus`
 * @returns the deadline, or undefined when no clock is running toward one
 * @throws {@link ValidationError} for something that is not an evaluation
 *
 * @example
 * ```ts
 * const next = nextDeadline(evaluateSla(policy, history, { calendars, now }));
 * if (next) scheduler.at(next.at, () => recheck(record.id));
 * ```
 */
export function nextDeadline(evaluation: SlaEvaluation): SlaDeadline | undefined {
  // A checked copy of the parts read here: nothing of the caller's is read again.
  const checked = slaEvaluationArgument(evaluation, ['evaluation']);
  let next: SlaDeadline | undefined;
  for (const target of checked.targets) {
    for (const deadline of deadlinesOf(target)) {
      // Strictly after now: a breach already reached is not something to wake up for.
      if (deadline.at > checked.now && (next === undefined || deadline.at < next.at)) next = deadline;
    }
  }
  return next;
}

/**
 * The instants ahead of a target's current cycle. Only an open, running clock has any (a
 * breached one too, for thresholds above 100 %); paused and ended cycles carry none, so no
 * state needs checking here.
 */
function deadlinesOf(target: ReportedTarget): SlaDeadline[] {
  const cycle = target.cycles.at(-1);
  if (cycle === undefined) return [];
  const deadlines: SlaDeadline[] = [];
  for (const { percent, dueAt } of cycle.thresholds) {
    if (dueAt !== undefined) deadlines.push({ at: dueAt, targetId: target.targetId, kind: percent >= 100 && cycle.dueAt === dueAt ? 'breach' : 'threshold', percent });
  }
  if (cycle.dueAt !== undefined) deadlines.push({ at: cycle.dueAt, targetId: target.targetId, kind: 'breach', percent: 100 });
  return deadlines;
}

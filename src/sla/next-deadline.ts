import type { Instant } from '../core/record-fields.schema';
import { issue, ValidationError } from '../core/validation-error';
import type { SlaEvaluation } from './sla-evaluation';

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
 * evaluate the record again if nothing else changes it. Paused and ended cycles have none.
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
  if (typeof evaluation !== 'object' || evaluation === null || !Array.isArray(evaluation.targets)) {
    throw new ValidationError([issue(['evaluation'], 'must be an evaluation from evaluateSla() or slaStatus()')], 'argument');
  }
  let next: SlaDeadline | undefined;
  for (const target of evaluation.targets as SlaEvaluation['targets']) {
    const cycle = target.cycles.at(-1);
    if (cycle === undefined || cycle.state !== 'running') continue;
    for (const threshold of cycle.thresholds) {
      if (threshold.dueAt === undefined || threshold.dueAt < evaluation.now) continue;
      const kind = threshold.percent >= 100 && cycle.dueAt === threshold.dueAt ? 'breach' : 'threshold';
      if (next === undefined || threshold.dueAt < next.at) next = { at: threshold.dueAt, targetId: target.targetId, kind, percent: threshold.percent };
    }
    if (cycle.dueAt !== undefined && cycle.dueAt >= evaluation.now && (next === undefined || cycle.dueAt < next.at)) {
      next = { at: cycle.dueAt, targetId: target.targetId, kind: 'breach', percent: 100 };
    }
  }
  return next;
}

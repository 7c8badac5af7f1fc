import { isArrayArgument, readArgument } from '../core/unreadable-argument';
import { issue, ValidationError } from '../core/validation-error';
import { periodArgument } from './period-argument';
import type { SlaEvaluation } from './sla-evaluation';
import { slaEvaluationArgument } from './sla-evaluation-argument';

/** A target's compliance over a period. */
export interface SlaTargetCompliance {
  readonly targetId: string;
  readonly metric: string;
  /** Cycles met within the period without breaching. */
  readonly metOnTime: number;
  /** Cycles met within the period after breaching. */
  readonly metLate: number;
  /** Cycles still open that breached within the period. */
  readonly breachedOpen: number;
  /** metOnTime over all three, in percent; undefined when there is nothing to count. */
  readonly compliancePercent?: number;
}

/**
 * Service level reporting: per target, how many cycles were met on time, met late, or breached
 * and still open, over a period, from the records' evaluations. A cycle counts in the period its
 * outcome fell in: when it was met, or when an open cycle breached. Cancelled cycles do not
 * count.
 *
 * @param evaluations - from `evaluateSla`, one per record, under one policy
 * @param period - `from` (inclusive) and `to` (exclusive)
 * @returns one entry per target id, in the order first seen
 * @throws {@link ValidationError} for a bad period or evaluation
 *
 * @example
 * ```ts
 * slaCompliance(evaluations, { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
 * // => [{ targetId: 'resolution', metOnTime: 182, metLate: 9, breachedOpen: 2, compliancePercent: 94.3… }]
 * ```
 */
export function slaCompliance(evaluations: readonly SlaEvaluation[], period: { readonly from: Date | string; readonly to: Date | string }): SlaTargetCompliance[] {
  const [from, to] = periodArgument(period);
  if (!isArrayArgument(evaluations, ['evaluations'])) throw new ValidationError([issue(['evaluations'], 'must be an array of evaluations')], 'argument');
  const inPeriod = (instant: string | undefined): boolean => {
    if (instant === undefined) return false;
    const ms = Date.parse(instant);
    return ms >= from && ms < to;
  };
  const totals = new Map<string, { metric: string; metOnTime: number; metLate: number; breachedOpen: number }>();
  // An index loop, not forEach: a hole in the array is a missing evaluation, not one to skip.
  const count = readArgument(['evaluations'], () => evaluations.length);
  for (let index = 0; index < count; index++) {
    // A checked copy of the parts read here: nothing of the caller's is read again.
    const evaluation = slaEvaluationArgument(readArgument(['evaluations', index], () => evaluations[index]), ['evaluations', index]);
    for (const target of evaluation.targets) {
      const total = totals.get(target.targetId) ?? { metric: target.metric, metOnTime: 0, metLate: 0, breachedOpen: 0 };
      totals.set(target.targetId, total);
      for (const cycle of target.cycles) {
        if (cycle.state === 'met' && inPeriod(cycle.endedAt)) {
          if (cycle.breached) total.metLate++;
          else total.metOnTime++;
        } else if (cycle.state === 'breached' && inPeriod(cycle.breachedAt)) total.breachedOpen++;
      }
    }
  }
  return [...totals].map(([targetId, total]) => {
    const counted = total.metOnTime + total.metLate + total.breachedOpen;
    return { targetId, ...total, ...(counted === 0 ? {} : { compliancePercent: (100 * total.metOnTime) / counted }) };
  });
}

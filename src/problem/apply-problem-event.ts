import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { Problem } from './problem.schema';
import { problemExtra, type ProblemContext } from './problem-context';
import type { ProblemEvent } from './problem-event.schema';

/**
 * Applies an event to a problem through its lifecycle and returns the new version, the patches
 * from the old and the domain events. The problem given is not changed.
 *
 * @param problem - the problem at its current version
 * @param event - what happens, e.g. `{ type: 'record_root_cause', rootCause: 'Expired certificate' }`
 * @param context - now, actor, newId; optionally the lifecycle and priority matrix
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a guard refuses,
 *   listing the allowed events and the guard's reason
 *
 * @example
 * ```ts
 * const { record } = applyProblemEvent(problem, { type: 'resolve', fix: 'Renewed the certificate and added expiry monitoring' }, context);
 * record.state; // => 'resolved'
 * record.resolution; // => 'fix_applied'
 * ```
 */
export function applyProblemEvent(problem: Problem, event: ProblemEvent, context: ProblemContext): RecordChange<Problem> {
  return orThrow(safeApplyProblemEvent(problem, event, context));
}

/**
 * Like {@link applyProblemEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the problem and the event: the function for a request body.
 *
 * @param problem - the problem at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyProblemEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or a refused event; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeApplyProblemEvent(problem, body, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log(result.error.refusedBy);
 * ```
 */
export function safeApplyProblemEvent(
  problem: unknown,
  event: unknown,
  context: ProblemContext,
): SafeResult<RecordChange<Problem>, ValidationError | InvalidTransitionError> {
  const extra = problemExtra(context);
  if (!extra.success) return extra;
  return runLifecycleEvent(extra.data.lifecycle, 'problem', problem, event, context, extra.data.extra);
}

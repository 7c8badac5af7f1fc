import { readContext } from '../core/apply-lifecycle-event';
import { compiledPriorityMatrix, type PriorityMatrix } from '../core/priority-matrix';
import { DEFAULT_PRIORITY_MATRIX } from '../core/default-priority-matrix';
import type { LifecycleContext } from '../core/lifecycle';
import type { SafeResult } from '../core/safe-result';
import { ValidationError } from '../core/validation-error';
import { defaultProblemLifecycle, type ProblemExtra, type ProblemLifecycle } from './problem-lifecycle';

/** What `applyProblemEvent` needs beyond the problem and the event. */
export interface ProblemContext extends LifecycleContext {
  /** The lifecycle, with the host's options; the defaults when omitted. */
  readonly lifecycle?: ProblemLifecycle;
  /** The matrix that derives priority from impact and urgency; the ITIL 3×3 when omitted. */
  readonly priorityMatrix?: PriorityMatrix;
}

/** What `openProblem` needs: who, when, a fresh id, the tenant and the human number. */
export interface OpenProblemContext extends ProblemContext {
  /** The tenant the problem belongs to. */
  readonly tenantId: string;
  /** The human number the host's numbering issued, e.g. `PRB0001001`. */
  readonly number: string;
}

/** The problem-specific parts of a context, validated. @internal */
export function problemExtra(context: unknown): SafeResult<{ lifecycle: ProblemLifecycle; extra: ProblemExtra }, ValidationError> {
  return readContext(() => checkedProblemExtra(context));
}

function checkedProblemExtra(context: unknown): SafeResult<{ lifecycle: ProblemLifecycle; extra: ProblemExtra }, ValidationError> {
  const given = typeof context === 'object' && context !== null ? (context as Partial<ProblemContext>) : {};
  const lifecycle = given.lifecycle ?? defaultProblemLifecycle();
  const priorityMatrix = given.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX;
  try {
    compiledPriorityMatrix(priorityMatrix, 'priorityMatrix');
  } catch (error) {
    if (error instanceof ValidationError) return { success: false, error: new ValidationError(error.issues, 'context') };
    throw error;
  }
  return { success: true, data: { lifecycle, extra: { priorityMatrix } } };
}

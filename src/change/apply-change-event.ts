import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { ChangeRequest } from './change-request.schema';
import { changeExtra, type ChangeContext } from './change-context';
import type { ChangeEvent } from './change-event.schema';

/**
 * Applies an event to a change through its lifecycle and returns the new version, the patches
 * from the old and the domain events. The change given is not changed.
 *
 * @param change - the change at its current version
 * @param event - what happens, e.g. `{ type: 'decide', approvalId: 'ap-1', decision: 'approved' }`
 * @param context - now, actor, newId; optionally the lifecycle and the groups the actor acts for
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a guard refuses
 *   (a missing plan, separation of duties, someone who is not the approver), with the reason
 *
 * @example
 * ```ts
 * const { record, events } = applyChangeEvent(change, { type: 'decide', approvalId, decision: 'approved' }, { ...context, actorGroups: ['cab'] });
 * record.state; // => 'scheduled' once every approval step is satisfied
 * events.map((event) => event.type); // => ['change.decided', 'change.authorized']
 * ```
 */
export function applyChangeEvent(change: ChangeRequest, event: ChangeEvent, context: ChangeContext): RecordChange<ChangeRequest> {
  return orThrow(safeApplyChangeEvent(change, event, context));
}

/**
 * Like {@link applyChangeEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the change and the event: the function for a request body.
 *
 * @param change - the change at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyChangeEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws only what the host's `newId` throws; every other problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeApplyChangeEvent(change, body, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log(result.error.refusedBy);
 * ```
 */
export function safeApplyChangeEvent(change: unknown, event: unknown, context: ChangeContext): SafeResult<RecordChange<ChangeRequest>, ValidationError | InvalidTransitionError> {
  const extra = changeExtra(context);
  if (!extra.success) return extra;
  return runLifecycleEvent(extra.data.lifecycle, 'change', change, event, context, extra.data.extra);
}

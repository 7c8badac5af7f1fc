import { orThrow, readContext, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { FulfilmentTask } from './fulfilment-task.schema';
import type { FulfilmentTaskEvent } from './fulfilment-task-event.schema';
import { requestLifecycles, type FulfilmentTaskContext } from './request-context';

/**
 * Applies an event to a fulfilment task through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The task given is not changed.
 *
 * @param task - the task at its current version
 * @param event - what happens, e.g. `{ type: 'close', outcome: 'complete', note: 'Shipped' }`
 * @param context - now, actor, newId; optionally the lifecycles
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a required field
 *   is missing, listing the allowed events
 *
 * @example
 * ```ts
 * const { record } = applyFulfilmentTaskEvent(task, { type: 'start' }, context);
 * record.state; // => 'work_in_progress'
 * ```
 */
export function applyFulfilmentTaskEvent(task: FulfilmentTask, event: FulfilmentTaskEvent, context: FulfilmentTaskContext): RecordChange<FulfilmentTask> {
  return orThrow(safeApplyFulfilmentTaskEvent(task, event, context));
}

/**
 * Like {@link applyFulfilmentTaskEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the task and the event: the function for a request body.
 *
 * @param task - the task at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyFulfilmentTaskEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws only what the host's `newId` throws; every other problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeApplyFulfilmentTaskEvent(task, body, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log(result.error.allowedEvents);
 * ```
 */
export function safeApplyFulfilmentTaskEvent(
  task: unknown,
  event: unknown,
  context: FulfilmentTaskContext,
): SafeResult<RecordChange<FulfilmentTask>, ValidationError | InvalidTransitionError> {
  const lifecycles = readContext(() => requestLifecycles(context));
  if (!lifecycles.success) return lifecycles;
  return runLifecycleEvent(lifecycles.data.task, 'fulfilment_task', task, event, context, undefined);
}

import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { FulfilmentTask } from './fulfilment-task.schema';
import type { FulfilmentTaskEvent } from './fulfilment-task-event.schema';
import { fulfilmentTaskExtra, type FulfilmentTaskContext } from './request-context';

/**
 * Applies an event to a fulfilment task through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The task given is not changed.
 *
 * @param task - the task at its current version
 * @param event - what happens, e.g. `{ type: 'close', outcome: 'complete', note: 'Shipped' }`
 * @param context - now, actor, newId; optionally the lifecycles; the item's tasks to start or
 *   close a task whose `order` is above 0 (it waits for those of a lower order)
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event, a required field
 *   is missing, or a task of a lower order is still open, listing the allowed events
 *
 * @example
 * ```ts
 * const { record } = applyFulfilmentTaskEvent(task, { type: 'start' }, { ...context, tasks: itemTasks });
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
  const resolved = fulfilmentTaskExtra(context);
  if (!resolved.success) return resolved;
  return runLifecycleEvent(resolved.data.lifecycles.task, 'fulfilment_task', task, event, context, resolved.data.extra);
}

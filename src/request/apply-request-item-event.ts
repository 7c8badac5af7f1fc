import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { cancelOpenTasks, type RequestCascadeRefusal } from './request-cascade';
import { requestItemExtra, stateOf, type RequestItemContext, type ResolvedLifecycles } from './request-context';
import type { RequestItem } from './request-item.schema';
import type { RequestItemEvent } from './request-item-event.schema';
import type { RequestItemExtra } from './request-item-lifecycle';
import { isOpenRequestState } from './request-state.schema';

/**
 * The change a request item event made. Canceling an item whose lifecycle cancels tasks with
 * their item also carries the changes of its open tasks given in the context in `taskChanges`;
 * a task that refused is in `cascadeRefused` and unchanged.
 */
export interface RequestItemChange extends RecordChange<RequestItem> {
  readonly taskChanges: readonly RecordChange<FulfilmentTask>[];
  readonly cascadeRefused: readonly RequestCascadeRefusal[];
}

/**
 * Applies an event to a request item through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The item given is not changed.
 *
 * @param item - the item at its current version
 * @param event - what happens, e.g. `{ type: 'decide', approvalId: 'ap-1', decision: 'approved' }`
 * @param context - now, actor, newId; optionally the lifecycles, the groups the actor acts for,
 *   the item's tasks (to close or cancel it) and its request
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a guard refuses
 *   (an open task, someone who is not the approver), listing the allowed events and the reason
 *
 * @example
 * ```ts
 * const { record } = applyRequestItemEvent(item, { type: 'complete' }, { ...context, tasks });
 * record.state; // => 'closed_complete'
 * ```
 */
export function applyRequestItemEvent(item: RequestItem, event: RequestItemEvent, context: RequestItemContext): RequestItemChange {
  return orThrow(safeApplyRequestItemEvent(item, event, context));
}

/**
 * Like {@link applyRequestItemEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the item and the event: the function for a request body.
 *
 * @param item - the item at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyRequestItemEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws only what the host's `newId` throws; every other problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeApplyRequestItemEvent(item, { type: 'complete' }, { ...context, tasks });
 * if (!result.success) console.log(result.error.message); // Cannot complete … fulfilment task TASK0000002 is still open
 * ```
 */
export function safeApplyRequestItemEvent(item: unknown, event: unknown, context: RequestItemContext): SafeResult<RequestItemChange, ValidationError | InvalidTransitionError> {
  const resolved = requestItemExtra(context, item);
  if (!resolved.success) return resolved;
  return runRequestItemEvent(item, event, context, resolved.data);
}

/**
 * Runs an item event with its context already resolved, cascading a cancellation to the item's
 * open tasks.
 * @internal
 */
export function runRequestItemEvent(
  item: unknown,
  event: unknown,
  context: unknown,
  resolved: { readonly lifecycles: ResolvedLifecycles; readonly extra: RequestItemExtra },
): SafeResult<RequestItemChange, ValidationError | InvalidTransitionError> {
  const { lifecycles, extra } = resolved;
  const result = runLifecycleEvent(lifecycles.item, 'request_item', item, event, context, extra);
  if (!result.success) return result;
  const change = result.data;
  const itemState = stateOf(lifecycles.item);
  const canceled = change.previous !== undefined && isOpenRequestState(itemState(change.previous.state)) && itemState(change.record.state) === 'canceled';
  let cascade: ReturnType<typeof cancelOpenTasks> = { changes: [], refused: [] };
  if (canceled && lifecycles.item.options.cancelTasksWithItem) {
    const reason = change.events[0]?.data.reason;
    cascade = cancelOpenTasks(change.record, extra.tasks, typeof reason === 'string' ? reason : 'canceled', context, lifecycles);
  }
  return { success: true, data: Object.freeze({ ...change, taskChanges: Object.freeze(cascade.changes), cascadeRefused: Object.freeze(cascade.refused) }) };
}

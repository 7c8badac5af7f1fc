import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { cancelOpenTasks, type RequestCascadeRefusal } from './request-cascade';
import { requestItemExtra, stateOf, type RequestItemContext, type ResolvedLifecycles } from './request-context';
import type { ServiceRequest } from './service-request.schema';
import type { RequestItem } from './request-item.schema';
import type { RequestItemEvent } from './request-item-event.schema';
import type { RequestItemExtra } from './request-item-lifecycle';
import { isOpenRequestState } from './request-state.schema';

/**
 * The change a request item event made. Canceling an item whose lifecycle cancels tasks with
 * their item also carries the changes of its open tasks given in the context in `taskChanges`;
 * ending the last open item of a request given in the context, with its items, also closes the
 * request (`requestChange`). A record that refused is in `cascadeRefused` and unchanged.
 */
export interface RequestItemChange extends RecordChange<RequestItem> {
  readonly taskChanges: readonly RecordChange<FulfilmentTask>[];
  /** The request closed by this item's end, when it was the last open one; absent otherwise. */
  readonly requestChange?: RecordChange<ServiceRequest>;
  readonly cascadeRefused: readonly RequestCascadeRefusal[];
}

/**
 * Applies an event to a request item through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The item given is not changed.
 *
 * @param item - the item at its current version
 * @param event - what happens, e.g. `{ type: 'decide', approvalId: 'ap-1', decision: 'approved' }`
 * @param context - now, actor, newId; optionally the lifecycles, the groups the actor acts for,
 *   the item's tasks (to close or cancel it), its request, and the request's items (to close
 *   the request with its last item)
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
  const { request, items, ...run } = resolved.data;
  const result = runRequestItemEvent(item, event, context, run);
  if (!result.success || request === undefined || items === undefined) return result;
  const closing = closeWithLastItem(result.data, request, items, context, run.lifecycles, run.extra.actorGroups);
  if (closing === undefined) return result;
  const refused = 'error' in closing ? [...result.data.cascadeRefused, closing] : result.data.cascadeRefused;
  return { success: true, data: Object.freeze({ ...result.data, ...('error' in closing ? {} : { requestChange: closing }), cascadeRefused: Object.freeze(refused) }) };
}

/**
 * The request closed by an item's change, when the item just ended and was the request's last
 * open one; the refusal when the request would not close (a field its host requires to close);
 * undefined when it is not the case, or the request lifecycle leaves closing to the host.
 */
function closeWithLastItem(
  change: RequestItemChange,
  request: ServiceRequest,
  items: readonly RequestItem[],
  context: unknown,
  lifecycles: ResolvedLifecycles,
  actorGroups: readonly string[],
): RecordChange<ServiceRequest> | RequestCascadeRefusal | undefined {
  const itemState = stateOf(lifecycles.item);
  const ended = change.previous !== undefined && isOpenRequestState(itemState(change.previous.state)) && !isOpenRequestState(itemState(change.record.state));
  if (!ended || !lifecycles.request.options.closeWithLastItem || !isOpenRequestState(stateOf(lifecycles.request)(request.state))) return undefined;
  // The request's items as they are now: this one at its new version, whether or not the caller
  // listed it. One the request lists but the caller left out might be open: the request then
  // stays open for the host to close, as it would without the items.
  const mine = [...items.filter((other) => other.id !== change.record.id), change.record].filter((other) => other.request === request.id && other.tenantId === request.tenantId);
  if (!request.items.every((id) => mine.some((other) => other.id === id))) return undefined;
  if (mine.some((other) => isOpenRequestState(itemState(other.state)))) return undefined;
  const closed = runLifecycleEvent(lifecycles.request, 'service_request', request, { type: 'close' }, context, { items: mine, itemStateOf: itemState, actorGroups });
  return closed.success ? closed.data : { recordKind: 'service_request', recordId: request.id, error: closed.error };
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

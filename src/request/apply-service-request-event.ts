import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { runRequestItemEvent } from './apply-request-item-event';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { cascadeReason, type RequestCascadeRefusal } from './request-cascade';
import { serviceRequestExtra, stateOf, type ServiceRequestContext } from './request-context';
import type { RequestItem } from './request-item.schema';
import { isOpenRequestState } from './request-state.schema';
import type { ServiceRequest } from './service-request.schema';
import type { ServiceRequestEvent } from './service-request-event.schema';

/**
 * The change a service request event made. Canceling or rejecting a request whose lifecycle
 * cancels items with their request also carries the changes of its open items given in the
 * context (`itemChanges`) and of their open tasks (`taskChanges`); a record that refused is in
 * `cascadeRefused` and unchanged.
 */
export interface ServiceRequestChange extends RecordChange<ServiceRequest> {
  readonly itemChanges: readonly RecordChange<RequestItem>[];
  readonly taskChanges: readonly RecordChange<FulfilmentTask>[];
  readonly cascadeRefused: readonly RequestCascadeRefusal[];
}

/**
 * Applies an event to a service request through its lifecycle and returns the new version, the
 * patches from the old and the domain events. The request given is not changed.
 *
 * `close` reads the request's items from the context: it is refused while one is open, and
 * otherwise closes the request complete, incomplete, skipped or canceled as its items closed.
 *
 * @param request - the request at its current version
 * @param event - what happens, e.g. `{ type: 'close' }`
 * @param context - now, actor, newId; optionally the lifecycles, the groups the actor acts for,
 *   the request's items and their tasks
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a guard refuses
 *   (an open item, someone who is not the approver), listing the allowed events and the reason
 *
 * @example
 * ```ts
 * const { record } = applyServiceRequestEvent(request, { type: 'close' }, { ...context, items });
 * record.state; // => 'closed_complete'
 * ```
 */
export function applyServiceRequestEvent(request: ServiceRequest, event: ServiceRequestEvent, context: ServiceRequestContext): ServiceRequestChange {
  return orThrow(safeApplyServiceRequestEvent(request, event, context));
}

/**
 * Like {@link applyServiceRequestEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the request and the event: the function for a request body.
 *
 * @param request - the request at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyServiceRequestEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws only what the host's `newId` throws; every other problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeApplyServiceRequestEvent(request, { type: 'close' }, { ...context, items });
 * if (!result.success) console.log(result.error.message); // Cannot close … request item RITM0000002 is still open
 * ```
 */
export function safeApplyServiceRequestEvent(
  request: unknown,
  event: unknown,
  context: ServiceRequestContext,
): SafeResult<ServiceRequestChange, ValidationError | InvalidTransitionError> {
  const resolved = serviceRequestExtra(context);
  if (!resolved.success) return resolved;
  const { lifecycles, extra, tasks } = resolved.data;
  const result = runLifecycleEvent(lifecycles.request, 'service_request', request, event, context, extra);
  if (!result.success) return result;
  const change = result.data;
  const itemChanges: RecordChange<RequestItem>[] = [];
  const taskChanges: RecordChange<FulfilmentTask>[] = [];
  const cascadeRefused: RequestCascadeRefusal[] = [];
  const requestState = stateOf(lifecycles.request);
  const before = change.previous === undefined ? undefined : requestState(change.previous.state);
  const after = requestState(change.record.state);
  const ended = before !== undefined && isOpenRequestState(before) && (after === 'canceled' || after === 'rejected');
  if (ended && lifecycles.request.options.cancelItemsWithRequest) {
    const given = change.events[0]?.data.reason;
    const reason = after === 'rejected' ? `Request ${change.record.number} was rejected` : `Canceled with request ${change.record.number}${typeof given === 'string' ? `: ${given}` : ''}`;
    const itemExtra = { tasks, taskStateOf: stateOf(lifecycles.task), actorGroups: extra.actorGroups, request: undefined };
    for (const item of extra.items ?? []) {
      if (item.request !== change.record.id || item.tenantId !== change.record.tenantId || !isOpenRequestState(extra.itemStateOf(item.state))) continue;
      const canceled = runRequestItemEvent(item, { type: 'cancel', reason: cascadeReason(reason) }, context, { lifecycles, extra: itemExtra });
      if (!canceled.success) {
        cascadeRefused.push({ recordKind: 'request_item', recordId: item.id, error: canceled.error });
        continue;
      }
      const { taskChanges: itemTasks, cascadeRefused: itemRefused, requestChange: _request, ...itemChange } = canceled.data;
      itemChanges.push(Object.freeze(itemChange));
      taskChanges.push(...itemTasks);
      cascadeRefused.push(...itemRefused);
    }
  }
  return {
    success: true,
    data: Object.freeze({ ...change, itemChanges: Object.freeze(itemChanges), taskChanges: Object.freeze(taskChanges), cascadeRefused: Object.freeze(cascadeRefused) }),
  };
}

import type { ActorRef } from '../core/record-fields.schema';
import { stateOf, type RequestLifecycles } from '../request/request-context';
import type { RequestItem } from '../request/request-item.schema';
import { defaultRequestItemLifecycle } from '../request/request-item-lifecycle';
import { isOpenRequestState } from '../request/request-state.schema';
import type { ServiceRequest } from '../request/service-request.schema';
import type { ServiceRequestEvent } from '../request/service-request-event.schema';
import { defaultServiceRequestLifecycle } from '../request/service-request-lifecycle';
import { inTransaction } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { RecordApi } from './practice-api';

/**
 * After a command ended a request item, closes its request when that was its last open item:
 * a `close` of its own, by the same actor, after the item's transaction has committed. In the
 * item's transaction two items ending at once would each see the other still open; the later of
 * their two closes runs after both have committed, and sees them both ended. Being a command,
 * it is put to the host's `authorize` as `service_request.close`, and written with its own audit
 * entry and events; it is tried only when a read finds every item of the request ended, so the
 * host is not asked of a close that cannot happen. When it is refused — the host's authorize or
 * a field its close requires says no, another command closed it first — or fails (a lost
 * connection, a crash between the two commands), the request stays open with its items ended,
 * for the host to close with `itsm.requests.apply(…, { type: 'close' })`. @internal
 */
export function closeRequestAfterItem(
  options: ResolvedItsmOptions,
  requests: Pick<RecordApi<ServiceRequest, ServiceRequestEvent>, 'safeApply'>,
  lifecycles: RequestLifecycles,
): (tenantId: string, actor: ActorRef, item: RequestItem) => Promise<void> {
  const request = lifecycles.request ?? defaultServiceRequestLifecycle();
  const requestState = stateOf(request);
  const itemState = stateOf(lifecycles.item ?? defaultRequestItemLifecycle());
  const ended = (state: string): boolean => !isOpenRequestState(itemState(state));
  return async (tenantId, actor, item) => {
    if (!request.options.closeWithLastItem || !ended(item.state)) return;
    try {
      const closable = await inTransaction(options, false, async (tx) => {
        const parent = (await tx.records<ServiceRequest>('service_request').get(tenantId, item.request))?.record;
        if (parent === undefined || !isOpenRequestState(requestState(parent.state))) return false;
        for (const id of parent.items) {
          const sibling = (await tx.records<RequestItem>('request_item').get(tenantId, id))?.record;
          if (sibling === undefined || !ended(sibling.state)) return false;
        }
        return true;
      });
      if (closable) await requests.safeApply(tenantId, actor, item.request, { type: 'close' });
    } catch {
      // The item is written and its command has succeeded: what failed here (the host's
      // authorize throwing, a lost connection) leaves the request for the host to close.
    }
  };
}

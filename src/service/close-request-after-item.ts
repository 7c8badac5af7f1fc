import type { ActorRef } from '../core/record-fields.schema';
import { stateOf, type RequestLifecycles } from '../request/request-context';
import type { RequestItem } from '../request/request-item.schema';
import { defaultRequestItemLifecycle } from '../request/request-item-lifecycle';
import { isOpenRequestState } from '../request/request-state.schema';
import type { ServiceRequest } from '../request/service-request.schema';
import type { ServiceRequestEvent } from '../request/service-request-event.schema';
import { defaultServiceRequestLifecycle } from '../request/service-request-lifecycle';
import type { RecordApi } from './practice-api';

/**
 * After a command ended a request item, closes its request when that was its last open item:
 * a `close` of its own, by the same actor, after the item's transaction has committed. In the
 * item's transaction two items ending at once would each see the other still open; the later of
 * their two closes runs after both have committed, and sees them both ended. Being a command,
 * it is put to the host's `authorize` as `service_request.close`, and written with its own audit
 * entry and events. When it is refused — another item is still open, the request has ended
 * already, the host's authorize or a field its close requires says no — the request stays as it
 * is, for the host to close. @internal
 */
export function closeRequestAfterItem(
  requests: Pick<RecordApi<ServiceRequest, ServiceRequestEvent>, 'safeApply'>,
  lifecycles: RequestLifecycles,
): (tenantId: string, actor: ActorRef, item: RequestItem) => Promise<void> {
  const request = lifecycles.request ?? defaultServiceRequestLifecycle();
  const itemState = stateOf(lifecycles.item ?? defaultRequestItemLifecycle());
  return async (tenantId, actor, item) => {
    if (!request.options.closeWithLastItem || isOpenRequestState(itemState(item.state))) return;
    try {
      await requests.safeApply(tenantId, actor, item.request, { type: 'close' });
    } catch {
      // The item is written and its command has succeeded: what failed here (the host's
      // authorize throwing, a lost connection) leaves the request for the host to close.
    }
  };
}

import type { RequestItem } from './request-item.schema';
import { isOpenRequestState } from './request-state.schema';
import type { ServiceRequest } from './service-request.schema';

/** The states `close` takes a service request to, according to its items. */
export type ServiceRequestOutcome = 'closed_complete' | 'closed_incomplete' | 'closed_skipped' | 'canceled';

const listed = (words: readonly string[]): string => words.join(', ');

/**
 * How a request closes, from its items: canceled when every item was canceled; skipped when
 * every other item was skipped; complete when every other item was completed or skipped;
 * incomplete when one closed incomplete or was rejected. Refused, with the reason in words,
 * while an item is open or was not given.
 * @internal
 */
export function serviceRequestOutcome(
  request: ServiceRequest,
  items: readonly RequestItem[] | undefined,
  itemStateOf: (state: string) => string,
): { readonly outcome: ServiceRequestOutcome } | { readonly reason: string } {
  if (items === undefined) return { reason: `the items of ${request.number} must be given in the context's items to close it` };
  const mine = items.filter((item) => item.request === request.id && item.tenantId === request.tenantId);
  const missing = request.items.filter((id) => !mine.some((item) => item.id === id));
  if (missing.length > 0) return { reason: `request ${missing.length === 1 ? 'item' : 'items'} ${listed(missing)} of ${request.number} must be given in the context's items` };
  const open = mine.filter((item) => isOpenRequestState(itemStateOf(item.state)));
  if (open.length > 0) {
    const numbers = listed(open.map((item) => item.number));
    return { reason: open.length === 1 ? `request item ${numbers} is still open` : `request items ${numbers} are still open` };
  }
  const live = mine.map((item) => itemStateOf(item.state)).filter((state) => state !== 'canceled');
  if (live.length === 0) return { outcome: 'canceled' };
  if (live.every((state) => state === 'closed_skipped')) return { outcome: 'closed_skipped' };
  if (live.every((state) => state === 'closed_complete' || state === 'closed_skipped')) return { outcome: 'closed_complete' };
  return { outcome: 'closed_incomplete' };
}

import { z } from 'zod';

/**
 * The states of a service request and of each of its items (ServiceNow's REQ and RITM):
 * `submitted` → `waiting_for_approval` → `approved` or `rejected` → `in_fulfilment` →
 * `closed_complete`, `closed_incomplete` or `closed_skipped`; `canceled` from any open state.
 */
export const RequestState = z.enum([
  'submitted',
  'waiting_for_approval',
  'approved',
  'rejected',
  'in_fulfilment',
  'closed_complete',
  'closed_incomplete',
  'closed_skipped',
  'canceled',
]);
/** The state of a service request or a request item. */
export type RequestState = z.infer<typeof RequestState>;

/** The states in which a request or item is still open. @internal */
export const OPEN_REQUEST_STATES: readonly RequestState[] = ['submitted', 'waiting_for_approval', 'approved', 'in_fulfilment'];

/** Whether a request or item in this (built-in) state is still open. @internal */
export function isOpenRequestState(state: string): boolean {
  return (OPEN_REQUEST_STATES as readonly string[]).includes(state);
}

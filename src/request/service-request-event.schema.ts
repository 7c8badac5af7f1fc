import { z } from 'zod';
import { APPROVAL_EVENT_SCHEMAS, commentEvent, event, Note } from './request-event-fields';

/** The payload of each service request event, by type. @internal */
export const SERVICE_REQUEST_EVENT_SCHEMAS = {
  ...APPROVAL_EVENT_SCHEMAS,
  start_fulfilment: event('start_fulfilment', { note: Note.optional() }),
  close: event('close', { note: Note.optional() }),
  cancel: event('cancel', { reason: Note }),
  comment: commentEvent,
} as const;

/**
 * An event for a service request's lifecycle. Which events a state accepts is the lifecycle's
 * business (see `docs/lifecycles.md`); this is their payload.
 *
 * - `request_approval` — ask the given approvers to approve the request as a whole
 *   (`submitted` → `waiting_for_approval`); `approve_without_approval` when it needs none.
 * - `decide` — an approver's decision: any rejection rejects, and by default all must approve.
 * - `start_fulfilment` — work on its items has begun (`approved` → `in_fulfilment`).
 * - `close` — once every item is closed or canceled: the request closes complete, incomplete,
 *   skipped or canceled according to its items (given in the context).
 * - `cancel` — from any open state, with a reason; cancels its open items given in the context.
 * - `comment` — a work note, or a comment the requester sees.
 */
export const ServiceRequestEvent = z.discriminatedUnion('type', [
  SERVICE_REQUEST_EVENT_SCHEMAS.request_approval,
  SERVICE_REQUEST_EVENT_SCHEMAS.approve_without_approval,
  SERVICE_REQUEST_EVENT_SCHEMAS.decide,
  SERVICE_REQUEST_EVENT_SCHEMAS.start_fulfilment,
  SERVICE_REQUEST_EVENT_SCHEMAS.close,
  SERVICE_REQUEST_EVENT_SCHEMAS.cancel,
  SERVICE_REQUEST_EVENT_SCHEMAS.comment,
]);
/** An event for a service request's lifecycle. */
export type ServiceRequestEvent = z.infer<typeof ServiceRequestEvent>;

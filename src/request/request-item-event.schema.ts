import { z } from 'zod';
import { RecordId } from '../core/record-fields.schema';
import { APPROVAL_EVENT_SCHEMAS, assignEvent, commentEvent, event, Note } from './request-event-fields';

/** The payload of each request item event, by type. @internal */
export const REQUEST_ITEM_EVENT_SCHEMAS = {
  ...APPROVAL_EVENT_SCHEMAS,
  start_fulfilment: event('start_fulfilment', {
    /** The ids of the fulfilment tasks created for the item; `startFulfilment` fills them in. */
    tasks: z
      .array(RecordId)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat a task id' })
      .optional(),
    note: Note.optional(),
  }),
  complete: event('complete', { note: Note.optional() }),
  close_incomplete: event('close_incomplete', { reason: Note }),
  skip: event('skip', { reason: Note }),
  cancel: event('cancel', { reason: Note }),
  assign: assignEvent,
  comment: commentEvent,
} as const;

/**
 * An event for a request item's lifecycle. Which events a state accepts is the lifecycle's
 * business (see `docs/lifecycles.md`); this is their payload.
 *
 * - `request_approval` — ask the given approvers (`submitted` → `waiting_for_approval`);
 *   `approve_without_approval` for an item whose catalog item needs none (`submitted` → `approved`).
 * - `decide` — an approver's decision on one of the item's approvals: any rejection rejects the
 *   item, and by default it is approved once all approve.
 * - `start_fulfilment` — `approved` → `in_fulfilment`; use `startFulfilment` to create the tasks too.
 * - `complete`, `close_incomplete`, `skip` — close the item; refused while one of its tasks is open.
 *   `skip` also closes an approved item whose fulfilment has not started.
 * - `cancel` — from any open state, with a reason; cancels its open approvals and tasks.
 * - `assign`, `comment`.
 */
export const RequestItemEvent = z.discriminatedUnion('type', [
  REQUEST_ITEM_EVENT_SCHEMAS.request_approval,
  REQUEST_ITEM_EVENT_SCHEMAS.approve_without_approval,
  REQUEST_ITEM_EVENT_SCHEMAS.decide,
  REQUEST_ITEM_EVENT_SCHEMAS.start_fulfilment,
  REQUEST_ITEM_EVENT_SCHEMAS.complete,
  REQUEST_ITEM_EVENT_SCHEMAS.close_incomplete,
  REQUEST_ITEM_EVENT_SCHEMAS.skip,
  REQUEST_ITEM_EVENT_SCHEMAS.cancel,
  REQUEST_ITEM_EVENT_SCHEMAS.assign,
  REQUEST_ITEM_EVENT_SCHEMAS.comment,
]);
/** An event for a request item's lifecycle. */
export type RequestItemEvent = z.infer<typeof RequestItemEvent>;

import { z } from 'zod';
import { assignEvent, commentEvent, event, Note } from './request-event-fields';

/** The payload of each fulfilment task event, by type. @internal */
export const FULFILMENT_TASK_EVENT_SCHEMAS = {
  start: event('start', { note: Note.optional() }),
  close: event('close', {
    /** `complete` → `closed_complete`, `incomplete` → `closed_incomplete`, `skipped` → `closed_skipped`. */
    outcome: z.enum(['complete', 'incomplete', 'skipped']),
    /** Kept as the task's `closeNotes`. */
    note: z.string().min(1, { error: 'must not be empty' }).max(32_000).optional(),
  }),
  cancel: event('cancel', { reason: Note }),
  assign: assignEvent,
  comment: commentEvent,
} as const;

/**
 * An event for a fulfilment task's lifecycle. Which events a state accepts is the lifecycle's
 * business (see `docs/lifecycles.md`); this is their payload.
 *
 * - `start` — work begins (`open` → `work_in_progress`).
 * - `close` — with an outcome, `complete`, `incomplete` or `skipped`, and optional notes.
 * - `cancel` — from either open state, with a reason.
 * - `assign`, `comment`.
 */
export const FulfilmentTaskEvent = z.discriminatedUnion('type', [
  FULFILMENT_TASK_EVENT_SCHEMAS.start,
  FULFILMENT_TASK_EVENT_SCHEMAS.close,
  FULFILMENT_TASK_EVENT_SCHEMAS.cancel,
  FULFILMENT_TASK_EVENT_SCHEMAS.assign,
  FULFILMENT_TASK_EVENT_SCHEMAS.comment,
]);
/** An event for a fulfilment task's lifecycle. */
export type FulfilmentTaskEvent = z.infer<typeof FulfilmentTaskEvent>;

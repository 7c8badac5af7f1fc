import { z } from 'zod';
import { AttachmentRef } from '../core/attachment.schema';
import { ActorRef, RecordId } from '../core/record-fields.schema';

const Code = z.string().min(1, { error: 'must not be empty' }).max(80);
const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);
const Note = z.string().min(1, { error: 'must not be empty' }).max(100_000);
const Level = z.int().min(0).max(99);

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

/** The payload of each incident event, by type. @internal */
export const INCIDENT_EVENT_SCHEMAS = {
  assign: event('assign', { assignmentGroup: ActorRef.optional(), assignee: ActorRef.optional() }).refine(
    (assign) => assign.assignmentGroup !== undefined || assign.assignee !== undefined,
    { error: 'must give an assignmentGroup, an assignee or both', path: ['assignee'] },
  ),
  start: event('start', { note: Note.optional() }),
  update: event('update', {
    shortDescription: z.string().min(1).max(160).optional(),
    description: Text.optional(),
    category: Code.optional(),
    subcategory: Code.optional(),
    service: RecordId.optional(),
    configurationItem: RecordId.optional(),
    impact: Level.optional(),
    urgency: Level.optional(),
  }),
  comment: event('comment', { visibility: z.enum(['work_note', 'comment']), body: Note }),
  attach: event('attach', { attachment: AttachmentRef }),
  link: event('link', {
    problem: RecordId.optional(),
    changeRequest: RecordId.optional(),
    causedByChange: RecordId.optional(),
    parentIncident: RecordId.optional(),
  }),
  put_on_hold: event('put_on_hold', { reason: Code, note: Note.optional() }),
  resume: event('resume', { note: Note.optional() }),
  resolve: event('resolve', { resolutionCode: Code, resolutionNotes: Text }),
  reopen: event('reopen', { reason: Note }),
  close: event('close', { note: Note.optional() }),
  auto_close: event('auto_close', {}),
  cancel: event('cancel', { reason: Note }),
  propose_major: event('propose_major', { reason: Note }),
  accept_major: event('accept_major', { note: Note.optional() }),
  reject_major: event('reject_major', { reason: Note }),
} as const;

/**
 * An event for an incident's lifecycle: a command a person or the system gives. Which events a
 * state accepts is the lifecycle's business (see `docs/lifecycles.md`); this is their payload.
 *
 * - `assign` — set the assignment group and/or assignee.
 * - `start` — work begins (`new` → `in_progress`).
 * - `update` — change descriptive fields; a new impact or urgency re-derives the priority.
 * - `comment` — a work note or a caller-visible comment; a caller's comment on an incident on
 *   hold for them returns it to `in_progress`.
 * - `attach`, `link` — add an attachment; link a problem, change or parent major incident.
 * - `put_on_hold` (with a configured reason), `resume`.
 * - `resolve` (with a configured resolution code and notes), `reopen`, `close`, `auto_close`,
 *   `cancel`.
 * - `propose_major`, `accept_major`, `reject_major` — the major-incident region.
 */
export const IncidentEvent = z.discriminatedUnion('type', [
  INCIDENT_EVENT_SCHEMAS.assign,
  INCIDENT_EVENT_SCHEMAS.start,
  INCIDENT_EVENT_SCHEMAS.update,
  INCIDENT_EVENT_SCHEMAS.comment,
  INCIDENT_EVENT_SCHEMAS.attach,
  INCIDENT_EVENT_SCHEMAS.link,
  INCIDENT_EVENT_SCHEMAS.put_on_hold,
  INCIDENT_EVENT_SCHEMAS.resume,
  INCIDENT_EVENT_SCHEMAS.resolve,
  INCIDENT_EVENT_SCHEMAS.reopen,
  INCIDENT_EVENT_SCHEMAS.close,
  INCIDENT_EVENT_SCHEMAS.auto_close,
  INCIDENT_EVENT_SCHEMAS.cancel,
  INCIDENT_EVENT_SCHEMAS.propose_major,
  INCIDENT_EVENT_SCHEMAS.accept_major,
  INCIDENT_EVENT_SCHEMAS.reject_major,
]);
/** An event for an incident's lifecycle. */
export type IncidentEvent = z.infer<typeof IncidentEvent>;

/**
 * What opening an incident takes from the caller; the lifecycle fills in the rest (state,
 * priority from the matrix, milestones, number and id from the context).
 */
export const OpenIncidentInput = z.strictObject({
  shortDescription: z.string().min(1, { error: 'must not be empty' }).max(160),
  description: Text.optional(),
  caller: ActorRef,
  category: Code.optional(),
  subcategory: Code.optional(),
  service: RecordId.optional(),
  configurationItem: RecordId.optional(),
  impact: Level,
  urgency: Level,
  assignmentGroup: ActorRef.optional(),
  assignee: ActorRef.optional(),
  parentIncident: RecordId.optional(),
});
/** What opening an incident takes from the caller. */
export type OpenIncidentInput = z.infer<typeof OpenIncidentInput>;

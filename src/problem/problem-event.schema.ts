import { z } from 'zod';
import { AttachmentRef } from '../core/attachment.schema';
import { ActorRef, RecordId } from '../core/record-fields.schema';

const Label = z.string().min(1, { error: 'must not be empty' }).max(100);
const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);
const Note = z.string().min(1, { error: 'must not be empty' }).max(100_000);
const Level = z.int().min(0).max(99);
const Statement = z.string().min(1, { error: 'must not be empty' }).max(160);
const Ids = z
  .array(RecordId)
  .max(1_000)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an id' });

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

/** The payload of each problem event, by type. @internal */
export const PROBLEM_EVENT_SCHEMAS = {
  assign: event('assign', { assignmentGroup: ActorRef.optional(), assignee: ActorRef.optional() }).refine(
    (assign) => assign.assignmentGroup !== undefined || assign.assignee !== undefined,
    { error: 'must give an assignmentGroup, an assignee or both', path: ['assignee'] },
  ),
  update: event('update', {
    problemStatement: Statement.optional(),
    description: Text.optional(),
    category: Label.optional(),
    subcategory: Label.optional(),
    service: RecordId.optional(),
    /** Replaces the list. */
    configurationItems: Ids.optional(),
    impact: Level.optional(),
    urgency: Level.optional(),
  }),
  comment: event('comment', { visibility: z.enum(['work_note', 'comment']), body: Note }),
  attach: event('attach', { attachment: AttachmentRef }),
  link: event('link', { incident: RecordId.optional(), changeRequest: RecordId.optional() }).refine(
    (link) => link.incident !== undefined || link.changeRequest !== undefined,
    { error: 'must give an incident, a changeRequest or both', path: ['incident'] },
  ),
  assess: event('assess', { note: Note.optional() }),
  start_analysis: event('start_analysis', { note: Note.optional() }),
  record_root_cause: event('record_root_cause', { rootCause: Text }),
  record_workaround: event('record_workaround', { workaround: Text }),
  start_fix: event('start_fix', { note: Note.optional() }),
  resolve: event('resolve', { fix: Text, note: Note.optional() }),
  accept_risk: event('accept_risk', { reason: Note }),
  mark_duplicate: event('mark_duplicate', { duplicateOf: RecordId, note: Note.optional() }),
  cancel: event('cancel', { reason: Note }),
  reanalyze: event('reanalyze', { reason: Note }),
  close: event('close', { note: Note.optional() }),
  publish_known_error: event('publish_known_error', { knownError: RecordId }),
} as const;

/**
 * An event for a problem's lifecycle: a command a person or the system gives. Which events a
 * state accepts is the lifecycle's business (see `docs/lifecycles.md`); this is their payload.
 * Reasons and notes become work notes in the problem's journal.
 *
 * - `assign` — set the assignment group and/or assignee.
 * - `update` — change descriptive fields; a new impact or urgency re-derives the priority.
 * - `comment` — a work note or a comment; `attach` — add an attachment.
 * - `link` — relate an incident and/or a change request (each listed once).
 * - `assess` (`new` → `assess`), `start_analysis` (`assess` → `root_cause_analysis`).
 * - `record_root_cause` (during analysis or the fix), `record_workaround` (while open).
 * - `start_fix` (`root_cause_analysis` → `fix_in_progress`, once a root cause is recorded).
 * - `resolve` with the fix, `accept_risk`, `mark_duplicate` — the ways a problem is resolved.
 * - `cancel` (straight to `closed`), `reanalyze` (back from `resolved`), `close`.
 * - `publish_known_error` — link a known error published from the problem; given by
 *   `publishKnownError`, which creates the known error too.
 */
export const ProblemEvent = z.discriminatedUnion('type', [
  PROBLEM_EVENT_SCHEMAS.assign,
  PROBLEM_EVENT_SCHEMAS.update,
  PROBLEM_EVENT_SCHEMAS.comment,
  PROBLEM_EVENT_SCHEMAS.attach,
  PROBLEM_EVENT_SCHEMAS.link,
  PROBLEM_EVENT_SCHEMAS.assess,
  PROBLEM_EVENT_SCHEMAS.start_analysis,
  PROBLEM_EVENT_SCHEMAS.record_root_cause,
  PROBLEM_EVENT_SCHEMAS.record_workaround,
  PROBLEM_EVENT_SCHEMAS.start_fix,
  PROBLEM_EVENT_SCHEMAS.resolve,
  PROBLEM_EVENT_SCHEMAS.accept_risk,
  PROBLEM_EVENT_SCHEMAS.mark_duplicate,
  PROBLEM_EVENT_SCHEMAS.cancel,
  PROBLEM_EVENT_SCHEMAS.reanalyze,
  PROBLEM_EVENT_SCHEMAS.close,
  PROBLEM_EVENT_SCHEMAS.publish_known_error,
]);
/** An event for a problem's lifecycle. */
export type ProblemEvent = z.infer<typeof ProblemEvent>;

/**
 * What opening a problem takes from the caller; the lifecycle fills in the rest (state,
 * priority from the matrix, milestones, number and id from the context). A problem opened
 * with a cause already known (from a vendor's advisory, say) may give its `rootCause`, and
 * one opened from incidents that were worked around, its `workaround`.
 */
export const OpenProblemInput = z.strictObject({
  problemStatement: Statement,
  description: Text.optional(),
  category: Label.optional(),
  subcategory: Label.optional(),
  service: RecordId.optional(),
  configurationItems: Ids.optional(),
  impact: Level,
  urgency: Level,
  assignmentGroup: ActorRef.optional(),
  assignee: ActorRef.optional(),
  rootCause: Text.optional(),
  workaround: Text.optional(),
  /** The incidents that led to the problem. */
  relatedIncidents: Ids.optional(),
});
/** What opening a problem takes from the caller. */
export type OpenProblemInput = z.infer<typeof OpenProblemInput>;

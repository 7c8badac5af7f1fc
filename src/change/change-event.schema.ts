import { z } from 'zod';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { ChangeOutcome, ChangeType } from './change-request.schema';
import { ChangeRiskLevel } from './risk-model.schema';

const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);
const Note = z.string().min(1, { error: 'must not be empty' }).max(100_000);
const ShortDescription = z.string().min(1, { error: 'must not be empty' }).max(160);
const Ids = z
  .array(RecordId)
  .max(1_000)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an id' });

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

/** The descriptive and planning fields `update` may change, also given when opening. */
const editable = {
  shortDescription: ShortDescription.optional(),
  description: Text.optional(),
  /** Replaces the list. */
  configurationItems: Ids.optional(),
  risk: ChangeRiskLevel.optional(),
  plannedStart: Instant.optional(),
  plannedEnd: Instant.optional(),
  implementationPlan: Text.optional(),
  backoutPlan: Text.optional(),
  testPlan: Text.optional(),
};

/** The payload of each change event, by type. @internal */
export const CHANGE_EVENT_SCHEMAS = {
  update: event('update', editable),
  assign: event('assign', { assignmentGroup: ActorRef.optional(), assignee: ActorRef.optional(), implementer: ActorRef.optional() }).superRefine((assign, context) => {
    if (assign.assignmentGroup === undefined && assign.assignee === undefined && assign.implementer === undefined) {
      context.addIssue({ code: 'custom', path: ['assignee'], message: 'must give an assignmentGroup, an assignee, an implementer or several' });
    }
    if (assign.assignmentGroup !== undefined && assign.assignmentGroup.kind !== 'group') context.addIssue({ code: 'custom', path: ['assignmentGroup', 'kind'], message: 'must be group' });
    if (assign.assignee !== undefined && assign.assignee.kind !== 'user') context.addIssue({ code: 'custom', path: ['assignee', 'kind'], message: 'must be user' });
    if (assign.implementer !== undefined && assign.implementer.kind !== 'user') context.addIssue({ code: 'custom', path: ['implementer', 'kind'], message: 'must be user' });
  }),
  comment: event('comment', { visibility: z.enum(['work_note', 'comment']), body: Note }),
  assess: event('assess', { note: Note.optional() }),
  request_authorization: event('request_authorization', { note: Note.optional() }),
  schedule: event('schedule', { note: Note.optional() }),
  decide: event('decide', {
    approvalId: RecordId,
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().min(1, { error: 'must not be empty' }).max(10_000).optional(),
  }),
  revert_to_new: event('revert_to_new', { reason: Note }),
  start_implementation: event('start_implementation', { note: Note.optional() }),
  complete_implementation: event('complete_implementation', { outcome: ChangeOutcome, note: Note.optional() }),
  record_review: event('record_review', { reviewNotes: Text }),
  close: event('close', { reviewNotes: Text.optional(), note: Note.optional() }),
  cancel: event('cancel', { reason: Note }),
} as const;

/**
 * An event for a change's lifecycle: a command a person or the system gives. Which events a
 * state accepts is the lifecycle's business (see `docs/change.md`); this is their payload.
 * Reasons and notes become work notes in the change's journal.
 *
 * - `update` — descriptive and planning fields (window, plans, risk, CIs); in `new` and `assess`.
 * - `assign` — assignment group, assignee (change owner) and/or implementer.
 * - `comment` — a work note or a comment.
 * - `assess` — a normal change: `new` → `assess`.
 * - `request_authorization` — `assess` → `authorize` (normal), `new` → `authorize`
 *   (emergency); asks the approvers of the policy's steps for the type and risk.
 * - `schedule` — a standard change: `new` → `scheduled`, no approval.
 * - `decide` — an approver's decision; when every step is satisfied the change is `scheduled`,
 *   when a step can no longer be satisfied it goes back to `new` with open approvals canceled.
 * - `revert_to_new` — from `assess`, `authorize` or `scheduled`; cancels open approvals.
 * - `start_implementation` (`scheduled` → `implement`), `complete_implementation` with the
 *   outcome (`implement` → `review`), `record_review`, `close` (`review` → `closed`).
 * - `cancel` — from any state but `review` and `closed`.
 */
export const ChangeEvent = z.discriminatedUnion('type', [
  CHANGE_EVENT_SCHEMAS.update,
  CHANGE_EVENT_SCHEMAS.assign,
  CHANGE_EVENT_SCHEMAS.comment,
  CHANGE_EVENT_SCHEMAS.assess,
  CHANGE_EVENT_SCHEMAS.request_authorization,
  CHANGE_EVENT_SCHEMAS.schedule,
  CHANGE_EVENT_SCHEMAS.decide,
  CHANGE_EVENT_SCHEMAS.revert_to_new,
  CHANGE_EVENT_SCHEMAS.start_implementation,
  CHANGE_EVENT_SCHEMAS.complete_implementation,
  CHANGE_EVENT_SCHEMAS.record_review,
  CHANGE_EVENT_SCHEMAS.close,
  CHANGE_EVENT_SCHEMAS.cancel,
]);
/** An event for a change's lifecycle. */
export type ChangeEvent = z.infer<typeof ChangeEvent>;

/**
 * What opening a change takes from the caller; the lifecycle fills in the rest (state, number,
 * id, milestones). A standard change names the template it comes from.
 */
export const OpenChangeInput = z.strictObject({
  type: ChangeType,
  templateId: RecordId.optional(),
  shortDescription: ShortDescription,
  description: editable.description,
  configurationItems: editable.configurationItems,
  /** Who asked for the change; the acting user when omitted. */
  requestedBy: ActorRef.optional(),
  assignmentGroup: ActorRef.optional(),
  assignee: ActorRef.optional(),
  implementer: ActorRef.optional(),
  risk: editable.risk,
  plannedStart: editable.plannedStart,
  plannedEnd: editable.plannedEnd,
  implementationPlan: editable.implementationPlan,
  backoutPlan: editable.backoutPlan,
  testPlan: editable.testPlan,
});
/** What opening a change takes from the caller. */
export type OpenChangeInput = z.infer<typeof OpenChangeInput>;

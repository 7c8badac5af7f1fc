import { z } from 'zod';
import { ActorRef, RecordId } from '../core/record-fields.schema';

/** A note, comment or reason: free text. @internal */
export const Note = z.string().min(1, { error: 'must not be empty' }).max(100_000);

/** An event's payload schema: its `type` and its fields, nothing else. @internal */
export const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

/**
 * Who must approve: people or groups (anyone acting for a group may decide for it), each once.
 * @internal
 */
export const Approvers = z
  .array(ActorRef)
  .min(1, { error: 'must name at least one approver' })
  .max(50)
  .superRefine((approvers, context) => {
    const seen = new Set<string>();
    approvers.forEach((approver, index) => {
      if (approver.kind === 'system') context.addIssue({ code: 'custom', path: [index, 'kind'], message: 'must be user or group: the system does not approve' });
      const key = `${approver.kind}:${approver.id}`;
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index], message: 'names an approver twice' });
      seen.add(key);
    });
  });

/** The events of records with approvals (requests and items). @internal */
export const APPROVAL_EVENT_SCHEMAS = {
  request_approval: event('request_approval', { approvers: Approvers, note: Note.optional() }),
  approve_without_approval: event('approve_without_approval', { note: Note.optional() }),
  decide: event('decide', { approvalId: RecordId, decision: z.enum(['approved', 'rejected']), comment: z.string().min(1, { error: 'must not be empty' }).max(10_000).optional() }),
} as const;

/**
 * `assign`: a new assignment group, assignee or both. The kinds are checked here, so a group
 * given as assignee is reported at the event's field rather than the record's.
 * @internal
 */
export const assignEvent = event('assign', { assignmentGroup: ActorRef.optional(), assignee: ActorRef.optional() }).superRefine((assign, context) => {
  if (assign.assignmentGroup === undefined && assign.assignee === undefined) {
    context.addIssue({ code: 'custom', path: ['assignee'], message: 'must give an assignmentGroup, an assignee or both' });
  }
  if (assign.assignee !== undefined && assign.assignee.kind !== 'user') context.addIssue({ code: 'custom', path: ['assignee', 'kind'], message: 'must be user' });
  if (assign.assignmentGroup !== undefined && assign.assignmentGroup.kind !== 'group') {
    context.addIssue({ code: 'custom', path: ['assignmentGroup', 'kind'], message: 'must be group' });
  }
});

/** `comment`: a work note, or a comment the requester sees. @internal */
export const commentEvent = event('comment', { visibility: z.enum(['work_note', 'comment']), body: Note });

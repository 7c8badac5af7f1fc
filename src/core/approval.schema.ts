import { z } from 'zod';
import { ActorRef, Instant, RecordId } from './record-fields.schema';

/** Where one approval stands. */
export const ApprovalState = z.enum(['requested', 'approved', 'rejected', 'canceled']);
/** Where one approval stands. */
export type ApprovalState = z.infer<typeof ApprovalState>;

/**
 * One approver's decision on a record (a service request, a change). A decided approval —
 * approved, rejected or canceled — says when; an open one does not.
 */
export const Approval = z
  .strictObject({
    id: RecordId,
    approver: ActorRef,
    state: ApprovalState,
    requestedAt: Instant,
    decidedAt: Instant.optional(),
    /** Who decided, when the approver is a group and one of its members decided for it. */
    decidedBy: ActorRef.optional(),
    comment: z.string().max(10_000).optional(),
  })
  .superRefine((approval, context) => {
    const decided = approval.state !== 'requested';
    if (decided && approval.decidedAt === undefined) {
      context.addIssue({ code: 'custom', path: ['decidedAt'], message: `is required once the approval is ${approval.state}` });
    }
    if (!decided && approval.decidedAt !== undefined) {
      context.addIssue({ code: 'custom', path: ['decidedAt'], message: 'must be absent while the approval is requested' });
    }
    if (approval.decidedAt !== undefined && approval.decidedAt < approval.requestedAt) {
      context.addIssue({ code: 'custom', path: ['decidedAt'], message: 'must not be before requestedAt' });
    }
  });
/** One approver's decision on a record. */
export type Approval = z.infer<typeof Approval>;

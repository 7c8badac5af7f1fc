import { z } from 'zod';
import { Approval } from '../core/approval.schema';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { checkApprovals, checkAssignment, checkInOrder, checkPresence, checkUnique, failOn } from './request-record-checks';
import { RequestState } from './request-state.schema';

const VariableName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a lower-case identifier such as cost_center' });

/**
 * A request item's answers to its catalog item's questions, by variable name, as
 * `validateRequestVariables` returned them: text, a number, a yes/no, or a list of choices.
 */
export const RequestVariables = z.record(
  VariableName,
  z.union([z.string().max(100_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(500)]),
);
/** A request item's answers, by variable name. */
export type RequestVariables = z.infer<typeof RequestVariables>;

const RequestItemFields = RecordBase.extend({
  /** The service request this item belongs to. */
  request: RecordId,
  /** The catalog item requested, and its name when it was requested. */
  catalogItem: RecordId,
  catalogItemName: z.string().min(1).max(200),
  quantity: z.int().min(1).max(10_000),
  variables: RequestVariables,
  state: RequestState,
  approvals: z.array(Approval).max(50),
  /** The ids of the fulfilment tasks created for the item. */
  tasks: z.array(RecordId).max(100),
  assignmentGroup: ActorRef.optional(),
  assignee: ActorRef.optional(),
  openedAt: Instant,
  approvedAt: Instant.optional(),
  fulfilmentStartedAt: Instant.optional(),
  /** When it was closed: complete, incomplete, skipped, or rejected. */
  closedAt: Instant.optional(),
  canceledAt: Instant.optional(),
  journal: z.array(JournalEntry),
});

const NOT_YET_APPROVED = ['submitted', 'waiting_for_approval', 'rejected'];
const OPEN = ['submitted', 'waiting_for_approval', 'approved', 'in_fulfilment'];
const CLOSED = ['rejected', 'closed_complete', 'closed_incomplete', 'closed_skipped'];

function checkRequestItem(item: z.infer<typeof RequestItemFields>, context: z.RefinementCtx): void {
  const fail = failOn(context);
  const noun = 'item';
  const { state } = item;
  checkAssignment(item, fail);
  checkUnique(item.tasks, 'tasks', fail);
  checkApprovals(item, noun, fail);
  checkPresence(item, 'approvedAt', noun, state, { required: ['approved', 'in_fulfilment'], absent: NOT_YET_APPROVED }, fail);
  // Only fulfilment closes an item complete or incomplete; skipping may come before it.
  checkPresence(item, 'fulfilmentStartedAt', noun, state, { required: ['in_fulfilment', 'closed_complete', 'closed_incomplete'], absent: [...NOT_YET_APPROVED, 'approved'] }, fail);
  checkPresence(item, 'closedAt', noun, state, { required: CLOSED, absent: [...OPEN, 'canceled'] }, fail);
  checkPresence(item, 'canceledAt', noun, state, { required: ['canceled'], absent: [...OPEN, ...CLOSED] }, fail);
  if (item.fulfilmentStartedAt === undefined && item.tasks.length > 0) fail('tasks', 'must be empty until fulfilment starts');
  checkInOrder(item, ['openedAt', 'approvedAt', 'fulfilmentStartedAt', 'closedAt', 'canceledAt'], fail);
  if (item.updatedAt < item.createdAt) fail('updatedAt', 'must not be before createdAt');
}

/**
 * The request item schema of a lifecycle with added states: `behavesAs` maps each added state to
 * the built-in state whose field rules it follows.
 * @internal
 */
export function requestItemSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<RequestItem> {
  if (behavesAs.size === 0) return RequestItem;
  const states = z.enum([...RequestState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return RequestItemFields.extend({ state: states }).superRefine((item, context) =>
    checkRequestItem({ ...item, state: (behavesAs.get(item.state) ?? item.state) as RequestState }, context),
  ) as unknown as z.ZodType<RequestItem>;
}

/**
 * A request item (ServiceNow's RITM): one catalog item requested, with its quantity and the
 * requester's answers, approved by the catalog item's approvers and fulfilled by its
 * {@link FulfilmentTask}s.
 *
 * The invariants hold at every version: an item waiting for approval has an open approval and
 * only then; a rejected one holds the rejection; it has tasks only once fulfilment started; and
 * `approvedAt`, `fulfilmentStartedAt`, `closedAt` and `canceledAt` are present exactly in the
 * states that have reached them, and in that order. A lifecycle with states of a vendor's own
 * has its own schema, `lifecycle.schema`.
 */
export const RequestItem = RequestItemFields.superRefine(checkRequestItem);
/** A request item as stored, at one version. */
export type RequestItem = z.infer<typeof RequestItem>;

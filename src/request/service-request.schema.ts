import { z } from 'zod';
import { Approval } from '../core/approval.schema';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { checkApprovals, checkInOrder, checkPresence, checkUnique, failOn } from './request-record-checks';
import { RequestState } from './request-state.schema';

const ServiceRequestFields = RecordBase.extend({
  /** The person the request is for; `openedBy` is who submitted it. */
  requestedFor: ActorRef,
  shortDescription: z.string().min(1, { error: 'must not be empty' }).max(160),
  description: z.string().min(1, { error: 'must not be empty; leave it out instead' }).max(32_000).optional(),
  state: RequestState,
  /** The ids of the request's items, in the order they were requested. */
  items: z.array(RecordId).min(1, { error: 'must list at least one item' }).max(100),
  /** Request-level approvals, e.g. by the requester's manager; each item has its own too. */
  approvals: z.array(Approval).max(50),
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

function checkServiceRequest(request: z.infer<typeof ServiceRequestFields>, context: z.RefinementCtx): void {
  const fail = failOn(context);
  const noun = 'request';
  const { state } = request;
  if (request.requestedFor.kind !== 'user') fail(['requestedFor', 'kind'], 'must be user: a request is for a person');
  checkUnique(request.items, 'items', fail);
  checkApprovals(request, noun, fail);
  checkPresence(request, 'approvedAt', noun, state, { required: ['approved', 'in_fulfilment'], absent: NOT_YET_APPROVED }, fail);
  checkPresence(request, 'fulfilmentStartedAt', noun, state, { required: ['in_fulfilment'], absent: [...NOT_YET_APPROVED, 'approved'] }, fail);
  checkPresence(request, 'closedAt', noun, state, { required: CLOSED, absent: [...OPEN, 'canceled'] }, fail);
  checkPresence(request, 'canceledAt', noun, state, { required: ['canceled'], absent: [...OPEN, ...CLOSED] }, fail);
  checkInOrder(request, ['openedAt', 'approvedAt', 'fulfilmentStartedAt', 'closedAt', 'canceledAt'], fail);
  if (request.updatedAt < request.createdAt) fail('updatedAt', 'must not be before createdAt');
}

/**
 * The service request schema of a lifecycle with added states: `behavesAs` maps each added state
 * to the built-in state whose field rules it follows.
 * @internal
 */
export function serviceRequestSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<ServiceRequest> {
  if (behavesAs.size === 0) return ServiceRequest;
  const states = z.enum([...RequestState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return ServiceRequestFields.extend({ state: states }).superRefine((request, context) =>
    checkServiceRequest({ ...request, state: (behavesAs.get(request.state) ?? request.state) as RequestState }, context),
  ) as unknown as z.ZodType<ServiceRequest>;
}

/**
 * A service request (ServiceNow's REQ): what a requester asked for from the service catalog, as
 * one record over its items. Each item is a {@link RequestItem} of its own with its own
 * approvals and fulfilment; the request may need an approval of its own as well, and it closes
 * when its items are closed, with an outcome that follows theirs.
 *
 * The invariants hold at every version: a request waiting for approval has an open approval and
 * only then; a rejected one holds the rejection; `approvedAt`, `fulfilmentStartedAt`, `closedAt`
 * and `canceledAt` are present exactly in the states that have reached them, and in that order.
 * A lifecycle with states of a vendor's own has its own schema, `lifecycle.schema`.
 */
export const ServiceRequest = ServiceRequestFields.superRefine(checkServiceRequest);
/** A service request as stored, at one version. */
export type ServiceRequest = z.infer<typeof ServiceRequest>;

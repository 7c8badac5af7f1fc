import { orThrow, readContextField, resolveContext, runLifecycleCreation, runLifecycleEvent } from '../core/apply-lifecycle-event';
import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import { TenantId } from '../core/record-fields.schema';
import { validationResult, type SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { Approvers } from './request-event-fields';
import { numberFrom, numberingOf, requestLifecycles, stateOf, type SubmitServiceRequestContext } from './request-context';
import type { RequestItem } from './request-item.schema';
import { safeValidateRequestVariables, type VariableValue } from './request-variables';
import type { ServiceRequest } from './service-request.schema';
import { SubmitServiceRequestInput } from './submit-service-request.schema';

/** What submitting a service request made: the request and one item per catalog item requested. */
export interface ServiceRequestSubmission {
  /** The request, created and moved on to `waiting_for_approval` or `approved`. */
  readonly request: RecordChange<ServiceRequest>;
  /** The items, in the order requested, each created and moved on to `waiting_for_approval` or `approved`. */
  readonly items: readonly RecordChange<RequestItem>[];
}

/** A creation and the transition right after it, as one change from nothing. */
function joined<R>(created: RecordChange<R>, moved: RecordChange<R>): RecordChange<R> {
  return deepFreeze({ record: moved.record, previous: undefined, patches: [...created.patches, ...moved.patches], events: [...created.events, ...moved.events] });
}

const SUBJECT = 'service request';

/**
 * Submits a service request from the service catalog: checks each catalog item is active and the
 * requester's answers against its questions, then creates the request and one request item per
 * catalog item, each through its lifecycle: created `submitted`, then on to
 * `waiting_for_approval` with an approval per approver when its catalog item (or, for the
 * request, the input) names approvers, or to `approved` when none. So each record's change holds
 * two events (`….opened`, then `….approval_requested` or `….approved_without_approval`), its
 * patches from nothing, and version 2.
 *
 * @param input - who the request is for, and the catalog items with quantity and answers
 * @param context - now, actor, newId, tenantId and the host's numbering `nextNumber(kind)`;
 *   optionally the lifecycles
 * @returns the request's change and its items' changes
 * @throws {@link ValidationError} naming the path of every problem, e.g.
 *   `items[0].variables.cost_center`; {@link InvalidTransitionError} when a lifecycle's required
 *   fields refuse the first step
 *
 * @example
 * ```ts
 * const { request, items } = submitServiceRequest(
 *   { requestedFor: { kind: 'user', id: 'u-42' }, items: [{ catalogItem: laptop, variables: { model: 'x1' } }] },
 *   { now: new Date(), actor: { kind: 'user', id: 'u-42' }, newId: randomUUID, tenantId: 'acme', nextNumber: (kind) => numbering.next(kind) },
 * );
 * items[0]?.record.state; // => 'waiting_for_approval'
 * ```
 */
export function submitServiceRequest(input: SubmitServiceRequestInput, context: SubmitServiceRequestContext): ServiceRequestSubmission {
  return orThrow(safeSubmitServiceRequest(input, context));
}

/**
 * Like {@link submitServiceRequest}, but returns the error instead of throwing it, and takes
 * `unknown` input: the function for a request body.
 *
 * @param input - anything; typically a parsed request body with the catalog items filled in
 * @param context - as for {@link submitServiceRequest}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws only what the host's `newId` or `nextNumber` throws; every other problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeSubmitServiceRequest(form, context);
 * if (!result.success) showErrors(result.error); // e.g. items[0].variables.cost_center: is required
 * ```
 */
export function safeSubmitServiceRequest(input: unknown, context: SubmitServiceRequestContext): SafeResult<ServiceRequestSubmission, ValidationError | InvalidTransitionError> {
  const parsed = parseWith(SubmitServiceRequestInput, input, SUBJECT);
  if (!parsed.success) return parsed;
  const data = parsed.data;
  const issues: ValidationIssue[] = [];
  const answers: Readonly<Record<string, VariableValue>>[] = [];
  data.items.forEach((requested, index) => {
    const at = ['items', index] as const;
    if (!requested.catalogItem.active) issues.push(issue([...at, 'catalogItem', 'active'], 'must be true: an inactive catalog item cannot be requested'));
    const { approval } = requested.catalogItem;
    if (approval.required) {
      // The catalog's approvers become the item's: each must be able to approve, once.
      const approvers = parseWith(Approvers, approval.approvers, SUBJECT);
      if (!approvers.success) issues.push(...approvers.error.issues.map((found) => ({ ...found, path: [...at, 'catalogItem', 'approval', 'approvers', ...found.path] })));
    }
    const checked = safeValidateRequestVariables(requested.catalogItem, requested.variables);
    if (checked.success) answers.push(checked.data);
    else issues.push(...checked.error.issues.map((found) => ({ ...found, path: [...at, ...found.path] })));
  });
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, SUBJECT) };

  const lifecycles = requestLifecycles(context);
  if (!lifecycles.success) return lifecycles;
  const resolved = resolveContext(context, undefined);
  if (!resolved.success) return resolved;
  const numbering = numberingOf(context);
  if (!numbering.success) return numbering;
  const readTenant = readContextField(typeof context === 'object' && context !== null ? context : {}, 'tenantId');
  if (!readTenant.success) return { success: false, error: new ValidationError([readTenant.issue], 'context') };
  const tenant = parseWith(TenantId, readTenant.value, 'context');
  if (!tenant.success) return { success: false, error: new ValidationError([issue(['tenantId'], 'must be a non-empty string of at most 128 characters')], 'context') };
  const { request: requestLifecycle, item: itemLifecycle, task: taskLifecycle } = lifecycles.data;

  const drawn = validationResult(() => ({ request: resolved.data.newId(), items: data.items.map(() => resolved.data.newId()) }));
  if (!drawn.success) return drawn;
  const ids = drawn.data;
  const requestNumber = numberFrom(numbering.data, 'request');
  if (!requestNumber.success) return requestNumber;
  const itemNumbers: string[] = [];
  for (const _item of data.items) {
    const number = numberFrom(numbering.data, 'requestItem');
    if (!number.success) return number;
    itemNumbers.push(number.data);
  }

  const { now, actor } = resolved.data;
  const base = (id: string, number: string) => ({ id, tenantId: tenant.data, number, version: 1, createdAt: now, updatedAt: now, openedBy: actor, openedAt: now, approvals: [], journal: [] });
  const names = data.items.map(({ catalogItem, quantity }) => (quantity > 1 ? `${catalogItem.name} ×${quantity}` : catalogItem.name)).join(', ');
  const shortDescription = data.shortDescription ?? (names.length <= 160 ? names : `${names.slice(0, 159)}…`);

  const createdRequest = runLifecycleCreation(
    requestLifecycle,
    'service_request',
    () => ({
      ...base(ids.request, requestNumber.data),
      requestedFor: data.requestedFor,
      shortDescription,
      ...(data.description === undefined ? {} : { description: data.description }),
      items: ids.items,
    }),
    context,
    { items: ids.items },
  );
  if (!createdRequest.success) return createdRequest;
  const requestExtra = { items: undefined, itemStateOf: stateOf(itemLifecycle), actorGroups: [] };
  const requestStep = data.approvers === undefined ? { type: 'approve_without_approval' } : { type: 'request_approval', approvers: data.approvers };
  const movedRequest = runLifecycleEvent(requestLifecycle, 'service_request', createdRequest.data.record, requestStep, context, requestExtra);
  if (!movedRequest.success) return movedRequest;

  const items: RecordChange<RequestItem>[] = [];
  const itemExtra = { tasks: undefined, taskStateOf: stateOf(taskLifecycle), actorGroups: [], request: undefined };
  for (const [index, requested] of data.items.entries()) {
    const { catalogItem } = requested;
    const id = ids.items[index] as string;
    const created = runLifecycleCreation(
      itemLifecycle,
      'request_item',
      () => ({
        ...base(id, itemNumbers[index] as string),
        request: ids.request,
        catalogItem: catalogItem.id,
        catalogItemName: catalogItem.name,
        quantity: requested.quantity,
        variables: answers[index],
        tasks: [],
      }),
      context,
      { request: ids.request, catalogItem: catalogItem.id },
    );
    if (!created.success) return created;
    const step = catalogItem.approval.required ? { type: 'request_approval', approvers: catalogItem.approval.approvers } : { type: 'approve_without_approval' };
    const moved = runLifecycleEvent(itemLifecycle, 'request_item', created.data.record, step, context, itemExtra);
    if (!moved.success) return moved;
    items.push(joined(created.data, moved.data));
  }
  return { success: true, data: Object.freeze({ request: joined(createdRequest.data, movedRequest.data), items: Object.freeze(items) }) };
}

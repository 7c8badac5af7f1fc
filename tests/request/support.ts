// Shared fixtures of the request tests: people, catalog items, the host's numbering, and
// stepping each record a minute after its last change with a context that is valid unless a
// test says otherwise.
import {
  DEFAULT_RECORD_NUMBER_FORMATS,
  formatRecordNumber,
  type InvalidTransitionError,
  type RecordChange,
  type SafeResult,
  type ValidationError,
} from '../../src/index';
import {
  defineCatalogItem,
  safeApplyFulfilmentTaskEvent,
  safeApplyRequestItemEvent,
  safeApplyServiceRequestEvent,
  submitServiceRequest,
  type FulfilmentTask,
  type FulfilmentTaskContext,
  type RequestItem,
  type RequestItemChange,
  type RequestItemContext,
  type RequestNumberKind,
  type ServiceRequest,
  type ServiceRequestChange,
  type ServiceRequestContext,
  type ServiceRequestSubmission,
  type SubmitServiceRequestContext,
  type SubmitServiceRequestInput,
} from '../../src/request/index';

export const requester = { kind: 'user', id: 'u-requester', name: 'Rita Requester' } as const;
export const manager = { kind: 'user', id: 'u-manager', name: 'Max Manager' } as const;
export const finance = { kind: 'group', id: 'g-finance', name: 'Finance' } as const;
export const financeMember = { kind: 'user', id: 'u-fiona' } as const;
export const agent = { kind: 'user', id: 'u-agent' } as const;
export const outsider = { kind: 'user', id: 'u-outsider' } as const;
export const logistics = { kind: 'group', id: 'g-logistics' } as const;
export const desk = { kind: 'group', id: 'g-desk' } as const;

/** Monday 2026-11-23, 09:00 in Berlin. */
export const OPENED = '2026-11-23T08:00:00.000Z';

/** The instant `minutes` after `iso`. */
export const after = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A source of fresh ids: `id-1`, `id-2`, … */
export function idSource(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** The host's numbering: REQ…, RITM…, TASK… from 1 each, as the store's sequence would give. */
export function numbering(): (kind: RequestNumberKind) => string {
  const sequences = new Map<RequestNumberKind, number>();
  return (kind) => {
    const next = (sequences.get(kind) ?? 0) + 1;
    sequences.set(kind, next);
    return formatRecordNumber(DEFAULT_RECORD_NUMBER_FORMATS[kind], next);
  };
}

/** Needs the manager's and Finance's approval; fulfilled in two steps. */
export const laptop = defineCatalogItem({
  id: 'cat-laptop',
  name: 'Standard laptop',
  active: true,
  variables: [
    { name: 'model', label: 'Model', type: 'choice', required: true, choices: [{ value: 'x1', label: 'X1 Carbon' }, { value: 'mbp', label: 'MacBook Pro' }] },
    { name: 'cost_center', label: 'Cost center', type: 'text', required: true, pattern: 'CC-\\d{4}' },
  ],
  approval: { required: true, approvers: [manager, finance] },
  fulfilmentTasks: [
    { shortDescription: 'Ship to the requester', assignmentGroup: logistics, order: 2 },
    { shortDescription: 'Image the laptop', assignmentGroup: desk, order: 1 },
  ],
});

/** Needs no approval and no tasks. */
export const mouse = defineCatalogItem({
  id: 'cat-mouse',
  name: 'Wireless mouse',
  active: true,
  variables: [],
  approval: { required: false },
  fulfilmentTasks: [],
});

export const laptopAnswers = { model: 'x1', cost_center: 'CC-1234' };

/** A context for submitting, at {@link OPENED} by the requester. */
export function submitContext(overrides: Partial<SubmitServiceRequestContext> = {}): SubmitServiceRequestContext {
  return { now: OPENED, actor: requester, newId: idSource(), tenantId: 'acme', nextNumber: numbering(), ...overrides };
}

/** Submits a laptop and two mice for the requester, unless the input says otherwise. */
export function submit(input: Partial<SubmitServiceRequestInput> = {}, context: Partial<SubmitServiceRequestContext> = {}): ServiceRequestSubmission {
  return submitServiceRequest(
    { requestedFor: requester, items: [{ catalogItem: laptop, variables: laptopAnswers }, { catalogItem: mouse, quantity: 2 }], ...input },
    submitContext(context),
  );
}

type Result<T> = SafeResult<T, ValidationError | InvalidTransitionError>;

const expectAccepted = <T>(result: Result<T>, what: unknown): T => {
  if (!result.success) throw new Error(`expected ${JSON.stringify(what)} to be accepted, got ${result.error.message}`);
  return result.data;
};

/** Applies an event to an item a minute after its last change, by the agent unless the context says otherwise. */
export function stepItem(item: RequestItem, event: unknown, context: Partial<RequestItemContext> = {}): Result<RequestItemChange> {
  return safeApplyRequestItemEvent(item, event, { now: after(item.updatedAt, 1), actor: agent, newId: idSource('j'), ...context });
}
export function applyItem(item: RequestItem, event: unknown, context: Partial<RequestItemContext> = {}): RequestItemChange {
  return expectAccepted(stepItem(item, event, context), event);
}

/** Applies an event to a request a minute after its last change, by the agent unless the context says otherwise. */
export function stepRequest(request: ServiceRequest, event: unknown, context: Partial<ServiceRequestContext> = {}): Result<ServiceRequestChange> {
  return safeApplyServiceRequestEvent(request, event, { now: after(request.updatedAt, 1), actor: agent, newId: idSource('j'), ...context });
}
export function applyRequest(request: ServiceRequest, event: unknown, context: Partial<ServiceRequestContext> = {}): ServiceRequestChange {
  return expectAccepted(stepRequest(request, event, context), event);
}

/** Applies an event to a task a minute after its last change, by the agent unless the context says otherwise. */
export function stepTask(task: FulfilmentTask, event: unknown, context: Partial<FulfilmentTaskContext> = {}): Result<RecordChange<FulfilmentTask>> {
  return safeApplyFulfilmentTaskEvent(task, event, { now: after(task.updatedAt, 1), actor: agent, newId: idSource('j'), ...context });
}
export function applyTask(task: FulfilmentTask, event: unknown, context: Partial<FulfilmentTaskContext> = {}): RecordChange<FulfilmentTask> {
  return expectAccepted(stepTask(task, event, context), event);
}

/** Applies item events in order and returns the final item. */
export function driveItem(item: RequestItem, events: readonly unknown[], context: Partial<RequestItemContext> = {}): RequestItem {
  return events.reduce<RequestItem>((current, event) => applyItem(current, event, context).record, item);
}

/** The error of a refused step. */
export function refused<T>(result: Result<T>): ValidationError | InvalidTransitionError {
  if (result.success) throw new Error('expected the step to be refused');
  return result.error;
}

/** A request item as stored, `submitted`, for tests that drive an item from its start. */
export const submittedItem: RequestItem = {
  id: 'ritm-1',
  tenantId: 'acme',
  number: 'RITM0000001',
  version: 1,
  createdAt: OPENED,
  updatedAt: OPENED,
  openedBy: requester,
  request: 'req-1',
  catalogItem: 'cat-laptop',
  catalogItemName: 'Standard laptop',
  quantity: 1,
  variables: { model: 'x1', cost_center: 'CC-1234' },
  state: 'submitted',
  approvals: [],
  tasks: [],
  openedAt: OPENED,
  journal: [],
};

/** A service request as stored, `submitted`, with two items. */
export const submittedRequest: ServiceRequest = {
  id: 'req-1',
  tenantId: 'acme',
  number: 'REQ0000001',
  version: 1,
  createdAt: OPENED,
  updatedAt: OPENED,
  openedBy: requester,
  requestedFor: requester,
  shortDescription: 'Standard laptop, Wireless mouse',
  state: 'submitted',
  items: ['ritm-1', 'ritm-2'],
  approvals: [],
  openedAt: OPENED,
  journal: [],
};

/** A fulfilment task as stored, `open`. */
export const openTask: FulfilmentTask = {
  id: 'task-1',
  tenantId: 'acme',
  number: 'TASK0000001',
  version: 1,
  createdAt: OPENED,
  updatedAt: OPENED,
  openedBy: agent,
  request: 'req-1',
  requestItem: 'ritm-1',
  shortDescription: 'Image the laptop',
  assignmentGroup: desk,
  order: 1,
  state: 'open',
  openedAt: OPENED,
  journal: [],
};

/**
 * The request's two items closed with the given outcomes: each is driven from `submitted`
 * through its lifecycle, so it is a record the library itself could have produced.
 */
export function closedItems(outcomes: readonly ('complete' | 'close_incomplete' | 'skip' | 'cancel' | 'reject' | 'open')[]): RequestItem[] {
  return outcomes.map((outcome, index) => {
    const item = { ...submittedItem, id: `ritm-${index + 1}`, number: `RITM000000${index + 1}` };
    const approved = driveItem(item, [{ type: 'approve_without_approval' }]);
    switch (outcome) {
      case 'complete':
        return driveItem(approved, [{ type: 'start_fulfilment' }, { type: 'complete' }]);
      case 'close_incomplete':
        return driveItem(approved, [{ type: 'start_fulfilment' }, { type: 'close_incomplete', reason: 'out of stock' }]);
      case 'skip':
        return driveItem(approved, [{ type: 'skip', reason: 'not needed' }]);
      case 'cancel':
        return driveItem(approved, [{ type: 'cancel', reason: 'withdrawn' }]);
      case 'reject': {
        const waiting = driveItem(item, [{ type: 'request_approval', approvers: [manager] }]);
        return driveItem(waiting, [{ type: 'decide', approvalId: waiting.approvals[0]?.id, decision: 'rejected' }], { actor: manager });
      }
      case 'open':
        return driveItem(approved, [{ type: 'start_fulfilment' }]);
    }
  });
}

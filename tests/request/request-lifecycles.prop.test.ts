import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches, type Patch } from 'immer';
import { describe, expect } from 'vitest';
import type { Approval, InvalidTransitionError, RecordChange, SafeResult, ValidationError } from '../../src/index';
import {
  defineCatalogItem,
  defineFulfilmentTaskLifecycle,
  defineRequestItemLifecycle,
  defineServiceRequestLifecycle,
  FulfilmentTaskEvent,
  RequestItemEvent,
  safeApplyFulfilmentTaskEvent,
  safeApplyRequestItemEvent,
  safeApplyServiceRequestEvent,
  safeStartFulfilment,
  safeSubmitServiceRequest,
  ServiceRequestEvent,
  type FulfilmentTask,
  type RequestItem,
  type ServiceRequest,
} from '../../src/request/index';
import { anyValue } from '../support';
import {
  after,
  agent,
  applyTask,
  closedItems,
  desk,
  finance,
  financeMember,
  idSource,
  laptop,
  laptopAnswers,
  manager,
  mouse,
  numbering,
  OPENED,
  openTask,
  outsider,
  requester,
  submitContext,
  submittedItem,
  submittedRequest,
} from './support';

enablePatches();

type Result<R> = SafeResult<RecordChange<R> & { readonly itemChanges?: readonly RecordChange<RequestItem>[]; readonly taskChanges?: readonly RecordChange<FulfilmentTask>[] }, ValidationError | InvalidTransitionError>;

/** A candidate step: an event (valid or not) and who sends it with what in the context. */
interface Step {
  readonly label: string;
  readonly event: unknown;
  readonly actor?: { readonly kind: 'user'; readonly id: string };
  readonly context?: Readonly<Record<string, unknown>>;
}

/** One of the three lifecycles as the properties see it. */
interface Subject<R extends { readonly state: string; readonly updatedAt: string; readonly version: number }> {
  readonly name: string;
  readonly initial: R;
  readonly schema: { safeParse: (value: unknown) => { success: boolean } };
  readonly ended: readonly string[];
  readonly steps: (record: R) => readonly Step[];
  readonly apply: (record: R, step: Step, laterMinutes: number) => Result<R>;
}

// Lifecycles with a host's options, so the properties hold beyond the defaults.
const lifecycles = {
  request: defineServiceRequestLifecycle({ extend: { states: { on_hold: { behavesAs: 'in_fulfilment' } }, transitions: [{ event: 'hold', from: ['in_fulfilment'], to: 'on_hold' }, { event: 'release', from: ['on_hold'], to: 'in_fulfilment' }] } }),
  item: defineRequestItemLifecycle({ extend: { states: { awaiting_stock: { behavesAs: 'in_fulfilment' } }, transitions: [{ event: 'wait_for_stock', from: ['in_fulfilment'], to: 'awaiting_stock' }, { event: 'stock_arrived', from: ['awaiting_stock'], to: 'in_fulfilment' }] } }),
  task: defineFulfilmentTaskLifecycle({ requiredFields: { close: ['assignee'] } }),
};

const ENDED = ['rejected', 'closed_complete', 'closed_incomplete', 'closed_skipped', 'canceled'];

const decisions = (approvals: readonly Approval[]): Step[] =>
  approvals
    .filter((approval) => approval.state === 'requested')
    .flatMap((approval) => {
      const actor = approval.approver.kind === 'group' ? financeMember : manager;
      return [
        { label: `approve ${approval.id}`, event: { type: 'decide', approvalId: approval.id, decision: 'approved' }, actor, context: { actorGroups: [finance.id] } },
        { label: `reject ${approval.id}`, event: { type: 'decide', approvalId: approval.id, decision: 'rejected', comment: 'no budget' }, actor, context: { actorGroups: [finance.id] } },
        { label: `outsider decides ${approval.id}`, event: { type: 'decide', approvalId: approval.id, decision: 'approved' }, actor: outsider },
      ];
    });

// The item's one task, open and closed, as the context gives it.
const itemTask: FulfilmentTask = { ...openTask, requestItem: submittedItem.id, assignee: agent };
const itemTaskDone = applyTask(itemTask, { type: 'close', outcome: 'complete' }, { lifecycles, tasks: [itemTask] }).record;

const itemSteps: readonly Step[] = [
  { label: 'request approval', event: { type: 'request_approval', approvers: [manager, finance] } },
  { label: 'request approval twice over', event: { type: 'request_approval', approvers: [manager, manager] } },
  { label: 'approve without approval', event: { type: 'approve_without_approval' } },
  { label: 'start fulfilment', event: { type: 'start_fulfilment' } },
  { label: 'start fulfilment with a task', event: { type: 'start_fulfilment', tasks: [itemTask.id] } },
  { label: 'wait for stock', event: { type: 'wait_for_stock', note: 'ordered' } },
  { label: 'stock arrived', event: { type: 'stock_arrived' } },
  { label: 'complete with the task open', event: { type: 'complete' }, context: { tasks: [itemTask] } },
  { label: 'complete with the task done', event: { type: 'complete' }, context: { tasks: [itemTaskDone] } },
  { label: 'close incomplete', event: { type: 'close_incomplete', reason: 'out of stock' }, context: { tasks: [itemTaskDone] } },
  { label: 'skip', event: { type: 'skip', reason: 'not needed' }, context: { tasks: [itemTaskDone] } },
  { label: 'cancel with the task open', event: { type: 'cancel', reason: 'withdrawn' }, context: { tasks: [itemTask] } },
  { label: 'cancel without a reason', event: { type: 'cancel' } },
  { label: 'assign', event: { type: 'assign', assignmentGroup: desk, assignee: agent } },
  { label: 'assign a group as assignee', event: { type: 'assign', assignee: desk } },
  { label: 'comment', event: { type: 'comment', visibility: 'comment', body: 'On its way' } },
];

const allClosed = closedItems(['complete', 'skip']);
const requestSteps: readonly Step[] = [
  { label: 'request approval', event: { type: 'request_approval', approvers: [manager, finance] } },
  { label: 'approve without approval', event: { type: 'approve_without_approval' } },
  { label: 'start fulfilment', event: { type: 'start_fulfilment' } },
  { label: 'hold', event: { type: 'hold' } },
  { label: 'release', event: { type: 'release' } },
  { label: 'close with items closed', event: { type: 'close' }, context: { items: allClosed } },
  { label: 'close with an item incomplete', event: { type: 'close' }, context: { items: closedItems(['reject', 'complete']) } },
  { label: 'close with items skipped', event: { type: 'close' }, context: { items: closedItems(['skip', 'cancel']) } },
  { label: 'close with items canceled', event: { type: 'close' }, context: { items: closedItems(['cancel', 'cancel']) } },
  { label: 'close with an item open', event: { type: 'close' }, context: { items: closedItems(['open', 'complete']) } },
  { label: 'close without items', event: { type: 'close' } },
  { label: 'cancel with items open', event: { type: 'cancel', reason: 'duplicate' }, context: { items: [submittedItem, { ...submittedItem, id: 'ritm-2', number: 'RITM0000002' }], tasks: [itemTask] } },
  { label: 'comment', event: { type: 'comment', visibility: 'work_note', body: 'Chased Finance' } },
  { label: 'comment with no body', event: { type: 'comment', visibility: 'work_note', body: '' } },
];

const taskSteps: readonly Step[] = [
  { label: 'start', event: { type: 'start' } },
  { label: 'close complete', event: { type: 'close', outcome: 'complete', note: 'done' } },
  { label: 'close incomplete', event: { type: 'close', outcome: 'incomplete' } },
  { label: 'close skipped', event: { type: 'close', outcome: 'skipped' } },
  { label: 'close with an unknown outcome', event: { type: 'close', outcome: 'done' } },
  { label: 'cancel', event: { type: 'cancel', reason: 'withdrawn' } },
  { label: 'assign', event: { type: 'assign', assignee: agent } },
  { label: 'unassign', event: { type: 'assign' } },
  { label: 'comment', event: { type: 'comment', visibility: 'comment', body: 'Shipped' } },
];

// A record that is not one (the junk-record law) has no last change to count from.
const lastChange = (record: unknown): string => {
  const updatedAt = typeof record === 'object' && record !== null ? (record as { updatedAt?: unknown }).updatedAt : undefined;
  return typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) ? updatedAt : OPENED;
};
const contextFor = (record: unknown, step: Step, laterMinutes: number) => ({
  now: after(lastChange(record), laterMinutes),
  actor: step.actor ?? agent,
  newId: idSource(`j-${lastChange(record)}`),
  lifecycles,
  ...step.context,
});

const itemSubject: Subject<RequestItem> = {
  name: 'request item',
  initial: submittedItem,
  schema: lifecycles.item.schema,
  ended: ENDED,
  steps: (item) => [...itemSteps, ...decisions(item.approvals)],
  apply: (item, step, later) => safeApplyRequestItemEvent(item, step.event, contextFor(item, step, later)),
};
const requestSubject: Subject<ServiceRequest> = {
  name: 'service request',
  initial: submittedRequest,
  schema: lifecycles.request.schema,
  ended: ENDED,
  steps: (request) => [...requestSteps, ...decisions(request.approvals)],
  apply: (request, step, later) => safeApplyServiceRequestEvent(request, step.event, contextFor(request, step, later)),
};
const taskSubject: Subject<FulfilmentTask> = {
  name: 'fulfilment task',
  initial: openTask,
  schema: lifecycles.task.schema,
  ended: ['closed_complete', 'closed_incomplete', 'closed_skipped', 'canceled'],
  steps: () => taskSteps,
  // The only task of its item: none of a lower order to wait for.
  apply: (task, step, later) => safeApplyFulfilmentTaskEvent(task, step.event, { ...contextFor(task, step, later), tasks: [] }),
};

type AnySubject = Subject<{ readonly state: string; readonly updatedAt: string; readonly version: number }>;
// Named for fast-check, so a counterexample reads `request item` rather than a schema dump.
const subject = fc.constantFrom(...([itemSubject, requestSubject, taskSubject] as unknown as AnySubject[]).map((of) => Object.assign(Object.create(of) as AnySubject, { [fc.toStringMethod]: () => of.name })));

/** Picks of candidate steps, each with how many minutes after the last change it happens. */
const walk = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 600 })), { maxLength: 14 });

/** Runs a walk, calling `visit` with each change accepted; returns the records passed through. */
function run(of: AnySubject, picks: readonly (readonly [number, number])[], visit: (change: RecordChange<unknown>, step: Step) => void = () => undefined) {
  let record = of.initial;
  const seen = [record];
  for (const [pick, later] of picks) {
    const candidates = of.steps(record);
    const step = candidates[pick % candidates.length] as Step;
    const result = of.apply(record, step, later);
    if (!result.success) {
      // A refusal is for the event or the state, never because the change would break the record.
      expect((result.error.details as { subject?: string }).subject ?? '').not.toContain(' after ');
      continue;
    }
    visit(result.data, step);
    record = result.data.record;
    seen.push(record);
  }
  return seen;
}

const approvalsKey = (record: unknown): string => {
  const approvals = (record as { approvals?: readonly Approval[] }).approvals ?? [];
  return approvals.map((approval) => approval.state).join(',');
};

describe('request lifecycles: laws', () => {
  test.prop([subject, walk], { numRuns: 150 })('random event sequences keep every request, item and task valid against its schema, and no step is refused for breaking it', (of, picks) => {
    run(of, picks, (change) => {
      expect(of.schema.safeParse(change.record).success).toBe(true);
      expect((change.record as { version: number }).version).toBe((change.previous as { version: number }).version + 1);
    });
  });

  test.prop([subject, walk], { numRuns: 30 })('a closed, rejected or canceled record accepts no event', (of, picks) => {
    // The walk's records, and every record one step from them: final states that take several
    // particular steps (an item's closed_complete) are then examined on most walks.
    const near = run(of, picks).flatMap((record) => [
      record,
      ...of.steps(record).flatMap((step) => {
        const result = of.apply(record, step, 1);
        return result.success ? [result.data.record] : [];
      }),
    ]);
    const ended = near.filter((record) => of.ended.includes(record.state));
    for (const record of ended) {
      for (const step of of.steps(record)) {
        const result = of.apply(record, step, 1);
        expect(result.success).toBe(false);
        // A payload that is not valid is reported as such before the state is asked.
        if (!result.success) expect(['invalid_transition', 'validation']).toContain(result.error.code);
        if (!result.success && result.error.code === 'validation') expect(FulfilmentTaskEvent.safeParse(step.event).success || RequestItemEvent.safeParse(step.event).success || ServiceRequestEvent.safeParse(step.event).success).toBe(false);
      }
    }
  });

  // Whether a closed or canceled state is reachable from a record, breadth-first over the
  // domain function; remembered by state and approval progress, which is all the steps read.
  const canEnd = new Map<string, boolean>();
  const endReachable = (of: AnySubject, start: AnySubject['initial']): boolean => {
    const startKey = `${of.name}|${start.state}|${approvalsKey(start)}`;
    const known = canEnd.get(startKey);
    if (known !== undefined) return known;
    const seen = new Set<string>([startKey]);
    let frontier = [start];
    let found = of.ended.includes(start.state);
    for (let depth = 0; depth < 6 && !found && frontier.length > 0; depth++) {
      const next: (typeof frontier)[number][] = [];
      for (const record of frontier) {
        for (const step of of.steps(record)) {
          const result = of.apply(record, step, 1);
          if (!result.success) continue;
          const reached = result.data.record;
          const key = `${of.name}|${reached.state}|${approvalsKey(reached)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (of.ended.includes(reached.state)) found = true;
          next.push(reached);
        }
      }
      frontier = next;
    }
    canEnd.set(startKey, found);
    return found;
  };

  test.prop([subject, walk], { numRuns: 60 })('from every reachable state, a closed or canceled state is reachable', (of, picks) => {
    for (const record of run(of, picks)) {
      const near = [record, ...of.steps(record).flatMap((step) => {
        const result = of.apply(record, step, 1);
        return result.success ? [result.data.record] : [];
      })];
      for (const reached of near) expect({ state: reached.state, approvals: approvalsKey(reached), canEnd: endReachable(of, reached) }).toMatchObject({ canEnd: true });
    }
  });

  test.prop([subject, walk], { numRuns: 150 })('applyPatches(previous, patches) gives the new record, for every record a change touches', (of, picks) => {
    run(of, picks, (change) => {
      const cascaded = change as { itemChanges?: readonly RecordChange<unknown>[]; taskChanges?: readonly RecordChange<unknown>[] };
      for (const touched of [change, ...(cascaded.itemChanges ?? []), ...(cascaded.taskChanges ?? [])]) {
        expect(applyPatches(touched.previous as object, touched.patches as Patch[])).toEqual(touched.record);
      }
    });
  });

  const catalogChoice = fc.subarray([
    { catalogItem: laptop, variables: laptopAnswers },
    { catalogItem: mouse, quantity: 3 },
    { catalogItem: defineCatalogItem({ ...mouse, id: 'cat-dock', name: 'Dock', approval: { required: true, approvers: [finance] } }) },
  ], { minLength: 1 });
  test.prop([catalogChoice, fc.boolean()], { numRuns: 30 })('applyPatches({}, patches) gives each record a submission and a fulfilment start create', (items, withApprovers) => {
    const result = safeSubmitServiceRequest({ requestedFor: requester, items, ...(withApprovers ? { approvers: [manager] } : {}) }, submitContext({ lifecycles }));
    expect(result.success).toBe(true);
    if (!result.success) return;
    for (const created of [result.data.request, ...result.data.items]) expect(applyPatches({}, created.patches as Patch[])).toEqual(created.record);
    for (const [index, item] of result.data.items.entries()) {
      if (item.record.state !== 'approved') continue;
      const catalogItem = items[index]?.catalogItem;
      const started = safeStartFulfilment(item.record, catalogItem, { now: after(OPENED, 1), actor: agent, newId: idSource('t'), nextNumber: numbering(), lifecycles });
      expect(started.success).toBe(true);
      if (!started.success) continue;
      for (const created of started.data.tasks) expect(applyPatches({}, created.patches as Patch[])).toEqual(created.record);
    }
  });

  const frozenJson = (value: unknown) => JSON.stringify(value);
  test.prop([subject, anyValue], { numRuns: 200 })('any value as an event is a validation error, never a TypeError, and changes nothing', (of, value) => {
    fc.pre(!FulfilmentTaskEvent.safeParse(value).success && !RequestItemEvent.safeParse(value).success && !ServiceRequestEvent.safeParse(value).success);
    const before = frozenJson(of.initial);
    const result = of.apply(of.initial, { label: 'any', event: value }, 1);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('validation');
    expect(frozenJson(of.initial)).toBe(before);
  });

  test.prop([subject, anyValue], { numRuns: 100 })('any value as the record is a validation error', (of, value) => {
    const result = of.apply(value as never, { label: 'comment', event: { type: 'comment', visibility: 'work_note', body: 'x' } }, 1);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('validation');
  });

  test.prop([anyValue], { numRuns: 100 })('any value as submission input, catalog item or context is a validation error', (value) => {
    const submitted = safeSubmitServiceRequest(value, submitContext());
    expect(submitted.success ? 'accepted' : submitted.error.code).toBe('validation');
    const approved = { ...submittedItem, state: 'approved', approvedAt: OPENED } as const;
    const started = safeStartFulfilment(approved, value, { now: OPENED, actor: agent, newId: idSource(), nextNumber: numbering() });
    expect(started.success ? 'accepted' : started.error.code).toBe('validation');
    const withContext = safeApplyRequestItemEvent(approved, { type: 'comment', visibility: 'work_note', body: 'x' }, value as never);
    expect(withContext.success ? 'accepted' : withContext.error.code).toBe('validation');
    const submittedWithContext = safeSubmitServiceRequest({ requestedFor: requester, items: [{ catalogItem: mouse }] }, value as never);
    expect(submittedWithContext.success ? 'accepted' : submittedWithContext.error.code).toBe('validation');
  });
});

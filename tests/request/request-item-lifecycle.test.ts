import { describe, expect, it } from 'vitest';
import { allowedEvents } from '../../src/index';
import { defineRequestItemLifecycle, defineServiceRequestLifecycle, safeDefineRequestItemLifecycle, startFulfilment, type FulfilmentTask, type RequestItem } from '../../src/request/index';
import {
  after,
  agent,
  applyItem,
  applyRequest,
  applyTask,
  closedItems,
  desk,
  driveItem,
  finance,
  financeMember,
  idSource,
  laptop,
  manager,
  numbering,
  outsider,
  refused,
  stepItem,
  submit,
  submittedItem,
  submittedRequest,
} from './support';

const waitingLaptop = (): RequestItem => submit().items[0]?.record as RequestItem;
const approvalOf = (item: RequestItem, approverId: string): string => item.approvals.find((approval) => approval.approver.id === approverId)?.id ?? 'missing';
const byManager = (item: RequestItem, decision: 'approved' | 'rejected', comment?: string) =>
  applyItem(item, { type: 'decide', approvalId: approvalOf(item, manager.id), decision, ...(comment === undefined ? {} : { comment }) }, { actor: manager });
const byFinance = (item: RequestItem, decision: 'approved' | 'rejected') =>
  applyItem(item, { type: 'decide', approvalId: approvalOf(item, finance.id), decision }, { actor: financeMember, actorGroups: [finance.id] });

/** An approved laptop in fulfilment, with its two open tasks. */
function inFulfilment(): { item: RequestItem; tasks: FulfilmentTask[] } {
  const approved = byFinance(byManager(waitingLaptop(), 'approved').record, 'approved').record;
  const started = startFulfilment(approved, laptop, { now: after(approved.updatedAt, 1), actor: agent, newId: idSource('t'), nextNumber: numbering() });
  return { item: started.item.record, tasks: started.tasks.map((task) => task.record) };
}

describe('request item approval', () => {
  it('stays waiting until every approver approved, then is approved', () => {
    const first = byManager(waitingLaptop(), 'approved', 'Fine by me').record;
    expect(first.state).toBe('waiting_for_approval');
    expect(first.approvals.find((approval) => approval.approver.id === manager.id)).toMatchObject({ state: 'approved', comment: 'Fine by me', decidedAt: first.updatedAt });
    const second = byFinance(first, 'approved');
    expect(second.record).toMatchObject({ state: 'approved', approvedAt: second.record.updatedAt });
    expect(second.events[0]).toMatchObject({ type: 'request_item.decided', data: { from: 'waiting_for_approval', to: 'approved', decision: 'approved' } });
  });

  it('is rejected by any rejection, and the approvals still open are canceled', () => {
    const rejected = byFinance(waitingLaptop(), 'rejected').record;
    expect(rejected.state).toBe('rejected');
    expect(rejected.approvals.map((approval) => [approval.approver.id, approval.state])).toEqual([
      [manager.id, 'canceled'],
      [finance.id, 'rejected'],
    ]);
    expect(rejected.closedAt).toBe(rejected.updatedAt);
  });

  it('is rejected by a rejection after others approved', () => {
    expect(byFinance(byManager(waitingLaptop(), 'approved').record, 'rejected').record.state).toBe('rejected');
  });

  it('records who decided for a group approver', () => {
    const decided = byFinance(waitingLaptop(), 'approved').record;
    expect(decided.approvals.find((approval) => approval.approver.id === finance.id)?.decidedBy).toEqual(financeMember);
    expect(byManager(waitingLaptop(), 'approved').record.approvals.find((approval) => approval.approver.id === manager.id)?.decidedBy).toBeUndefined();
  });

  it('refuses a decision by someone who is not the approver, or not acting for the approving group', () => {
    const item = waitingLaptop();
    const notManager = refused(stepItem(item, { type: 'decide', approvalId: approvalOf(item, manager.id), decision: 'approved' }, { actor: outsider }));
    expect(notManager.code).toBe('invalid_transition');
    expect(notManager.message).toContain('user u-outsider is not the approver of');
    const notInFinance = refused(stepItem(item, { type: 'decide', approvalId: approvalOf(item, finance.id), decision: 'approved' }, { actor: financeMember, actorGroups: ['g-other'] }));
    expect(notInFinance.message).toContain('does not act for that group');
  });

  it('refuses deciding an approval twice, and an approval the item does not have', () => {
    const item = byManager(waitingLaptop(), 'approved').record;
    const twice = refused(stepItem(item, { type: 'decide', approvalId: approvalOf(item, manager.id), decision: 'rejected' }, { actor: manager }));
    expect(twice.message).toContain('is already approved');
    expect(refused(stepItem(item, { type: 'decide', approvalId: 'ap-x', decision: 'approved' }, { actor: manager })).message).toContain('approval ap-x is not an approval of RITM0000001');
  });

  it('under first_response, is settled by the first decision', () => {
    const lifecycles = { item: defineRequestItemLifecycle({ approvalRule: 'first_response' }) };
    const item = submit({}, { lifecycles }).items[0]?.record as RequestItem;
    const decided = applyItem(item, { type: 'decide', approvalId: approvalOf(item, manager.id), decision: 'approved' }, { actor: manager, lifecycles }).record;
    expect(decided.state).toBe('approved');
    expect(decided.approvals.map((approval) => approval.state)).toEqual(['approved', 'canceled']);
  });

  it('is approved without approval only from submitted', () => {
    expect(applyItem(submittedItem, { type: 'approve_without_approval', note: 'standard item' }).record).toMatchObject({ state: 'approved', journal: [{ kind: 'work_note', body: 'standard item' }] });
    expect(refused(stepItem(waitingLaptop(), { type: 'approve_without_approval' })).code).toBe('invalid_transition');
  });
});

describe('request item fulfilment', () => {
  it('cannot complete while a task is open, and the reason names the open tasks', () => {
    const { item, tasks } = inFulfilment();
    const error = refused(stepItem(item, { type: 'complete' }, { tasks }));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain('fulfilment tasks TASK0000001, TASK0000002 are still open');
    const [first, second] = tasks as [FulfilmentTask, FulfilmentTask];
    const done = applyTask(first, { type: 'close', outcome: 'complete' }, { tasks }).record;
    expect(refused(stepItem(item, { type: 'complete' }, { tasks: [done, second] })).message).toContain('fulfilment task TASK0000002 is still open');
    const canceled = applyTask(second, { type: 'cancel', reason: 'not needed' }).record;
    expect(applyItem(item, { type: 'complete' }, { tasks: [done, canceled] }).record.state).toBe('closed_complete');
  });

  it('cannot close incomplete or skip while a task is open either', () => {
    const { item, tasks } = inFulfilment();
    expect(refused(stepItem(item, { type: 'close_incomplete', reason: 'out of stock' }, { tasks })).message).toContain('are still open');
    expect(refused(stepItem(item, { type: 'skip', reason: 'no longer needed' }, { tasks })).message).toContain('are still open');
  });

  it("cannot close without being given each of its tasks, since one might be open", () => {
    const { item, tasks } = inFulfilment();
    // In order: the second waits for the first.
    const first = applyTask(tasks[0]!, { type: 'close', outcome: 'complete' }, { tasks }).record;
    const closed = [first, applyTask(tasks[1]!, { type: 'close', outcome: 'complete' }, { tasks: [first, tasks[1]!] }).record];
    expect(refused(stepItem(item, { type: 'complete' })).message).toContain('fulfilment tasks t-1, t-2 of RITM0000001 must be given');
    expect(refused(stepItem(item, { type: 'complete' }, { tasks: closed.slice(1) })).message).toContain('fulfilment task t-1 of RITM0000001 must be given');
  });

  it('is skipped from approved before fulfilment starts', () => {
    const approved = applyItem(submittedItem, { type: 'approve_without_approval' }).record;
    expect(applyItem(approved, { type: 'skip', reason: 'the requester already has one' }).record).toMatchObject({ state: 'closed_skipped', tasks: [] });
  });
});

describe('the last item to end closes its request', () => {
  const [done, open] = closedItems(['complete', 'open']) as [RequestItem, RequestItem];
  const request = submittedRequest;

  it('closes the request as its items decide, in the same change, when given the request and all its items', () => {
    const change = applyItem(open, { type: 'skip', reason: 'not needed after all' }, { request, items: [done, open] });
    expect(change.record.state).toBe('closed_skipped');
    expect(change.requestChange?.record).toMatchObject({ id: 'req-1', state: 'closed_complete', closedAt: change.record.updatedAt, version: 2 });
    expect(change.requestChange?.events.map((event) => event.type)).toEqual(['service_request.closed']);
    expect(change.cascadeRefused).toEqual([]);
  });

  it('counts the item at its new version whether or not the caller listed it, and every way of ending', () => {
    expect(applyItem(open, { type: 'cancel', reason: 'withdrawn' }, { request, items: [done] }).requestChange?.record.state).toBe('closed_complete');
    expect(applyItem(open, { type: 'close_incomplete', reason: 'out of stock' }, { request, items: [done, open] }).requestChange?.record.state).toBe('closed_incomplete');
  });

  it('leaves the request open while another item is open, or when an item it lists was not given', () => {
    const [, second, third] = closedItems(['open', 'open', 'open']) as [RequestItem, RequestItem, RequestItem];
    const threeItems = { ...request, items: ['ritm-1', 'ritm-2', 'ritm-3'] };
    expect(applyItem(second, { type: 'skip', reason: 'not needed' }, { request: threeItems, items: [done, second, third] }).requestChange).toBeUndefined();
    expect(applyItem(second, { type: 'skip', reason: 'not needed' }, { request: threeItems, items: [done, second] }).requestChange).toBeUndefined();
  });

  it('does nothing without the items, for an item that does not end, or for a request already ended', () => {
    expect(applyItem(open, { type: 'skip', reason: 'not needed' }, { request }).requestChange).toBeUndefined();
    expect(applyItem(open, { type: 'comment', visibility: 'work_note', body: 'still waiting' }, { request, items: [done, open] }).requestChange).toBeUndefined();
    const canceled = applyRequest(request, { type: 'cancel', reason: 'withdrawn' }, { items: [] }).record;
    expect(applyItem(open, { type: 'skip', reason: 'not needed' }, { request: canceled, items: [done, open] }).requestChange).toBeUndefined();
  });

  it('leaves closing to the host when the request lifecycle says so', () => {
    const lifecycles = { request: defineServiceRequestLifecycle({ closeWithLastItem: false }) };
    expect(applyItem(open, { type: 'skip', reason: 'not needed' }, { request, items: [done, open], lifecycles }).requestChange).toBeUndefined();
  });

  it('reports a request that refuses to close, and still ends the item', () => {
    const lifecycles = { request: defineServiceRequestLifecycle({ requiredFields: { close: ['description'] } }) };
    const change = applyItem(open, { type: 'skip', reason: 'not needed' }, { request, items: [done, open], lifecycles });
    expect(change.record.state).toBe('closed_skipped');
    expect(change.requestChange).toBeUndefined();
    expect(change.cascadeRefused.map((refusal) => [refusal.recordKind, refusal.recordId, refusal.error.code])).toEqual([['service_request', 'req-1', 'invalid_transition']]);
  });

  it('refuses items in the context that are not items, naming their path', () => {
    const error = refused(stepItem(open, { type: 'skip', reason: 'not needed' }, { request, items: [done, { id: 'x' } as unknown as RequestItem] }));
    expect(error.code).toBe('validation');
    expect((error as unknown as { issues: { path: (string | number)[] }[] }).issues[0]?.path.slice(0, 2)).toEqual(['items', 1]);
  });
});

describe('canceling a request item', () => {
  it('cancels its open approvals', () => {
    const canceled = applyItem(byManager(waitingLaptop(), 'approved').record, { type: 'cancel', reason: 'bought one privately' }).record;
    expect(canceled).toMatchObject({ state: 'canceled', canceledAt: canceled.updatedAt });
    expect(canceled.approvals.map((approval) => [approval.state, approval.decidedAt])).toEqual([
      ['approved', after(canceled.updatedAt, -1)],
      ['canceled', canceled.updatedAt],
    ]);
  });

  it('cancels its open tasks given in the context, and only those', () => {
    const { item, tasks } = inFulfilment();
    const [first, second] = tasks as [FulfilmentTask, FulfilmentTask];
    const done = applyTask(first, { type: 'close', outcome: 'complete' }, { tasks }).record;
    const change = applyItem(item, { type: 'cancel', reason: 'withdrawn' }, { tasks: [done, second] });
    expect(change.record.state).toBe('canceled');
    expect(change.taskChanges.map((task) => [task.record.number, task.record.state])).toEqual([['TASK0000002', 'canceled']]);
    expect(change.taskChanges[0]?.record.journal[0]?.body).toBe('Canceled with request item RITM0000001: withdrawn');
    expect(change.cascadeRefused).toEqual([]);
  });

  it('leaves its tasks alone when the lifecycle says so', () => {
    const { item, tasks } = inFulfilment();
    const lifecycles = { item: defineRequestItemLifecycle({ cancelTasksWithItem: false }) };
    expect(applyItem(item, { type: 'cancel', reason: 'withdrawn' }, { tasks, lifecycles }).taskChanges).toEqual([]);
  });
});

describe('request item options', () => {
  it('refuses an event that would leave a required field missing, naming it', () => {
    const lifecycles = { item: defineRequestItemLifecycle({ requiredFields: { start_fulfilment: ['assignmentGroup'] } }) };
    const approved = applyItem(submittedItem, { type: 'approve_without_approval' }, { lifecycles }).record;
    const error = refused(stepItem(approved, { type: 'start_fulfilment' }, { lifecycles }));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain('assignmentGroup is required to start_fulfilment');
    const assigned = applyItem(approved, { type: 'assign', assignmentGroup: desk }, { lifecycles }).record;
    expect(applyItem(assigned, { type: 'start_fulfilment' }, { lifecycles }).record.state).toBe('in_fulfilment');
  });

  it('takes a state and transitions of the host’s own', () => {
    const item = defineRequestItemLifecycle({
      extend: {
        states: { awaiting_stock: { behavesAs: 'in_fulfilment', description: 'ordered from the supplier' } },
        transitions: [
          { event: 'wait_for_stock', from: ['in_fulfilment'], to: 'awaiting_stock', when: { field: 'assignee', exists: true }, reason: 'assign the item first' },
          { event: 'stock_arrived', from: ['awaiting_stock'], to: 'in_fulfilment' },
        ],
      },
    });
    const lifecycles = { item };
    const started = driveItem(submittedItem, [{ type: 'approve_without_approval' }, { type: 'start_fulfilment' }], { lifecycles });
    expect(refused(stepItem(started, { type: 'wait_for_stock' }, { lifecycles })).message).toContain('assign the item first');
    const waiting = driveItem(started, [{ type: 'assign', assignee: agent }, { type: 'wait_for_stock', note: 'ordered 3 units' }], { lifecycles });
    expect(waiting.state).toBe('awaiting_stock');
    expect(item.schema.safeParse(waiting).success).toBe(true);
    expect(allowedEvents(item, waiting)).toEqual(expect.arrayContaining(['complete', 'cancel', 'stock_arrived']));
    // It behaves as in_fulfilment: it completes from there.
    expect(applyItem(waiting, { type: 'complete' }, { lifecycles }).record.state).toBe('closed_complete');
  });

  it('refuses options that are not valid, naming the path', () => {
    const result = safeDefineRequestItemLifecycle({ approvalRule: 'majority', extend: { states: { parked: { behavesAs: 'rejected' } } } });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((found) => found.path.join('.'))).toEqual(['approvalRule']);
    const extension = safeDefineRequestItemLifecycle({ extend: { states: { parked: { behavesAs: 'rejected' } } } });
    expect(extension.success).toBe(false);
    if (!extension.success) expect(extension.error.issues.map((found) => found.path.join('.'))).toEqual(['extend.states.parked.behavesAs']);
  });
});

import { describe, expect, it } from 'vitest';
import { safeStartFulfilment, startFulfilment, type RequestItem, type ServiceRequest, type StartFulfilmentContext } from '../../src/request/index';
import { thrown } from '../support';
import { after, agent, applyItem, applyRequest, desk, finance, financeMember, idSource, laptop, logistics, manager, mouse, numbering, OPENED, submit } from './support';

/** A submitted laptop, approved by both approvers, and its request. */
function approvedLaptop(requestApprovers = false): { item: RequestItem; request: ServiceRequest } {
  const { request, items } = submit(requestApprovers ? { approvers: [manager] } : {});
  let item = items[0]?.record as RequestItem;
  const [byManager, byFinance] = item.approvals;
  item = applyItem(item, { type: 'decide', approvalId: byManager?.id, decision: 'approved' }, { actor: manager }).record;
  item = applyItem(item, { type: 'decide', approvalId: byFinance?.id, decision: 'approved' }, { actor: financeMember, actorGroups: [finance.id] }).record;
  return { item, request: request.record };
}

const contextFor = (item: RequestItem, overrides: Partial<StartFulfilmentContext> = {}): StartFulfilmentContext => ({
  now: after(item.updatedAt, 5),
  actor: agent,
  newId: idSource('t'),
  nextNumber: numbering(),
  ...overrides,
});

describe('starting fulfilment', () => {
  it("moves an approved item to in_fulfilment and creates a task per template, in order of order", () => {
    const { item } = approvedLaptop();
    const { item: started, tasks } = startFulfilment(item, laptop, contextFor(item));
    expect(started.record.state).toBe('in_fulfilment');
    expect(tasks.map((task) => task.record)).toMatchObject([
      { id: 't-1', number: 'TASK0000001', shortDescription: 'Image the laptop', assignmentGroup: desk, order: 1, state: 'open', requestItem: item.id, request: item.request, tenantId: 'acme', version: 1 },
      { id: 't-2', number: 'TASK0000002', shortDescription: 'Ship to the requester', assignmentGroup: logistics, order: 2, state: 'open' },
    ]);
    expect(started.record.tasks).toEqual(['t-1', 't-2']);
    expect(tasks.map((task) => task.events.map((event) => event.type))).toEqual([['fulfilment_task.opened'], ['fulfilment_task.opened']]);
  });

  it('moves an approved request to in_fulfilment with its first item, and leaves one already there', () => {
    const { item, request } = approvedLaptop();
    const first = startFulfilment(item, laptop, contextFor(item, { request }));
    expect(first.request?.record.state).toBe('in_fulfilment');
    const mouseItem = submit().items[1]?.record as RequestItem;
    const second = startFulfilment(mouseItem, mouse, contextFor(mouseItem, { request: first.request?.record as ServiceRequest }));
    expect(second.request).toBeUndefined();
    expect(second.tasks).toEqual([]);
  });

  it('waits for the request to be approved when the request is given', () => {
    const { item, request } = approvedLaptop(true);
    const result = safeStartFulfilment(item, laptop, contextFor(item, { request }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.message).toContain('request REQ0000001 is waiting_for_approval; fulfilment starts once it is approved');
    const approved = applyRequest(request, { type: 'decide', approvalId: request.approvals[0]?.id, decision: 'approved' }, { actor: manager }).record;
    expect(startFulfilment(item, laptop, contextFor(item, { request: approved, now: after(approved.updatedAt, 1) })).item.record.state).toBe('in_fulfilment');
  });

  it('refuses an item that is not approved, creating nothing and asking for no number', () => {
    const waiting = submit().items[0]?.record as RequestItem;
    const numbers: string[] = [];
    const result = safeStartFulfilment(waiting, laptop, contextFor(waiting, { nextNumber: (kind) => (numbers.push(kind), 'TASK1') }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('invalid_transition');
    expect(numbers).toEqual([]);
  });

  it("refuses a catalog item that is not the item's, or a request that is not its own", () => {
    const { item } = approvedLaptop();
    expect((thrown(() => startFulfilment(item, mouse, contextFor(item))) as { issues: { path: unknown[] }[] }).issues.map((found) => found.path)).toEqual([['catalogItem', 'id']]);
    const other = submit({}, { newId: idSource('other') }).request.record;
    expect((thrown(() => startFulfilment(item, laptop, contextFor(item, { request: other }))) as { issues: { path: unknown[] }[] }).issues.map((found) => found.path)).toEqual([['request']]);
  });

  it('refuses a number the numbering should not have given', () => {
    const { item } = approvedLaptop();
    const result = safeStartFulfilment(item, laptop, contextFor(item, { nextNumber: () => 'X'.repeat(40) }));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.code).toBe('validation');
  });

  it('keeps the milestones in order', () => {
    const { item } = approvedLaptop();
    const started = startFulfilment(item, laptop, contextFor(item)).item.record;
    expect([started.openedAt, started.approvedAt, started.fulfilmentStartedAt]).toEqual([OPENED, after(OPENED, 2), after(OPENED, 7)]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  defineCatalogItem,
  defineRequestItemLifecycle,
  defineServiceRequestLifecycle,
  startFulfilment,
  type RequestItem,
  type ServiceRequest,
} from '../../src/request/index';
import { after, agent, applyItem, applyRequest, closedItems, finance, financeMember, idSource, laptop, laptopAnswers, logistics, manager, mouse, numbering, OPENED, outsider, refused, stepRequest, submit, submittedItem, submittedRequest } from './support';

type Outcome = Parameters<typeof closedItems>[0][number];

describe('closing a service request', () => {
  it.each<[Outcome[], string]>([
    [['complete', 'complete'], 'closed_complete'],
    [['complete', 'skip'], 'closed_complete'],
    [['complete', 'cancel'], 'closed_complete'],
    [['skip', 'skip'], 'closed_skipped'],
    [['skip', 'cancel'], 'closed_skipped'],
    [['complete', 'close_incomplete'], 'closed_incomplete'],
    [['complete', 'reject'], 'closed_incomplete'],
    [['reject', 'cancel'], 'closed_incomplete'],
    [['cancel', 'cancel'], 'canceled'],
  ])('with items %j, closes as %s', (outcomes, state) => {
    const closed = applyRequest(submittedRequest, { type: 'close' }, { items: closedItems(outcomes) }).record;
    expect(closed.state).toBe(state);
    expect(state === 'canceled' ? closed.canceledAt : closed.closedAt).toBe(closed.updatedAt);
  });

  it('is refused while an item is open, naming it', () => {
    const error = refused(stepRequest(submittedRequest, { type: 'close' }, { items: closedItems(['open', 'complete']) }));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toBe('Cannot close service_request REQ0000001 in state submitted: request item RITM0000001 is still open');
  });

  it('is refused unless every item is given', () => {
    expect(refused(stepRequest(submittedRequest, { type: 'close' })).message).toContain("the items of REQ0000001 must be given in the context's items");
    expect(refused(stepRequest(submittedRequest, { type: 'close' }, { items: closedItems(['complete']) })).message).toContain('request item ritm-2 of REQ0000001 must be given');
  });

  it("ignores items of other requests or tenants", () => {
    const [first, second] = closedItems(['complete', 'complete']) as [RequestItem, RequestItem];
    const foreign = { ...closedItems(['open'])[0], id: 'ritm-9', request: 'req-other' } as RequestItem;
    expect(applyRequest(submittedRequest, { type: 'close' }, { items: [first, second, foreign] }).record.state).toBe('closed_complete');
    const otherTenant = { ...second, tenantId: 'globex' };
    expect(refused(stepRequest(submittedRequest, { type: 'close' }, { items: [first, otherTenant] })).message).toContain('ritm-2');
  });

  it("reads an item's added state through the item lifecycle", () => {
    const item = defineRequestItemLifecycle({ extend: { states: { awaiting_stock: { behavesAs: 'in_fulfilment' } }, transitions: [{ event: 'wait_for_stock', from: ['in_fulfilment'], to: 'awaiting_stock' }] } });
    const lifecycles = { item };
    const [done, open] = closedItems(['complete', 'open']) as [RequestItem, RequestItem];
    const waiting = applyItem(open, { type: 'wait_for_stock' }, { lifecycles }).record;
    expect(refused(stepRequest(submittedRequest, { type: 'close' }, { items: [done, waiting], lifecycles })).message).toContain('request item RITM0000002 is still open');
  });
});

describe('request-level approval', () => {
  it('approves a request once all approvers approved; a member decides for a group', () => {
    const waiting = submit({ approvers: [manager, finance] }).request.record;
    const first = applyRequest(waiting, { type: 'decide', approvalId: waiting.approvals[0]?.id, decision: 'approved' }, { actor: manager }).record;
    expect(first.state).toBe('waiting_for_approval');
    const second = applyRequest(first, { type: 'decide', approvalId: first.approvals[1]?.id, decision: 'approved' }, { actor: financeMember, actorGroups: [finance.id] }).record;
    expect(second).toMatchObject({ state: 'approved', approvedAt: second.updatedAt });
    expect(second.approvals[1]?.decidedBy).toEqual(financeMember);
  });

  it('refuses a decision by someone else', () => {
    const waiting = submit({ approvers: [manager] }).request.record;
    expect(refused(stepRequest(waiting, { type: 'decide', approvalId: waiting.approvals[0]?.id, decision: 'approved' }, { actor: outsider })).message).toContain('is not the approver');
  });

  it('rejected, cancels its open items and their open tasks', () => {
    // The mouse needs no approval of its own, so its delivery may already be under way.
    const deliveredMouse = defineCatalogItem({ ...mouse, fulfilmentTasks: [{ shortDescription: 'Deliver', assignmentGroup: logistics, order: 0 }] });
    const { request, items } = submit({ approvers: [manager], items: [{ catalogItem: laptop, variables: laptopAnswers }, { catalogItem: deliveredMouse }] });
    const [laptopItem, mouseItem] = items.map((item) => item.record) as [RequestItem, RequestItem];
    const started = startFulfilment(mouseItem, deliveredMouse, { now: after(OPENED, 5), actor: agent, newId: idSource('t'), nextNumber: numbering() });
    const tasks = started.tasks.map((task) => task.record);
    const change = applyRequest(request.record, { type: 'decide', approvalId: request.record.approvals[0]?.id, decision: 'rejected', comment: 'over budget' }, { actor: manager, items: [laptopItem, started.item.record], tasks, now: after(OPENED, 10) });
    expect(change.record.state).toBe('rejected');
    expect(change.itemChanges.map((item) => [item.record.number, item.record.state])).toEqual([
      ['RITM0000001', 'canceled'],
      ['RITM0000002', 'canceled'],
    ]);
    expect(change.itemChanges[0]?.record.approvals.map((approval) => approval.state)).toEqual(['canceled', 'canceled']);
    expect(change.taskChanges.map((task) => [task.record.shortDescription, task.record.state])).toEqual([['Deliver', 'canceled']]);
    expect(change.itemChanges[1]?.record.journal.at(-1)?.body).toBe('Request REQ0000001 was rejected');
  });
});

describe('canceling a service request', () => {
  it('cancels its open approvals and its open items given in the context', () => {
    const { request, items } = submit({ approvers: [manager] });
    const [laptopItem, mouseItem] = items.map((item) => item.record) as [RequestItem, RequestItem];
    const skipped = applyItem(mouseItem, { type: 'skip', reason: 'has one' }).record;
    const change = applyRequest(request.record, { type: 'cancel', reason: 'leaving the company' }, { items: [laptopItem, skipped] });
    expect(change.record).toMatchObject({ state: 'canceled', approvals: [{ state: 'canceled' }] });
    expect(change.itemChanges.map((item) => [item.record.number, item.record.state])).toEqual([['RITM0000001', 'canceled']]);
    expect(change.itemChanges[0]?.record.journal.at(-1)?.body).toBe('Canceled with request REQ0000001: leaving the company');
  });

  it('reports an item that refused to be canceled, and still cancels the request', () => {
    const lifecycles = { item: defineRequestItemLifecycle({ requiredFields: { cancel: ['assignee'] } }) };
    const change = applyRequest(submittedRequest, { type: 'cancel', reason: 'duplicate' }, { items: [submittedItem], lifecycles });
    expect(change.record.state).toBe('canceled');
    expect(change.itemChanges).toEqual([]);
    expect(change.cascadeRefused.map((found) => [found.recordKind, found.recordId, found.error.code])).toEqual([['request_item', 'ritm-1', 'invalid_transition']]);
  });

  it('leaves its items alone when the lifecycle says so', () => {
    const lifecycles = { request: defineServiceRequestLifecycle({ cancelItemsWithRequest: false }) };
    expect(applyRequest(submittedRequest, { type: 'cancel', reason: 'duplicate' }, { items: [submittedItem], lifecycles }).itemChanges).toEqual([]);
  });
});

describe('service request options', () => {
  it('refuses an event that would leave a required field missing, naming it', () => {
    const lifecycles = { request: defineServiceRequestLifecycle({ requiredFields: { cancel: ['description'] } }) };
    expect(refused(stepRequest(submittedRequest, { type: 'cancel', reason: 'duplicate' }, { lifecycles })).message).toContain('description is required to cancel');
    const described: ServiceRequest = { ...submittedRequest, description: 'Laptop and mouse for the new starter' };
    expect(applyRequest(described, { type: 'cancel', reason: 'duplicate' }, { lifecycles }).record.state).toBe('canceled');
  });

  it('takes a state of the host’s own that behaves as a built-in one', () => {
    const request = defineServiceRequestLifecycle({
      extend: { states: { on_hold: { behavesAs: 'in_fulfilment' } }, transitions: [{ event: 'hold', from: ['in_fulfilment'], to: 'on_hold' }, { event: 'release', from: ['on_hold'], to: 'in_fulfilment' }] },
    });
    const lifecycles = { request };
    const approved = applyRequest(submittedRequest, { type: 'approve_without_approval' }, { lifecycles }).record;
    const started = applyRequest(approved, { type: 'start_fulfilment' }, { lifecycles }).record;
    const held = applyRequest(started, { type: 'hold', note: 'waiting for the budget' }, { lifecycles }).record;
    expect(held.state).toBe('on_hold');
    expect(applyRequest(held, { type: 'close' }, { lifecycles, items: closedItems(['complete', 'complete']) }).record.state).toBe('closed_complete');
  });

  it('keeps comments for the requester apart from work notes', () => {
    const commented = applyRequest(submittedRequest, { type: 'comment', visibility: 'comment', body: 'Your laptop ships Monday' }).record;
    expect(commented.journal).toMatchObject([{ kind: 'comment', body: 'Your laptop ships Monday', author: agent }]);
  });
});

import { applyPatches, enablePatches, type Patch } from 'immer';
import { describe, expect, it } from 'vitest';
import { defineCatalogItem, defineRequestItemLifecycle, safeSubmitServiceRequest, submitServiceRequest } from '../../src/request/index';
import { thrown } from '../support';
import { finance, idSource, laptop, laptopAnswers, manager, mouse, numbering, OPENED, requester, submit, submitContext } from './support';

enablePatches();

const issuesOf = (error: unknown): [string, string][] =>
  (error as { issues: { path: (string | number)[]; message: string }[] }).issues.map((found) => [found.path.map(String).join('.'), found.message]);

describe('submitting a service request', () => {
  it('creates the request and one item per catalog item, with the numbers and ids the host issues', () => {
    const { request, items } = submit();
    expect(request.record).toMatchObject({
      id: 'id-1',
      number: 'REQ0000001',
      tenantId: 'acme',
      requestedFor: requester,
      openedBy: requester,
      shortDescription: 'Standard laptop, Wireless mouse ×2',
      items: ['id-2', 'id-3'],
      openedAt: OPENED,
    });
    expect(items.map((item) => [item.record.id, item.record.number, item.record.request, item.record.catalogItem, item.record.quantity])).toEqual([
      ['id-2', 'RITM0000001', 'id-1', 'cat-laptop', 1],
      ['id-3', 'RITM0000002', 'id-1', 'cat-mouse', 2],
    ]);
    expect(items[0]?.record.variables).toEqual(laptopAnswers);
  });

  it('sends an item whose catalog item needs approval to its approvers, and approves one that needs none', () => {
    const { items } = submit();
    const [laptopItem, mouseItem] = items.map((item) => item.record);
    expect(laptopItem?.state).toBe('waiting_for_approval');
    expect(laptopItem?.approvals.map((approval) => [approval.approver, approval.state, approval.requestedAt])).toEqual([
      [manager, 'requested', OPENED],
      [finance, 'requested', OPENED],
    ]);
    expect(mouseItem).toMatchObject({ state: 'approved', approvals: [], approvedAt: OPENED });
  });

  it('goes through each lifecycle, so the events and patches show both steps', () => {
    const { request, items } = submit();
    expect(items[0]?.events.map((event) => [event.type, event.version, event.data.to])).toEqual([
      ['request_item.opened', 1, 'submitted'],
      ['request_item.approval_requested', 2, 'waiting_for_approval'],
    ]);
    expect(items[1]?.events.map((event) => event.type)).toEqual(['request_item.opened', 'request_item.approved_without_approval']);
    expect(request.events.map((event) => event.type)).toEqual(['service_request.opened', 'service_request.approved_without_approval']);
    for (const change of [request, ...items]) {
      expect(change.previous).toBeUndefined();
      expect(change.record.version).toBe(2);
      expect(applyPatches({}, change.patches as Patch[])).toEqual(change.record);
    }
  });

  it('asks for request-level approval when the input names approvers', () => {
    const { request } = submit({ approvers: [manager] });
    expect(request.record.state).toBe('waiting_for_approval');
    expect(request.record.approvals.map((approval) => approval.approver)).toEqual([manager]);
  });

  it('names the path into the input of every bad answer', () => {
    const result = safeSubmitServiceRequest(
      { requestedFor: requester, items: [{ catalogItem: mouse }, { catalogItem: laptop, variables: { model: 'thinkpad' } }] },
      submitContext(),
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('validation');
    expect(issuesOf(result.error)).toEqual([
      ['items.1.variables.model', 'must be one of x1, mbp'],
      ['items.1.variables.cost_center', 'is required'],
    ]);
    expect(result.error.message).toContain('items[1].variables.cost_center: is required');
  });

  it.each<[string, unknown, string[]]>([
    ['no items', { requestedFor: requester, items: [] }, ['items']],
    ['a group as the requester', { requestedFor: finance, items: [{ catalogItem: mouse }] }, ['requestedFor.kind']],
    ['a quantity of zero', { requestedFor: requester, items: [{ catalogItem: mouse, quantity: 0 }] }, ['items.0.quantity']],
    ['a malformed catalog item', { requestedFor: requester, items: [{ catalogItem: { ...mouse, fulfilmentTasks: 'none' } }] }, ['items.0.catalogItem.fulfilmentTasks']],
    ['an inactive catalog item', { requestedFor: requester, items: [{ catalogItem: { ...mouse, active: false } }] }, ['items.0.catalogItem.active']],
    [
      'a catalog item that names an approver twice',
      { requestedFor: requester, items: [{ catalogItem: { ...mouse, approval: { required: true, approvers: [manager, manager] } } }] },
      ['items.0.catalogItem.approval.approvers.1'],
    ],
    ['an approver of the request named twice', { requestedFor: requester, approvers: [manager, manager], items: [{ catalogItem: mouse }] }, ['approvers.1']],
    ['an unknown field', { requestedFor: requester, items: [{ catalogItem: mouse }], priority: 1 }, ['priority']],
  ])('refuses %s, naming its path', (_name, input, paths) => {
    const error = thrown(() => submitServiceRequest(input as never, submitContext()));
    expect(issuesOf(error).map(([path]) => path)).toEqual(paths);
  });

  it('refuses a context without numbering, tenant or a working newId, and asks for no numbers on bad input', () => {
    const calls: string[] = [];
    const counting = numbering();
    const nextNumber = (kind: 'request' | 'requestItem' | 'task') => {
      calls.push(kind);
      return counting(kind);
    };
    expect(issuesOf(thrown(() => submit({ items: [{ catalogItem: laptop }] }, { nextNumber }))).length).toBeGreaterThan(0);
    expect(calls).toEqual([]);
    expect(issuesOf(thrown(() => submit({}, { nextNumber: undefined as never })))).toEqual([['nextNumber', expect.any(String) as string]]);
    expect(issuesOf(thrown(() => submit({}, { tenantId: '' })))).toEqual([['tenantId', expect.any(String) as string]]);
    expect(issuesOf(thrown(() => submit({}, { newId: () => '' })))).toEqual([['newId', expect.any(String) as string]]);
    expect(issuesOf(thrown(() => submit({}, { nextNumber: () => '' })))).toEqual([['nextNumber', expect.any(String) as string]]);
  });

  it('refuses when the item lifecycle requires a field the submission cannot give', () => {
    const item = defineRequestItemLifecycle({ requiredFields: { request_approval: ['assignmentGroup'] } });
    const result = safeSubmitServiceRequest({ requestedFor: requester, items: [{ catalogItem: laptop, variables: laptopAnswers }] }, submitContext({ lifecycles: { item } }));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('invalid_transition');
    expect(result.error.message).toContain('assignmentGroup is required to request_approval');
  });

  it('names the request after its items when no short description is given, within 160 characters', () => {
    const long = defineCatalogItem({ ...mouse, id: 'cat-long', name: 'A'.repeat(120) });
    const { request } = submit({ items: [{ catalogItem: long }, { catalogItem: long }] });
    expect(request.record.shortDescription).toHaveLength(160);
    expect(request.record.shortDescription.endsWith('…')).toBe(true);
    expect(submit({ shortDescription: 'New starter kit' }).request.record.shortDescription).toBe('New starter kit');
  });

  it('returns frozen records and leaves the input alone', () => {
    const input = { requestedFor: requester, items: [{ catalogItem: mouse, quantity: 1, variables: {} }] };
    const before = JSON.stringify(input);
    const { request, items } = submitServiceRequest(input, { now: OPENED, actor: requester, newId: idSource(), tenantId: 'acme', nextNumber: numbering() });
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.isFrozen(request.record)).toBe(true);
    expect(Object.isFrozen(items[0]?.record.approvals)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { FulfilmentTask, RequestItem, RequestState, ServiceRequest } from '../../src/request/index';
import { after, finance, manager, OPENED, openTask, submittedItem, submittedRequest } from './support';

const pathsOf = (schema: { safeParse: (input: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, input: unknown): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : (result.error?.issues ?? []).map((found) => found.path.map(String).join('.'));
};

const requested = { id: 'ap-1', approver: manager, state: 'requested', requestedAt: OPENED } as const;
const approved = { ...requested, state: 'approved', decidedAt: after(OPENED, 5) } as const;
const rejected = { ...requested, id: 'ap-2', approver: finance, state: 'rejected', decidedAt: after(OPENED, 5) } as const;

const inFulfilment = { ...submittedItem, state: 'in_fulfilment', approvedAt: after(OPENED, 5), fulfilmentStartedAt: after(OPENED, 10), tasks: ['task-1'] } as const;

describe('RequestState', () => {
  it('lists the states of the issue, in order', () => {
    expect(RequestState.options).toEqual(['submitted', 'waiting_for_approval', 'approved', 'rejected', 'in_fulfilment', 'closed_complete', 'closed_incomplete', 'closed_skipped', 'canceled']);
  });
});

describe('RequestItem', () => {
  it.each<[string, object]>([
    ['submitted', submittedItem],
    ['waiting for approval', { ...submittedItem, state: 'waiting_for_approval', approvals: [requested, { ...requested, id: 'ap-2', approver: finance }] }],
    ['approved by its approvers', { ...submittedItem, state: 'approved', approvals: [approved], approvedAt: after(OPENED, 5) }],
    ['rejected', { ...submittedItem, state: 'rejected', approvals: [approved, rejected], closedAt: after(OPENED, 5) }],
    ['in fulfilment', inFulfilment],
    ['closed complete', { ...inFulfilment, state: 'closed_complete', closedAt: after(OPENED, 60) }],
    ['skipped before fulfilment', { ...submittedItem, state: 'closed_skipped', approvedAt: after(OPENED, 5), closedAt: after(OPENED, 6) }],
    ['canceled while waiting', { ...submittedItem, state: 'canceled', approvals: [{ ...requested, state: 'canceled', decidedAt: after(OPENED, 3) }], canceledAt: after(OPENED, 3) }],
  ])('accepts a well-formed item: %s', (_name, item) => {
    expect(pathsOf(RequestItem, item)).toEqual([]);
  });

  it.each<[string, object, string[]]>([
    ['waiting without an open approval', { ...submittedItem, state: 'waiting_for_approval' }, ['approvals']],
    ['an open approval once approved', { ...submittedItem, state: 'approved', approvedAt: after(OPENED, 5), approvals: [requested] }, ['approvals.0.state']],
    ['a rejection on an approved item', { ...submittedItem, state: 'approved', approvedAt: after(OPENED, 5), approvals: [rejected] }, ['approvals.0.state']],
    ['rejected without a rejection', { ...submittedItem, state: 'rejected', closedAt: after(OPENED, 5) }, ['approvals']],
    ['two approvals with one id', { ...submittedItem, state: 'waiting_for_approval', approvals: [requested, requested] }, ['approvals.1.id']],
    ['in fulfilment without approvedAt', { ...inFulfilment, approvedAt: undefined }, ['approvedAt']],
    ['in fulfilment without fulfilmentStartedAt', { ...inFulfilment, fulfilmentStartedAt: undefined }, ['fulfilmentStartedAt', 'tasks']],
    ['tasks before fulfilment', { ...submittedItem, tasks: ['task-1'] }, ['tasks']],
    ['a task listed twice', { ...inFulfilment, tasks: ['task-1', 'task-1'] }, ['tasks.1']],
    ['closed without closedAt', { ...inFulfilment, state: 'closed_complete' }, ['closedAt']],
    ['closedAt on an open item', { ...inFulfilment, closedAt: after(OPENED, 60) }, ['closedAt']],
    ['canceled without canceledAt', { ...submittedItem, state: 'canceled' }, ['canceledAt']],
    ['milestones out of order', { ...inFulfilment, fulfilmentStartedAt: after(OPENED, 1) }, ['fulfilmentStartedAt']],
    ['a group as assignee', { ...submittedItem, assignee: finance }, ['assignee.kind']],
    ['a quantity of zero', { ...submittedItem, quantity: 0 }, ['quantity']],
    ['an answer that is an object', { ...submittedItem, variables: { model: { id: 'x1' } } }, ['variables.model']],
  ])('reports %s at its field', (_name, item, paths) => {
    expect(pathsOf(RequestItem, item)).toEqual(paths);
  });
});

describe('ServiceRequest', () => {
  it.each<[string, object, string[]]>([
    ['no items', { ...submittedRequest, items: [] }, ['items']],
    ['an item listed twice', { ...submittedRequest, items: ['ritm-1', 'ritm-1'] }, ['items.1']],
    ['requested for a group', { ...submittedRequest, requestedFor: finance }, ['requestedFor.kind']],
    ['approved without approvedAt', { ...submittedRequest, state: 'approved' }, ['approvedAt']],
    ['closed before it was opened', { ...submittedRequest, state: 'closed_complete', closedAt: after(OPENED, -5) }, ['closedAt']],
    ['a system approver', { ...submittedRequest, state: 'waiting_for_approval', approvals: [{ ...requested, approver: { kind: 'system', id: 'bot' } }] }, ['approvals.0.approver.kind']],
  ])('reports %s at its field', (_name, request, paths) => {
    expect(pathsOf(ServiceRequest, request)).toEqual(paths);
  });

  it('accepts a request closed from any stage, as its items closed', () => {
    expect(pathsOf(ServiceRequest, { ...submittedRequest, state: 'closed_incomplete', closedAt: after(OPENED, 60) })).toEqual([]);
  });
});

describe('FulfilmentTask', () => {
  it.each<[string, object, string[]]>([
    ['in progress without startedAt', { ...openTask, state: 'work_in_progress' }, ['startedAt']],
    ['startedAt while open', { ...openTask, startedAt: after(OPENED, 1) }, ['startedAt']],
    ['close notes on an open task', { ...openTask, closeNotes: 'done' }, ['closeNotes']],
    ['closed before it started', { ...openTask, state: 'closed_complete', startedAt: after(OPENED, 10), closedAt: after(OPENED, 5) }, ['closedAt']],
    ['a person as its group', { ...openTask, assignmentGroup: manager }, ['assignmentGroup.kind']],
  ])('reports %s at its field', (_name, task, paths) => {
    expect(pathsOf(FulfilmentTask, task)).toEqual(paths);
  });
});

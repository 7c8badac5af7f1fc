import { describe, expect, it } from 'vitest';
import { defineServiceRequestLifecycle, safeApplyServiceRequestEvent, type RequestItem, type ServiceRequest, type ServiceRequestEvent } from '../../src/request/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';
import { after, agent, closedItems, finance, financeMember, idSource, manager, submittedRequest } from './support';

const lifecycle = defineServiceRequestLifecycle();

interface Step extends ModelStep {
  readonly event: ServiceRequestEvent;
  readonly actor?: { readonly kind: 'user'; readonly id: string };
  /** The request's items as the context gives them. */
  readonly items?: readonly RequestItem[];
}

const step = (event: ServiceRequestEvent, label: string = event.type, extra: Pick<Step, 'actor' | 'items'> = {}): Step => ({ type: event.type, label, event, ...extra });

const close = { type: 'close' } as const;
const fixed: readonly Step[] = [
  step({ type: 'request_approval', approvers: [manager, finance] }),
  step({ type: 'approve_without_approval' }),
  step({ type: 'decide', approvalId: 'no-such-approval', decision: 'approved' }, 'decide an unknown approval', { actor: manager }),
  step({ type: 'start_fulfilment' }),
  step(close, 'close with both items complete', { items: closedItems(['complete', 'complete']) }),
  step(close, 'close with an item skipped and one complete', { items: closedItems(['skip', 'complete']) }),
  step(close, 'close with an item incomplete', { items: closedItems(['complete', 'close_incomplete']) }),
  step(close, 'close with an item rejected', { items: closedItems(['reject', 'cancel']) }),
  step(close, 'close with both items skipped', { items: closedItems(['skip', 'skip']) }),
  step(close, 'close with both items canceled', { items: closedItems(['cancel', 'cancel']) }),
  step(close, 'close with an item open', { items: closedItems(['complete', 'open']) }),
  step({ type: 'cancel', reason: 'withdrawn' }),
  step({ type: 'comment', visibility: 'work_note', body: 'Asked the requester about the model' }),
];

const decisions = (request: ServiceRequest): Step[] =>
  request.approvals
    .filter((approval) => approval.state === 'requested')
    .flatMap((approval) => {
      const actor = approval.approver.kind === 'group' ? financeMember : manager;
      return (['approved', 'rejected'] as const).map((decision) => step({ type: 'decide', approvalId: approval.id, decision }, `${decision} by ${approval.approver.id}`, { actor }));
    });

const model: LifecycleModel<ServiceRequest, Step> = {
  machine: lifecycle.machine,
  initial: submittedRequest,
  regionsOf: (request) => ({ state: request.state, approvals: request.approvals.some((approval) => approval.state === 'approved') ? 'some approved' : 'none approved' }),
  steps: (request) => [...fixed, ...decisions(request)],
  apply: (request, { event, actor = agent, items }) =>
    safeApplyServiceRequestEvent(request, event, {
      now: after(request.updatedAt, 1),
      actor,
      newId: idSource(`j${request.version}`),
      actorGroups: [finance.id],
      lifecycles: { request: lifecycle },
      ...(items === undefined ? {} : { items }),
    }),
};

const states = (found: Iterable<string>): string[] => [...found].filter((entry) => entry.startsWith('state:')).sort();

describe('the service request lifecycle, tested against its machine', () => {
  const exploration = explore(model);

  it('reaches every state through the domain function', () => {
    expect(exploration.problems).toEqual([]);
    expect(states(exploration.reached)).toEqual([...declaredStates(lifecycle.machine)].sort());
  });

  it('exercises every transition the machine declares, and no other', () => {
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
  });

  it('refuses every event a state has no transition for, as invalid_transition, leaving the record unchanged', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(50);
  });
});

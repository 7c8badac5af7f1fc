import { describe, expect, it } from 'vitest';
import { defineRequestItemLifecycle, safeApplyRequestItemEvent, type RequestItem, type RequestItemEvent } from '../../src/request/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';
import { after, agent, finance, financeMember, idSource, manager, submittedItem } from './support';

const lifecycle = defineRequestItemLifecycle();

interface Step extends ModelStep {
  readonly event: RequestItemEvent;
  readonly actor?: { readonly kind: 'user'; readonly id: string };
}

const step = (event: RequestItemEvent, label: string = event.type, actor?: Step['actor']): Step => ({ type: event.type, label, event, ...(actor === undefined ? {} : { actor }) });

const fixed: readonly Step[] = [
  step({ type: 'request_approval', approvers: [manager, finance] }),
  step({ type: 'approve_without_approval' }),
  // Never an approval of the item: accepted nowhere, refused by its guard where `decide` is declared.
  step({ type: 'decide', approvalId: 'no-such-approval', decision: 'approved' }, 'decide an unknown approval', manager),
  step({ type: 'start_fulfilment' }),
  step({ type: 'complete' }),
  step({ type: 'close_incomplete', reason: 'out of stock' }),
  step({ type: 'skip', reason: 'no longer needed' }),
  step({ type: 'cancel', reason: 'withdrawn' }),
  step({ type: 'assign', assignmentGroup: { kind: 'group', id: 'g-desk' }, assignee: agent }),
  step({ type: 'comment', visibility: 'comment', body: 'On its way' }),
];

// Each open approval may be approved or rejected by whoever may decide it: the manager for
// themselves, a Finance member for the group.
const decisions = (item: RequestItem): Step[] =>
  item.approvals
    .filter((approval) => approval.state === 'requested')
    .flatMap((approval) => {
      const actor = approval.approver.kind === 'group' ? financeMember : manager;
      return (['approved', 'rejected'] as const).map((decision) => step({ type: 'decide', approvalId: approval.id, decision }, `${decision} by ${approval.approver.id}`, actor));
    });

const model: LifecycleModel<RequestItem, Step> = {
  machine: lifecycle.machine,
  initial: submittedItem,
  // How far approval has got is part of the model's state: with one of two approvals given, the
  // next approval moves the item on, where with none it keeps it waiting.
  regionsOf: (item) => ({ state: item.state, approvals: item.approvals.some((approval) => approval.state === 'approved') ? 'some approved' : 'none approved' }),
  steps: (item) => [...fixed, ...decisions(item)],
  apply: (item, { event, actor = agent }) =>
    safeApplyRequestItemEvent(item, event, { now: after(item.updatedAt, 1), actor, newId: idSource(`j${item.version}`), actorGroups: [finance.id], lifecycles: { item: lifecycle } }),
};

const states = (found: Iterable<string>): string[] => [...found].filter((entry) => entry.startsWith('state:')).sort();

describe('the request item lifecycle, tested against its machine', () => {
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

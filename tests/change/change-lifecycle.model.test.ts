import { describe, expect, it } from 'vitest';
import { defineChangeLifecycle, safeApplyChangeEvent, type ChangeApprovalStepDefinition, type ChangeEvent, type ChangeLifecycle, type ChangeRequest, type ChangeType } from '../../src/change/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type Exploration, type LifecycleModel, type ModelStep } from '../lifecycle-model';
import { after, APPROVER_GROUPS, approver, idSource, networkTeam, opened, owner } from './support';

interface Step extends ModelStep {
  readonly event: ChangeEvent | { readonly type: string; readonly note?: string };
}

const step = (event: Step['event'], label: string = event.type): Step => ({ type: event.type, label, event });

const fixed: readonly Step[] = [
  step({ type: 'update', description: 'Firmware 17.3 fixes the spanning-tree bug.' }),
  step({ type: 'assign', assignmentGroup: networkTeam, assignee: owner }),
  step({ type: 'comment', visibility: 'work_note', body: 'Vendor confirmed the image.' }),
  step({ type: 'assess' }),
  step({ type: 'request_authorization', note: 'ready for CAB' }),
  step({ type: 'schedule' }),
  // Never an approval of the change: accepted nowhere, refused by its guard where `decide` is declared.
  step({ type: 'decide', approvalId: 'no-such-approval', decision: 'approved' }, 'decide an unknown approval'),
  step({ type: 'revert_to_new', reason: 'the window moved' }),
  step({ type: 'start_implementation' }),
  step({ type: 'complete_implementation', outcome: 'successful' }),
  step({ type: 'record_review', reviewNotes: 'No incidents followed.' }),
  step({ type: 'close', reviewNotes: 'Done as planned.' }),
  step({ type: 'cancel', reason: 'no longer needed' }),
];

// Each open approval may be approved or rejected by the approver, who acts for every group of the
// default policy.
const decisions = (change: ChangeRequest): Step[] =>
  change.approvals
    .filter((approval) => approval.state === 'requested')
    .flatMap((approval) => (['approved', 'rejected'] as const).map((decision) => step({ type: 'decide', approvalId: approval.id, decision }, `${decision} ${approval.approver.id}`)));

const modelOf = (lifecycle: ChangeLifecycle, type: ChangeType): LifecycleModel<ChangeRequest, Step> => ({
  machine: lifecycle.machine,
  initial: opened(type, {}, lifecycle),
  // How far approval has got is part of the model's state: with the change manager's approval
  // given, the CAB's moves a moderate change on, where with none it keeps it waiting.
  regionsOf: (change) => ({
    state: change.state,
    approvals: change.state === 'authorize' && change.approvals.some((approval) => approval.state === 'approved') ? 'some approved' : 'none approved',
  }),
  steps: (change) => [...fixed, ...decisions(change)],
  apply: (change, { event }) =>
    safeApplyChangeEvent(change, event, { now: after(change.updatedAt, 1), actor: approver, newId: idSource(`v${change.version}`), actorGroups: [...APPROVER_GROUPS], lifecycle }),
});

const states = (found: Iterable<string>): string[] => [...found].filter((entry) => entry.startsWith('state:')).sort();

/** The transitions a type can never take: its guards send it along its own path. */
const FORBIDDEN: Readonly<Record<ChangeType, (edge: string) => boolean>> = {
  standard: (edge) => /assess|authorize|state:new -(request_authorization|assess)->/.test(edge),
  normal: (edge) => /state:new -(request_authorization|schedule)->/.test(edge),
  emergency: (edge) => /state:assess|state:new -(assess|schedule)->/.test(edge),
};
const UNREACHED: Readonly<Record<ChangeType, readonly string[]>> = {
  standard: ['state:assess', 'state:authorize'],
  normal: [],
  emergency: ['state:assess'],
};

// Two steps for a moderate emergency change as for a normal one, so a decision may leave either
// waiting, as well as authorize or reject it.
const twoSteps: ChangeApprovalStepDefinition[] = [
  { name: 'change manager', approvers: [{ kind: 'group', id: 'change_management' }], rule: { kind: 'any' } },
  { name: 'ECAB', approvers: [{ kind: 'group', id: 'ecab' }], rule: { kind: 'any' } },
];
const lifecycle = defineChangeLifecycle({ approvalPolicy: { emergency: { low: twoSteps, moderate: twoSteps, high: twoSteps } } });
const explorations = new Map<ChangeType, Exploration<ChangeRequest>>();

describe.each(['standard', 'normal', 'emergency'] as const)('a %s change, tested against the change lifecycle machine', (type) => {
  const model = modelOf(lifecycle, type);
  const exploration = explore(model);
  explorations.set(type, exploration);
  const declared = [...declaredTransitions(lifecycle.machine)];

  it("reaches every state of its type's path through the domain function", () => {
    expect(exploration.problems).toEqual([]);
    expect(states(exploration.reached)).toEqual([...declaredStates(lifecycle.machine)].filter((state) => !UNREACHED[type].includes(state)).sort());
  });

  it("exercises every transition of its type's path, and no other", () => {
    expect([...exploration.exercised].sort()).toEqual(declared.filter((edge) => !FORBIDDEN[type](edge)).sort());
  });

  it('refuses every event a state has no transition for, as invalid_transition, leaving the record unchanged', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(20);
  });
});

describe('the three change types together', () => {
  it('exercise every transition the machine declares', () => {
    const union = new Set([...explorations.values()].flatMap((exploration) => [...exploration.exercised]));
    expect([...union].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
  });
});

describe('a change lifecycle with a vendor state, tested against its machine', () => {
  const extended = defineChangeLifecycle({
    extend: {
      states: { awaiting_window: { behavesAs: 'scheduled', description: 'the maintenance window is being confirmed with the vendor' } },
      transitions: [
        { event: 'await_window', from: ['scheduled'], to: 'awaiting_window' },
        { event: 'window_confirmed', from: ['awaiting_window'], to: 'scheduled' },
      ],
    },
  });
  const model: LifecycleModel<ChangeRequest, Step> = {
    ...modelOf(extended, 'normal'),
    steps: (change) => [...fixed, ...decisions(change), step({ type: 'await_window', note: 'vendor asked' }), step({ type: 'window_confirmed' })],
  };
  const exploration = explore(model);

  it('reaches the added state, takes its inherited and added transitions, and no undeclared one', () => {
    expect(exploration.problems).toEqual([]);
    expect(states(exploration.reached)).toEqual([...declaredStates(extended.machine)].sort());
    expect(exploration.exercised).toContain('state:awaiting_window -start_implementation-> implement');
    expect(exploration.exercised).toContain('state:awaiting_window -revert_to_new-> new');
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(extended.machine)].filter((edge) => !FORBIDDEN.normal(edge)).sort());
  });

  it('refuses everything else there, as invalid_transition', () => {
    const { problems } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
  });
});

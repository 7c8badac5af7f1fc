import { describe, expect, it } from 'vitest';
import { defineProblemLifecycle, openProblem, safeApplyProblemEvent, type Problem, type ProblemEvent, type ProblemLifecycle } from '../../src/problem/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';

const manager = { kind: 'user', id: 'pm-1' } as const;
const opened = Date.parse('2026-11-23T08:00:00.000Z');

interface Step extends ModelStep {
  readonly event: ProblemEvent | { readonly type: string; readonly note?: string };
}

const step = (event: Step['event'], label: string = event.type): Step => ({ type: event.type, label, event });

const steps: readonly Step[] = [
  step({ type: 'assign', assignee: manager, assignmentGroup: { kind: 'group', id: 'network' } }),
  step({ type: 'update', urgency: 3 }),
  step({ type: 'comment', visibility: 'work_note', body: 'captured a trace' }),
  step({ type: 'attach', attachment: { id: 'a-1', fileName: 'trace.pcap', contentType: 'application/octet-stream', sizeBytes: 10, storageKey: 'k', uploadedBy: manager, uploadedAt: '2026-11-23T08:00:00.000Z' } }),
  step({ type: 'link', incident: 'inc-9', changeRequest: 'chg-1' }),
  step({ type: 'assess' }),
  step({ type: 'start_analysis', note: 'reproduced in the lab' }),
  step({ type: 'record_root_cause', rootCause: 'The gateway rekeys with a retired cipher.' }),
  step({ type: 'record_workaround', workaround: 'Reconnect.' }),
  step({ type: 'start_fix' }),
  step({ type: 'resolve', fix: 'Re-enabled the cipher.' }),
  step({ type: 'accept_risk', reason: 'the gateway is replaced next quarter' }),
  step({ type: 'mark_duplicate', duplicateOf: 'prb-0' }),
  step({ type: 'cancel', reason: 'logged in error' }),
  step({ type: 'reanalyze', reason: 'the drops came back' }),
  step({ type: 'close' }),
  step({ type: 'publish_known_error', knownError: 'ke-1' }),
];

// Opened with a cause and a workaround already known, so the guards that ask for them
// (start_fix, publish_known_error) let every declared transition be taken; their refusals
// are shown in problem-lifecycle.test.ts.
const initialOf = (lifecycle: ProblemLifecycle): Problem =>
  openProblem(
    { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2, rootCause: 'Suspected: rekeying.', workaround: 'Reconnect.' },
    { now: new Date(opened), actor: manager, newId: () => 'prb-1', tenantId: 't-1', number: 'PRB0000001', lifecycle },
  ).record;

let ids = 0;
const modelOf = (lifecycle: ProblemLifecycle, extraSteps: readonly Step[] = []): LifecycleModel<Problem, Step> => ({
  machine: lifecycle.machine,
  initial: initialOf(lifecycle),
  regionsOf: (problem) => ({ state: problem.state }),
  steps: () => [...steps, ...extraSteps],
  apply: (problem, { event }) =>
    safeApplyProblemEvent(problem, event, { now: new Date(Date.parse(problem.updatedAt) + 60_000), actor: manager, newId: () => `j-${++ids}`, lifecycle }),
});

describe('the problem lifecycle, tested against its machine', () => {
  const lifecycle = defineProblemLifecycle();
  const model = modelOf(lifecycle);
  const exploration = explore(model);

  it('reaches every state through the domain function', () => {
    expect(exploration.problems).toEqual([]);
    expect([...exploration.reached].sort()).toEqual([...declaredStates(lifecycle.machine)].sort());
  });

  it('exercises every transition the machine declares, and no other', () => {
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
  });

  it('refuses every event a state has no transition for, as invalid_transition, leaving the record unchanged', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(40);
  });
});

describe('a problem lifecycle with a vendor state, tested against its machine', () => {
  const lifecycle = defineProblemLifecycle({
    extend: {
      states: { awaiting_vendor: { behavesAs: 'root_cause_analysis', description: 'the vendor investigates' } },
      transitions: [
        { event: 'escalate_to_vendor', from: ['root_cause_analysis'], to: 'awaiting_vendor' },
        { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'root_cause_analysis' },
      ],
    },
  });
  const model = modelOf(lifecycle, [step({ type: 'escalate_to_vendor', note: 'case 4711 opened' }), step({ type: 'vendor_replied' })]);
  const exploration = explore(model);

  it('reaches the added state, takes its inherited and added transitions, and no undeclared one', () => {
    expect(exploration.problems).toEqual([]);
    expect([...exploration.reached].sort()).toEqual([...declaredStates(lifecycle.machine)].sort());
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
    expect(exploration.exercised).toContain('state:awaiting_vendor -start_fix-> fix_in_progress');
  });

  it('refuses everything else there, as invalid_transition', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(40);
  });
});

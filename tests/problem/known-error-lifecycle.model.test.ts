import { describe, expect, it } from 'vitest';
import {
  defineKnownErrorLifecycle,
  openProblem,
  publishKnownError,
  safeApplyKnownErrorEvent,
  type KnownError,
  type KnownErrorEvent,
  type KnownErrorLifecycle,
} from '../../src/problem/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';

const manager = { kind: 'user', id: 'pm-1' } as const;
const opened = Date.parse('2026-11-23T08:00:00.000Z');

interface Step extends ModelStep {
  readonly event: KnownErrorEvent | { readonly type: string; readonly note?: string };
}

const step = (event: Step['event'], label: string = event.type): Step => ({ type: event.type, label, event });

const steps: readonly Step[] = [
  step({ type: 'update', workaround: 'Pin the client to the legacy profile.' }),
  step({ type: 'publish' }),
  step({ type: 'retire', reason: 'fixed by CHG0000042' }),
  step({ type: 'retire' }, 'retire without a reason'),
];

const draftOf = (knownErrorLifecycle: KnownErrorLifecycle): KnownError => {
  const context = { now: new Date(opened), actor: manager, newId: () => 'prb-1', tenantId: 't-1', number: 'PRB0000001' };
  const problem = openProblem({ problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2, workaround: 'Reconnect.' }, context).record;
  return publishKnownError(
    problem,
    { title: 'VPN drops at rekey', symptom: 'Sessions end every 30 minutes.', state: 'draft' },
    { ...context, newId: () => 'ke-1', number: 'KE0000001', knownErrorLifecycle },
  ).knownError.record;
};

const modelOf = (lifecycle: KnownErrorLifecycle, extraSteps: readonly Step[] = []): LifecycleModel<KnownError, Step> => ({
  machine: lifecycle.machine,
  initial: draftOf(lifecycle),
  regionsOf: (knownError) => ({ state: knownError.state }),
  steps: () => [...steps, ...extraSteps],
  apply: (knownError, { event }) =>
    safeApplyKnownErrorEvent(knownError, event, { now: new Date(Date.parse(knownError.updatedAt) + 60_000), actor: manager, newId: () => 'unused', lifecycle }),
});

describe('the known error lifecycle, tested against its machine', () => {
  const lifecycle = defineKnownErrorLifecycle();
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
    // published: publish; retired: all four steps.
    expect(probes).toBe(5);
  });
});

describe('a known error lifecycle with a review state, tested against its machine', () => {
  const lifecycle = defineKnownErrorLifecycle({
    extend: {
      states: { in_review: { behavesAs: 'draft' } },
      transitions: [
        { event: 'submit_for_review', from: ['draft'], to: 'in_review' },
        { event: 'send_back', from: ['in_review'], to: 'draft' },
      ],
    },
  });
  const model = modelOf(lifecycle, [step({ type: 'submit_for_review', note: 'ready' }), step({ type: 'send_back' })]);
  const exploration = explore(model);

  it('reaches the added state and takes every declared transition, its inherited ones included', () => {
    expect(exploration.problems).toEqual([]);
    expect([...exploration.reached].sort()).toEqual([...declaredStates(lifecycle.machine)].sort());
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
    expect(exploration.exercised).toContain('state:in_review -publish-> published');
  });

  it('refuses everything else, as invalid_transition', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(5);
  });
});

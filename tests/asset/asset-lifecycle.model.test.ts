import { describe, expect, it } from 'vitest';
import { defineAssetLifecycle, safeApplyAssetEvent, type Asset, type AssetEvent, type AssetLifecycle } from '../../src/asset/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';
import { manager, ordered, user } from './support';

interface Step extends ModelStep {
  readonly event: AssetEvent | { readonly type: string; readonly note?: string };
}

const step = (event: Step['event'], label: string = event.type): Step => ({ type: event.type, label, event });

const steps: readonly Step[] = [
  step({ type: 'update', location: 'Berlin HQ, room 3.14' }),
  step({ type: 'comment', visibility: 'work_note', body: 'asset tag stuck on the lid' }),
  step({ type: 'attach', attachment: { id: 'a-1', fileName: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: 10, storageKey: 'k', uploadedBy: manager, uploadedAt: '2026-11-23T08:00:00.000Z' } }),
  step({ type: 'receive', serialNumber: 'PF-4XK2M9', location: 'goods-in' }),
  step({ type: 'stock', location: 'IT store' }),
  step({ type: 'deploy', assignedTo: user, note: 'new joiner' }),
  step({ type: 'reassign', assignedTo: { kind: 'group', id: 'reception' } }),
  step({ type: 'return', location: 'IT store' }),
  step({ type: 'send_to_maintenance', reason: 'cracked screen' }),
  step({ type: 'complete_maintenance', assignedTo: user, note: 'screen replaced' }),
  step({ type: 'retire', reason: 'end of lease' }),
  step({ type: 'reinstate', reason: 'kept as a spare' }),
  step({ type: 'dispose', reason: 'returned_to_vendor', date: '2029-11-30' }),
  step({ type: 'cancel', reason: 'order dropped' }),
];

let ids = 0;
const modelOf = (lifecycle: AssetLifecycle, extraSteps: readonly Step[] = []): LifecycleModel<Asset, Step> => ({
  machine: lifecycle.machine,
  initial: ordered(lifecycle),
  regionsOf: (asset) => ({ state: asset.state }),
  steps: () => [...steps, ...extraSteps],
  apply: (asset, { event }) => safeApplyAssetEvent(asset, event, { now: new Date(Date.parse(asset.updatedAt) + 60_000), actor: manager, newId: () => `j-${++ids}`, lifecycle }),
});

describe('the asset lifecycle, tested against its machine', () => {
  const lifecycle = defineAssetLifecycle();
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
    expect(probes).toBeGreaterThan(50);
  });
});

describe('an asset lifecycle with a vendor state and reinstatement turned off, tested against its machine', () => {
  const lifecycle = defineAssetLifecycle({
    reinstate: { allowed: false },
    extend: {
      states: { on_loan: { behavesAs: 'in_use', description: 'lent to another site' } },
      transitions: [
        { event: 'lend', from: ['in_use'], to: 'on_loan' },
        { event: 'take_back', from: ['on_loan'], to: 'in_use' },
      ],
    },
  });
  const model = modelOf(lifecycle, [step({ type: 'lend', note: 'to the Munich office' }), step({ type: 'take_back' })]);
  const exploration = explore(model);

  it('reaches the added state, takes its inherited and added transitions, and no undeclared one', () => {
    expect(exploration.problems).toEqual([]);
    expect([...exploration.reached].sort()).toEqual([...declaredStates(lifecycle.machine)].sort());
    expect([...exploration.exercised].sort()).toEqual([...declaredTransitions(lifecycle.machine)].sort());
    expect(exploration.exercised).toContain('state:on_loan -return-> in_stock');
    expect([...exploration.exercised].some((edge) => edge.includes('-reinstate->'))).toBe(false);
  });

  it('refuses everything else there, reinstate included, as invalid_transition', () => {
    const { problems, probes } = probeRefusals(model, exploration.representatives);
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(50);
  });
});

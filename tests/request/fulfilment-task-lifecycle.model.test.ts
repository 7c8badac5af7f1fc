import { describe, expect, it } from 'vitest';
import { defineFulfilmentTaskLifecycle, safeApplyFulfilmentTaskEvent, type FulfilmentTask, type FulfilmentTaskEvent } from '../../src/request/index';
import { declaredStates, declaredTransitions, explore, probeRefusals, type LifecycleModel, type ModelStep } from '../lifecycle-model';
import { after, agent, idSource, openTask } from './support';

const lifecycle = defineFulfilmentTaskLifecycle();

interface Step extends ModelStep {
  readonly event: FulfilmentTaskEvent;
}

const step = (event: FulfilmentTaskEvent, label: string = event.type): Step => ({ type: event.type, label, event });

const steps: readonly Step[] = [
  step({ type: 'start' }),
  step({ type: 'close', outcome: 'complete', note: 'Imaged and handed over' }, 'close complete'),
  step({ type: 'close', outcome: 'incomplete' }, 'close incomplete'),
  step({ type: 'close', outcome: 'skipped' }, 'close skipped'),
  step({ type: 'cancel', reason: 'the item was withdrawn' }),
  step({ type: 'assign', assignee: agent }),
  step({ type: 'comment', visibility: 'work_note', body: 'Waiting for the courier' }),
];

const model: LifecycleModel<FulfilmentTask, Step> = {
  machine: lifecycle.machine,
  initial: openTask,
  regionsOf: (task) => ({ state: task.state }),
  steps: () => steps,
  apply: (task, { event }) => safeApplyFulfilmentTaskEvent(task, event, { now: after(task.updatedAt, 1), actor: agent, newId: idSource(`j${task.version}`), lifecycles: { task: lifecycle }, tasks: [] }),
};

describe('the fulfilment task lifecycle, tested against its machine', () => {
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
    expect(probes).toBeGreaterThan(15);
  });
});

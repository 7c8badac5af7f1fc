import { describe, expect, it } from 'vitest';
import { defineFulfilmentTaskLifecycle, type FulfilmentTask } from '../../src/request/index';
import { agent, applyTask, openTask, refused, stepTask } from './support';

/** The context of a task that is the only one of its item: there is none before it to wait for. */
const alone = { tasks: [] };

describe('fulfilment tasks', () => {
  it('start, then close with an outcome, keeping the notes', () => {
    const started = applyTask(openTask, { type: 'start', note: 'imaging' }, alone).record;
    expect(started).toMatchObject({ state: 'work_in_progress', startedAt: started.updatedAt });
    const closed = applyTask(started, { type: 'close', outcome: 'incomplete', note: 'no stock left' }, alone);
    expect(closed.record).toMatchObject({ state: 'closed_incomplete', closeNotes: 'no stock left', closedAt: closed.record.updatedAt });
    expect(closed.events[0]).toMatchObject({ type: 'fulfilment_task.closed', data: { from: 'work_in_progress', to: 'closed_incomplete', outcome: 'incomplete' } });
  });

  it('may be closed or canceled without having been started', () => {
    expect(applyTask(openTask, { type: 'close', outcome: 'skipped' }).record.state).toBe('closed_skipped');
    expect(applyTask(openTask, { type: 'cancel', reason: 'the item was withdrawn' }).record.state).toBe('canceled');
  });

  it('can be assigned to a person in its group', () => {
    expect(applyTask(openTask, { type: 'assign', assignee: agent }).record.assignee).toEqual(agent);
    expect(refused(stepTask(openTask, { type: 'assign', assignee: { kind: 'group', id: 'g-x' } })).code).toBe('validation');
  });

  it('refuses closing without the fields the host requires', () => {
    const lifecycles = { task: defineFulfilmentTaskLifecycle({ requiredFields: { close: ['closeNotes'] } }) };
    expect(refused(stepTask(openTask, { type: 'close', outcome: 'complete' }, { lifecycles, ...alone })).message).toContain('closeNotes is required to close');
    expect(applyTask(openTask, { type: 'close', outcome: 'complete', note: 'done' }, { lifecycles, ...alone }).record.state).toBe('closed_complete');
  });
});

describe('fulfilment tasks run in order of their order', () => {
  const task = (id: string, order: number): FulfilmentTask => ({ ...openTask, id, number: `TASK-${id}`, order });
  const image = task('image', 1);
  const label = task('label', 1);
  const ship = task('ship', 2);
  const tasks = [image, label, ship];

  it('a task waits for every open task of its item with a lower order, to start or be done, and names them', () => {
    for (const event of [{ type: 'start' }, { type: 'close', outcome: 'complete' }, { type: 'close', outcome: 'incomplete' }]) {
      const error = refused(stepTask(ship, event, { tasks }));
      expect(error.code).toBe('invalid_transition');
      // Only the reason of the transition the event chose: not "the outcome is complete" of the others.
      expect(error.message).toBe(`Cannot ${event.type} fulfilment_task TASK-ship in state open: fulfilment tasks TASK-image (order 1), TASK-label (order 1) come before it and are still open`);
    }
    const imaged = applyTask(image, { type: 'close', outcome: 'complete' }, { tasks }).record;
    expect(refused(stepTask(ship, { type: 'start' }, { tasks: [imaged, label, ship] })).message).toContain('fulfilment task TASK-label (order 1) comes before it and is still open');
    const labelCanceled = applyTask(label, { type: 'cancel', reason: 'printed by the vendor' }, { tasks }).record;
    expect(applyTask(ship, { type: 'start' }, { tasks: [imaged, labelCanceled, ship] }).record.state).toBe('work_in_progress');
    expect(applyTask(ship, { type: 'close', outcome: 'complete' }, { tasks: [imaged, labelCanceled] }).record.state).toBe('closed_complete');
  });

  it('tasks of one order run side by side, and a task started early still waits to be done', () => {
    expect(applyTask(label, { type: 'start' }, { tasks }).record.state).toBe('work_in_progress');
    expect(applyTask(image, { type: 'close', outcome: 'complete' }, { tasks }).record.state).toBe('closed_complete');
    // Started before the ordering was kept (a record from an older release, say).
    const shipping: FulfilmentTask = { ...ship, state: 'work_in_progress', startedAt: ship.updatedAt };
    expect(refused(stepTask(shipping, { type: 'close', outcome: 'complete' }, { tasks })).message).toContain('come before it and are still open');
  });

  it('skipping, canceling, assigning and commenting never wait', () => {
    expect(applyTask(ship, { type: 'close', outcome: 'skipped' }, { tasks }).record.state).toBe('closed_skipped');
    expect(applyTask(ship, { type: 'cancel', reason: 'sent by courier instead' }, { tasks }).record.state).toBe('canceled');
    expect(applyTask(ship, { type: 'assign', assignee: agent }, { tasks }).record.assignee).toEqual(agent);
    expect(applyTask(ship, { type: 'comment', visibility: 'work_note', body: 'label printed' }).record.journal).toHaveLength(1);
  });

  it('counts only the tasks of its own item and tenant', () => {
    const elsewhere = [{ ...image, requestItem: 'ritm-2' }, { ...label, tenantId: 'globex' }];
    expect(applyTask(ship, { type: 'start' }, { tasks: elsewhere }).record.state).toBe('work_in_progress');
  });

  it('needs the tasks of its item to start or be done, unless its order is 0, since one not given might be open', () => {
    expect(refused(stepTask(ship, { type: 'start' })).message).toContain("the tasks of request item ritm-1 must be given in the context's tasks: a task of order 2 waits for those of a lower order");
    expect(applyTask(task('first', 0), { type: 'start' }).record.state).toBe('work_in_progress');
  });

  it('refuses tasks in the context that are not tasks, naming their path', () => {
    const error = refused(stepTask(ship, { type: 'start' }, { tasks: [image, { id: 'x' } as unknown as FulfilmentTask] }));
    expect(error.code).toBe('validation');
    expect((error as unknown as { issues: { path: (string | number)[] }[] }).issues[0]?.path.slice(0, 2)).toEqual(['tasks', 1]);
  });
});

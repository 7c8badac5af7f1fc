import { describe, expect, it } from 'vitest';
import { defineFulfilmentTaskLifecycle } from '../../src/request/index';
import { agent, applyTask, openTask, refused, stepTask } from './support';

describe('fulfilment tasks', () => {
  it('start, then close with an outcome, keeping the notes', () => {
    const started = applyTask(openTask, { type: 'start', note: 'imaging' }).record;
    expect(started).toMatchObject({ state: 'work_in_progress', startedAt: started.updatedAt });
    const closed = applyTask(started, { type: 'close', outcome: 'incomplete', note: 'no stock left' });
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
    expect(refused(stepTask(openTask, { type: 'close', outcome: 'complete' }, { lifecycles })).message).toContain('closeNotes is required to close');
    expect(applyTask(openTask, { type: 'close', outcome: 'complete', note: 'done' }, { lifecycles }).record.state).toBe('closed_complete');
  });
});

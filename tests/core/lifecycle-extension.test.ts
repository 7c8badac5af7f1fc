import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  defineIncidentLifecycle,
  Incident,
  InvalidTransitionError,
  isItsmError,
  ItsmError,
  safeDefineIncidentLifecycle,
  ValidationError,
  type IncidentLifecycleOptionsInput,
} from '../../src/index';
import { thrown } from '../support';
import { agent, apply, desk, drive, issuePaths, open, refusal } from '../incident/support';

/** A vendor's incident lifecycle: waiting for a third party is work in progress, and only urgent incidents are escalated. */
const lifecycle = defineIncidentLifecycle({
  extend: {
    states: { awaiting_vendor: { behavesAs: 'in_progress', description: 'handed to a third party' }, triage: { behavesAs: 'new' } },
    transitions: [
      { event: 'hand_to_vendor', from: ['in_progress'], to: 'awaiting_vendor' },
      { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'in_progress' },
      { event: 'send_to_triage', from: ['new'], to: 'triage' },
      { event: 'escalate', from: ['new', 'in_progress', 'awaiting_vendor'], when: { field: 'priority', lte: 2 }, reason: 'only priority 1 and 2 incidents are escalated' },
      { event: 'nudge', from: ['awaiting_vendor'], when: { field: 'assignee', exists: true } },
    ],
  },
  requiredFields: { hand_to_vendor: ['assignmentGroup'] },
});
const context = { lifecycle };
const inProgress = drive(open({}, context), [{ type: 'assign', assignmentGroup: desk }, { type: 'start' }], context);
const withVendor = drive(inProgress, [{ type: 'hand_to_vendor', note: 'Ticket 4711 at the ISP' }], context);

describe('an added state', () => {
  it('is a state of the lifecycle and of its record schema', () => {
    expect(lifecycle.states).toEqual(['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled', 'awaiting_vendor', 'triage']);
    expect(withVendor.state).toBe('awaiting_vendor');
    expect(lifecycle.schema.safeParse(withVendor).success).toBe(true);
    expect(Incident.safeParse(withVendor).success).toBe(false);
  });

  it('is reached by an added transition whose note becomes a work note', () => {
    const { record, events } = apply(inProgress, { type: 'hand_to_vendor', note: 'Ticket 4711 at the ISP' }, { ...context, newId: () => 'note-1' });
    expect(record.journal.at(-1)).toEqual({ id: 'note-1', kind: 'work_note', body: 'Ticket 4711 at the ISP', author: agent, at: record.updatedAt });
    expect(events).toMatchObject([
      { type: 'incident.hand_to_vendor', version: inProgress.version + 1, data: { from: { state: 'in_progress', major: 'none' }, to: { state: 'awaiting_vendor', major: 'none' }, note: 'Ticket 4711 at the ISP' } },
    ]);
  });

  it('inherits the transitions of the state it behaves as', () => {
    for (const event of [
      { type: 'resolve', resolutionCode: 'solved_remotely', resolutionNotes: 'The ISP fixed the route' },
      { type: 'put_on_hold', reason: 'awaiting_vendor' },
      { type: 'cancel', reason: 'Duplicate' },
    ]) {
      expect(apply(withVendor, event, context).record.state).toBe({ resolve: 'resolved', put_on_hold: 'on_hold', cancel: 'canceled' }[event.type]);
    }
    const updated = apply(withVendor, { type: 'update', urgency: 1 }, context).record;
    expect(updated).toMatchObject({ state: 'awaiting_vendor', priority: 2 });
    expect(apply(withVendor, { type: 'comment', visibility: 'work_note', body: 'chased' }, context).record.state).toBe('awaiting_vendor');
  });

  it('does not take transitions its built-in state lacks', () => {
    const error = refusal(withVendor, { type: 'start' }, context) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect(error.allowedEvents).not.toContain('start');
    expect(error.allowedEvents).not.toContain('hand_to_vendor');
  });

  it('behaving as new inherits start', () => {
    const triaged = drive(open({}, context), [{ type: 'send_to_triage' }], context);
    expect(triaged.state).toBe('triage');
    expect(apply(triaged, { type: 'start' }, context).record.state).toBe('in_progress');
  });

  it("follows its built-in state's field rules", () => {
    expect(lifecycle.schema.safeParse({ ...withVendor, onHoldReason: 'awaiting_vendor' }).success).toBe(false);
    expect(lifecycle.schema.safeParse({ ...withVendor, resolvedAt: withVendor.updatedAt }).success).toBe(false);
  });

  it('leaves through an added transition', () => {
    expect(apply(withVendor, { type: 'vendor_replied' }, context).record.state).toBe('in_progress');
  });

  it('required fields apply to added events', () => {
    const unassigned = drive(open({}, context), [{ type: 'start' }], context);
    const error = refusal(unassigned, { type: 'hand_to_vendor' }, context) as InvalidTransitionError;
    expect(error.refusedBy).toEqual([{ guard: 'requiredFields', reason: 'assignmentGroup is required to hand_to_vendor' }]);
  });
});

describe('an added transition with a condition', () => {
  it('is refused with the configured reason while the condition is false', () => {
    const error = refusal(inProgress, { type: 'escalate' }, context);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).refusedBy).toEqual([{ guard: expect.stringContaining('escalate') as string, reason: 'only priority 1 and 2 incidents are escalated' }]);
    expect(error.message).toContain('only priority 1 and 2 incidents are escalated');
  });

  it('is accepted once it holds, staying in the state when it names no target', () => {
    const urgent = drive(inProgress, [{ type: 'update', urgency: 1 }], context);
    const { record } = apply(urgent, { type: 'escalate', note: 'Paging the network team' }, context);
    expect(record.state).toBe('in_progress');
    expect(record.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'Paging the network team' });
  });

  it('without a note adds nothing to the journal', () => {
    const urgent = drive(inProgress, [{ type: 'update', urgency: 1 }], context);
    expect(apply(urgent, { type: 'escalate' }, context).record.journal).toEqual(urgent.journal);
  });

  it('says which condition failed when no reason is configured', () => {
    const error = refusal(withVendor, { type: 'nudge' }, context) as InvalidTransitionError;
    expect(error.refusedBy.map((refused) => refused.reason)).toEqual(['the condition of nudge does not hold']);
    const assigned = drive(withVendor, [{ type: 'assign', assignee: agent }], context);
    expect(apply(assigned, { type: 'nudge' }, context).record.version).toBe(assigned.version + 1);
  });

  it('takes only a note as payload', () => {
    expect(issuePaths(refusal(inProgress, { type: 'escalate', urgency: 1 }, context) as ValidationError)).toEqual(['urgency']);
    expect(issuePaths(refusal(inProgress, { type: 'escalate', note: '' }, context) as ValidationError)).toEqual(['note']);
  });

  it('is not known to a lifecycle without the extension', () => {
    const error = refusal(inProgress, { type: 'escalate' });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['type']);
  });
});

describe('allowedEvents', () => {
  it('lists the added events of a state', () => {
    expect(lifecycle.events).toEqual(expect.arrayContaining(['hand_to_vendor', 'vendor_replied', 'send_to_triage', 'escalate', 'nudge']));
    expect(allowedEvents(lifecycle, inProgress)).toEqual(expect.arrayContaining(['resolve', 'put_on_hold', 'hand_to_vendor', 'escalate']));
    expect(allowedEvents(lifecycle, inProgress)).not.toContain('vendor_replied');
    expect(allowedEvents(lifecycle, withVendor)).toEqual(expect.arrayContaining(['resolve', 'put_on_hold', 'vendor_replied', 'escalate', 'nudge']));
  });

  it('throws a validation error for a record of another lifecycle', () => {
    expect(thrown(() => allowedEvents(defineIncidentLifecycle(), withVendor))).toBeInstanceOf(ValidationError);
  });

  it('throws a validation error for a lifecycle not made by this library', () => {
    expect(issuePaths(thrown(() => allowedEvents({} as never, inProgress)) as ValidationError)).toEqual(['lifecycle']);
  });
});

describe('names that are also JavaScript property names', () => {
  it('an added event called constructor works like any other', () => {
    const odd = defineIncidentLifecycle({ extend: { states: { constructor: { behavesAs: 'in_progress' } }, transitions: [{ event: 'constructor', from: ['new'], to: 'constructor' }] } });
    const { record, events } = apply(open({}, { lifecycle: odd }), { type: 'constructor', note: 'Building works' }, { lifecycle: odd });
    expect(record.state).toBe('constructor');
    expect(events[0]?.type).toBe('incident.constructor');
    expect(apply(record, { type: 'resolve', resolutionCode: 'duplicate', resolutionNotes: 'dup' }, { lifecycle: odd }).record.state).toBe('resolved');
  });
});

describe('configuration errors', () => {
  const pathsOf = (options: IncidentLifecycleOptionsInput | Record<string, unknown>): string[] => {
    const result = safeDefineIncidentLifecycle(options);
    if (result.success) throw new Error('expected the options to be refused');
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.code).toBe('validation');
    return issuePaths(result.error);
  };

  it.each([
    ['a state that behaves as a state that is not extensible', { extend: { states: { parked: { behavesAs: 'on_hold' } } } }, ['extend.states.parked.behavesAs']],
    ['a state that behaves as no state at all', { extend: { states: { parked: { behavesAs: 'limbo' } } } }, ['extend.states.parked.behavesAs']],
    ['an added state named like a built-in one', { extend: { states: { resolved: { behavesAs: 'in_progress' } } } }, ['extend.states.resolved']],
    ['a state name that is not an identifier', { extend: { states: { 'Awaiting Vendor': { behavesAs: 'in_progress' } } } }, ['extend.states.Awaiting Vendor']],
    ['an event named like a built-in one', { extend: { transitions: [{ event: 'resolve', from: ['new'] }] } }, ['extend.transitions.0.event']],
    ['an event named like a built-in one the options leave without a transition', { extend: { transitions: [{ event: 'auto_close', from: ['new'] }] } }, ['extend.transitions.0.event']],
    ['a transition from an unknown state', { extend: { transitions: [{ event: 'park', from: ['new', 'limbo'] }] } }, ['extend.transitions.0.from.1']],
    ['a transition from a built-in state with fields of its own (on hold, resolved)', { extend: { transitions: [{ event: 'park', from: ['on_hold', 'resolved'], to: 'in_progress' }] } }, ['extend.transitions.0.from.0', 'extend.transitions.0.from.1']],
    ['a transition to a built-in state that is not extensible', { extend: { transitions: [{ event: 'park', from: ['new'], to: 'resolved' }] } }, ['extend.transitions.0.to']],
    ['a transition to an unknown state', { extend: { transitions: [{ event: 'park', from: ['new'], to: 'limbo' }] } }, ['extend.transitions.0.to']],
    ['a malformed condition', { extend: { transitions: [{ event: 'park', from: ['new'], when: { field: 'priority', lte: 2, eq: 3 } }] } }, ['extend.transitions.0.when']],
    ['a condition on a malformed field path', { extend: { transitions: [{ event: 'park', from: ['new'], when: { field: 'bad path', eq: 3 } }] } }, ['extend.transitions.0.when.field']],
    ['required fields for an unknown event', { requiredFields: { escalate: ['category'] } }, ['requiredFields.escalate']],
    ['a required field that is not a path', { requiredFields: { resolve: ['a b'] } }, ['requiredFields.resolve.0']],
    ['an unknown key in the extension', { extend: { states: {}, guards: {} } }, ['extend.guards']],
  ])('refuses %s, naming its path', (_name, options, paths) => {
    expect(pathsOf(options)).toEqual(paths);
  });

  it('reports every problem at once', () => {
    expect(
      pathsOf({
        extend: { states: { parked: { behavesAs: 'on_hold' } }, transitions: [{ event: 'cancel', from: ['new'] }, { event: 'park', from: ['nowhere'] }] },
        requiredFields: { nope: ['category'] },
      }),
    ).toEqual(['extend.states.parked.behavesAs', 'extend.transitions.0.event', 'extend.transitions.1.from.0', 'requiredFields.nope']);
  });

  it('accepts required fields for an added event and for a built-in one the options leave without a transition', () => {
    expect(safeDefineIncidentLifecycle({ extend: { transitions: [{ event: 'park', from: ['new'] }] }, requiredFields: { park: ['category'], reopen: ['category'] }, reopen: { allowed: false } }).success).toBe(true);
  });

  it('defineIncidentLifecycle throws the same error', () => {
    const error = thrown(() => defineIncidentLifecycle({ extend: { states: { resolved: { behavesAs: 'in_progress' } } } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuePaths(error as ValidationError)).toEqual(['extend.states.resolved']);
  });
});

describe('InvalidTransitionError', () => {
  const error = refusal(inProgress, { type: 'escalate' }, context) as InvalidTransitionError;
  const noTransition = refusal(inProgress, { type: 'close' }, context) as InvalidTransitionError;

  it('is an ItsmError with code invalid_transition', () => {
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error).toBeInstanceOf(ItsmError);
    expect(error).toBeInstanceOf(Error);
    expect(isItsmError(error)).toBe(true);
    expect(error.code).toBe('invalid_transition');
    expect(error.name).toBe('InvalidTransitionError');
  });

  it('lists the allowed events and the refusing guards, also in its details', () => {
    expect(error.allowedEvents).toEqual(allowedEvents(lifecycle, inProgress));
    expect(error.refusedBy).toHaveLength(1);
    expect(error.details).toEqual({
      recordKind: 'incident',
      recordId: inProgress.id,
      number: inProgress.number,
      state: expect.stringContaining('in_progress') as string,
      event: 'escalate',
      allowedEvents: error.allowedEvents,
      refusedBy: error.refusedBy,
    });
  });

  it('has no refusing guard when the state has no transition for the event, and says what is allowed', () => {
    expect(noTransition.refusedBy).toEqual([]);
    expect(noTransition.allowedEvents).not.toContain('close');
    expect(noTransition.message).toContain(inProgress.number);
    expect(noTransition.message).toContain('hand_to_vendor');
  });

  it('serialises to plain data with toJSON', () => {
    const json = error.toJSON();
    expect(json).toEqual({ name: 'InvalidTransitionError', code: 'invalid_transition', message: error.message, details: error.details });
    expect(JSON.parse(JSON.stringify(error))).toEqual(JSON.parse(JSON.stringify(json)));
  });

  it('says the state is final when nothing is allowed', () => {
    const canceled = drive(open({}, context), [{ type: 'propose_major', reason: 'x' }, { type: 'accept_major' }, { type: 'cancel', reason: 'x' }], context);
    const final = refusal(canceled, { type: 'start' }, context) as InvalidTransitionError;
    expect(final.allowedEvents).toEqual([]);
    expect(final.message).toContain('none: the state is final');
  });
});

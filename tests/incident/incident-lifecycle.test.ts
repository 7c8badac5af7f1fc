import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  applyIncidentEvent,
  defineCalendar,
  defineIncidentLifecycle,
  definePriorityMatrix,
  DEFAULT_PRIORITY_MATRIX,
  Incident,
  incidentAutoCloseDueAt,
  InvalidTransitionError,
  openIncident,
  safeApplyIncidentEvent,
  safeOpenIncident,
  ValidationError,
  type IncidentContext,
  type OpenIncidentContext,
} from '../../src/index';
import { thrown } from '../support';
import { after, agent, apply, caller, desk, drive, idSource, issuePaths, OPENED, open, otherAgent, refusal, scheduler } from './support';

enablePatches();

const resolve = { type: 'resolve', resolutionCode: 'solved_permanently', resolutionNotes: 'Replaced the VPN concentrator' } as const;
const onHold = (reason = 'awaiting_caller') => ({ type: 'put_on_hold', reason }) as const;
const attachment = {
  id: 'att-1',
  fileName: 'vpn.log',
  contentType: 'text/plain',
  sizeBytes: 2048,
  storageKey: 'blobs/att-1',
  uploadedBy: caller,
  uploadedAt: OPENED,
} as const;

/** Berlin office hours, Monday to Friday 09:00–17:00, closed on Christmas Eve and Christmas Day 2026. */
const office = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
  holidays: [
    { date: '2026-12-24', name: 'Christmas Eve' },
    { date: '2026-12-25', name: 'Christmas Day' },
  ],
});

describe('opening an incident', () => {
  const context: OpenIncidentContext = { now: OPENED, actor: agent, newId: () => 'inc-1', tenantId: 'acme', number: 'INC0001001' };

  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [1, 3, 3],
    [3, 3, 5],
  ])('derives the priority from impact %i and urgency %i with the default matrix: %i', (impact, urgency, priority) => {
    expect(openIncident({ shortDescription: 'Mail is slow', caller, impact, urgency }, context).record.priority).toBe(priority);
  });

  const twoByTwo = definePriorityMatrix({
    impacts: [
      { value: 10, label: 'Company' },
      { value: 20, label: 'Person' },
    ],
    urgencies: [
      { value: 1, label: 'Now' },
      { value: 2, label: 'Later' },
    ],
    priorities: [
      { value: 1, label: 'P1' },
      { value: 7, label: 'P7' },
      { value: 9, label: 'P9' },
    ],
    cells: [
      { impact: 10, urgency: 1, priority: 1 },
      { impact: 10, urgency: 2, priority: 7 },
      { impact: 20, urgency: 1, priority: 7 },
      { impact: 20, urgency: 2, priority: 9 },
    ],
  });

  it('derives the priority from a custom matrix made by definePriorityMatrix', () => {
    const { record } = openIncident({ shortDescription: 'Mail is slow', caller, impact: 20, urgency: 2 }, { ...context, priorityMatrix: twoByTwo });
    expect(record.priority).toBe(9);
  });

  it('refuses an impact the matrix does not list, naming impact', () => {
    const result = safeOpenIncident({ shortDescription: 'Mail is slow', caller, impact: 2, urgency: 1 }, { ...context, priorityMatrix: twoByTwo });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(issuePaths(result.error)).toEqual(['impact']);
    expect(thrown(() => openIncident({ shortDescription: 'Mail is slow', caller, impact: 2, urgency: 1 }, { ...context, priorityMatrix: twoByTwo }))).toMatchObject({
      code: 'validation',
    });
  });

  it('gives a new incident at version 1 with the fields the context supplies', () => {
    const { record, previous } = openIncident({ shortDescription: 'Mail is slow', caller, impact: 2, urgency: 2, category: 'email' }, context);
    expect(previous).toBeUndefined();
    expect(record).toEqual({
      id: 'inc-1',
      tenantId: 'acme',
      number: 'INC0001001',
      version: 1,
      createdAt: OPENED,
      updatedAt: OPENED,
      openedBy: agent,
      shortDescription: 'Mail is slow',
      caller,
      category: 'email',
      impact: 2,
      urgency: 2,
      priority: 3,
      state: 'new',
      major: 'none',
      openedAt: OPENED,
      reopenCount: 0,
      journal: [],
      attachments: [],
    });
    expect(Incident.safeParse(record).success).toBe(true);
  });

  it('takes now as a Date as well as an instant string', () => {
    expect(openIncident({ shortDescription: 'Mail is slow', caller, impact: 2, urgency: 2 }, { ...context, now: new Date(OPENED) }).record.openedAt).toBe(OPENED);
  });

  it('raises incident.opened with tenant, number, version, actor and the initial states', () => {
    const { events } = openIncident({ shortDescription: 'Mail is slow', caller, impact: 2, urgency: 2 }, context);
    expect(events).toEqual([
      {
        type: 'incident.opened',
        tenantId: 'acme',
        recordKind: 'incident',
        recordId: 'inc-1',
        number: 'INC0001001',
        version: 1,
        at: OPENED,
        actor: agent,
        data: { to: { state: 'new', major: 'none' } },
      },
    ]);
  });

  it('gives creation patches that rebuild the record from an empty object', () => {
    const { record, patches } = openIncident({ shortDescription: 'Mail is slow', caller, impact: 1, urgency: 2, assignmentGroup: desk }, context);
    expect(applyPatches({}, patches as never)).toEqual(record);
  });

  it('refuses a caller who is not a person, naming caller.kind', () => {
    const result = safeOpenIncident({ shortDescription: 'Mail is slow', caller: desk, impact: 2, urgency: 2 }, context);
    expect(!result.success && issuePaths(result.error)).toEqual(['caller.kind']);
  });

  it('refuses bad input, naming every field', () => {
    const result = safeOpenIncident({ caller, impact: 2, urgency: 'high', colour: 'red' }, context);
    expect(!result.success && issuePaths(result.error).sort()).toEqual(['colour', 'shortDescription', 'urgency']);
  });

  it('refuses a context without tenant or number, naming them', () => {
    const result = safeOpenIncident({ shortDescription: 'Mail is slow', caller, impact: 2, urgency: 2 }, { ...context, tenantId: '', number: undefined } as unknown as OpenIncidentContext);
    expect(!result.success && issuePaths(result.error).sort()).toEqual(['number', 'tenantId']);
  });
});

describe('events and their effect on the fields and the journal', () => {
  const incident = open();

  it('assign sets the assignment group and the assignee', () => {
    const { record } = apply(incident, { type: 'assign', assignmentGroup: desk, assignee: otherAgent });
    expect(record).toMatchObject({ assignmentGroup: desk, assignee: otherAgent, state: 'new', version: 2 });
  });

  it('assign with neither group nor assignee is a validation error', () => {
    const error = refusal(incident, { type: 'assign' });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['assignee']);
  });

  it('assign refuses a group as assignee, naming assignee.kind', () => {
    const error = refusal(incident, { type: 'assign', assignee: desk });
    expect(issuePaths(error as ValidationError)).toEqual(['assignee.kind']);
  });

  it('start moves to in_progress, records the first response and keeps its note as a work note', () => {
    const now = after(OPENED, 5);
    const { record } = apply(incident, { type: 'start', note: 'Looking at the concentrator' }, { now, newId: () => 'note-1' });
    expect(record.state).toBe('in_progress');
    expect(record.firstRespondedAt).toBe(now);
    expect(record.journal).toEqual([{ id: 'note-1', kind: 'work_note', body: 'Looking at the concentrator', author: agent, at: now }]);
  });

  it('update changes the fields it names and re-derives the priority, raising priority_changed', () => {
    const { record, events } = apply(incident, { type: 'update', urgency: 1, category: 'network', description: 'Only on the office Wi-Fi' });
    expect(record).toMatchObject({ urgency: 1, priority: 2, category: 'network', description: 'Only on the office Wi-Fi', impact: 2 });
    expect(events.map((event) => event.type)).toEqual(['incident.updated', 'incident.priority_changed']);
    expect(events[1]?.data).toEqual({ from: 3, to: 2 });
  });

  it('update that leaves the priority as it is raises no priority_changed', () => {
    const { record, events } = apply(incident, { type: 'update', shortDescription: 'VPN drops hourly' });
    expect(record.priority).toBe(3);
    expect(events.map((event) => event.type)).toEqual(['incident.updated']);
  });

  it('update to an impact the matrix lacks is a validation error naming impact', () => {
    const error = refusal(incident, { type: 'update', impact: 7 });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['impact']);
  });

  it('update re-derives the priority with the matrix in the context', () => {
    const matrix = definePriorityMatrix({ ...DEFAULT_PRIORITY_MATRIX.definition, cells: DEFAULT_PRIORITY_MATRIX.definition.cells.map((cell) => ({ ...cell, priority: 5 })) });
    expect(apply(incident, { type: 'update', urgency: 1 }, { priorityMatrix: matrix }).record.priority).toBe(5);
  });

  it('a work note goes to the journal and is not a first response', () => {
    const { record } = apply(incident, { type: 'comment', visibility: 'work_note', body: 'Checked the logs' }, { newId: () => 'note-9' });
    expect(record.journal).toEqual([{ id: 'note-9', kind: 'work_note', body: 'Checked the logs', author: agent, at: record.updatedAt }]);
    expect(record.firstRespondedAt).toBeUndefined();
  });

  it('attach adds the attachment', () => {
    expect(apply(incident, { type: 'attach', attachment }).record.attachments).toEqual([attachment]);
  });

  it('link sets the links it names', () => {
    const { record } = apply(incident, { type: 'link', problem: 'prb-1', causedByChange: 'chg-7' });
    expect(record).toMatchObject({ problem: 'prb-1', causedByChange: 'chg-7' });
    expect(record.changeRequest).toBeUndefined();
  });

  it('link refuses the incident as its own parent, naming parentIncident', () => {
    const error = refusal(incident, { type: 'link', parentIncident: incident.id });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['parentIncident']);
  });

  it('resolve sets the resolution code, notes and instant', () => {
    const now = after(OPENED, 30);
    const { record } = apply(incident, resolve, { now });
    expect(record).toMatchObject({ state: 'resolved', resolutionCode: 'solved_permanently', resolutionNotes: 'Replaced the VPN concentrator', resolvedAt: now });
  });

  it('close sets closedAt and keeps its note', () => {
    const resolved = apply(incident, resolve).record;
    const { record } = apply(resolved, { type: 'close', note: 'Caller confirmed' });
    expect(record).toMatchObject({ state: 'closed', closedAt: record.updatedAt, resolvedAt: resolved.resolvedAt });
    expect(record.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'Caller confirmed' });
  });

  it('an event not in the lifecycle is a validation error naming type', () => {
    const error = refusal(incident, { type: 'escalate' });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['type']);
  });

  it('an unknown field in an event is a validation error naming it', () => {
    const error = refusal(incident, { type: 'start', colour: 'red' });
    expect(issuePaths(error as ValidationError)).toEqual(['colour']);
  });

  it('an event the state does not accept is refused with the events it does accept', () => {
    const error = refusal(incident, { type: 'close' });
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).allowedEvents).toEqual(allowedEvents(defineIncidentLifecycle(), incident));
    expect((error as InvalidTransitionError).allowedEvents).toEqual(
      expect.arrayContaining(['assign', 'update', 'attach', 'link', 'resolve', 'cancel', 'start', 'comment', 'put_on_hold', 'propose_major']),
    );
    expect((error as InvalidTransitionError).allowedEvents).not.toContain('close');
    expect((error as InvalidTransitionError).refusedBy).toEqual([]);
  });

  it('applyIncidentEvent throws what safeApplyIncidentEvent returns', () => {
    const error = thrown(() => applyIncidentEvent(incident, { type: 'close' }, { now: after(OPENED, 1), actor: agent, newId: idSource() }));
    expect(error).toBeInstanceOf(InvalidTransitionError);
  });
});

describe('on hold', () => {
  const started = drive(open(), [{ type: 'start' }]);

  it('put_on_hold with a configured reason holds the incident and says why', () => {
    const { record, events } = apply(started, { type: 'put_on_hold', reason: 'awaiting_vendor', note: 'Ticket 4711 with the vendor' });
    expect(record).toMatchObject({ state: 'on_hold', onHoldReason: 'awaiting_vendor' });
    expect(record.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'Ticket 4711 with the vendor' });
    expect(events[0]).toMatchObject({ type: 'incident.put_on_hold', data: { from: { state: 'in_progress', major: 'none' }, to: { state: 'on_hold', major: 'none' }, reason: 'awaiting_vendor' } });
  });

  it('refuses a reason that is not configured, with the reason in refusedBy', () => {
    const error = refusal(started, onHold('awaiting_godot'));
    expect(error).toBeInstanceOf(InvalidTransitionError);
    const { refusedBy } = error as InvalidTransitionError;
    expect(refusedBy).toEqual([{ guard: 'onHoldReasonAllowed', reason: expect.stringContaining('awaiting_godot') as string }]);
    expect(error.message).toContain('awaiting_godot');
  });

  it('takes its reasons from the lifecycle options', () => {
    const lifecycle = defineIncidentLifecycle({ onHoldReasons: ['awaiting_parts'] });
    const incident = open({}, { lifecycle });
    expect(apply(incident, onHold('awaiting_parts'), { lifecycle }).record.onHoldReason).toBe('awaiting_parts');
    const error = refusal(incident, onHold('awaiting_caller'), { lifecycle }) as InvalidTransitionError;
    expect(error.refusedBy[0]?.reason).toBe('on-hold reason awaiting_caller is not one of awaiting_parts');
  });

  it('resume returns to in_progress and forgets the reason', () => {
    const held = drive(started, [onHold()]);
    const { record } = apply(held, { type: 'resume', note: 'Caller called back' });
    expect(record.state).toBe('in_progress');
    expect(record.onHoldReason).toBeUndefined();
    expect(record.journal.at(-1)).toMatchObject({ body: 'Caller called back' });
  });

  it('resume is refused unless the incident is on hold', () => {
    expect(refusal(started, { type: 'resume' }).code).toBe('invalid_transition');
  });

  it('resolve and cancel from on hold forget the reason', () => {
    const held = drive(started, [onHold()]);
    expect(apply(held, resolve).record.onHoldReason).toBeUndefined();
    expect(apply(held, { type: 'cancel', reason: 'Duplicate of INC0001000' }).record.onHoldReason).toBeUndefined();
  });
});

describe("comments: the caller's reply and the first response", () => {
  const started = drive(open(), [{ type: 'start' }]);
  const callerComment = { type: 'comment', visibility: 'comment', body: 'It works again since this morning' } as const;

  it("a caller's comment resumes an incident on hold awaiting the caller", () => {
    const held = drive(started, [onHold('awaiting_caller')]);
    const { record, events } = apply(held, callerComment, { actor: caller });
    expect(record.state).toBe('in_progress');
    expect(record.onHoldReason).toBeUndefined();
    expect(record.journal.at(-1)).toMatchObject({ kind: 'comment', body: callerComment.body, author: caller });
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['incident.commented', { from: { state: 'on_hold', major: 'none' }, to: { state: 'in_progress', major: 'none' }, visibility: 'comment', body: callerComment.body }],
      ['incident.resumed', { by: 'caller_update', reason: 'awaiting_caller' }],
    ]);
  });

  it("a caller's comment does not resume an incident on hold for a reason callerUpdateResumes does not list", () => {
    const held = drive(started, [onHold('awaiting_vendor')]);
    const { record } = apply(held, callerComment, { actor: caller });
    expect(record).toMatchObject({ state: 'on_hold', onHoldReason: 'awaiting_vendor' });
    expect(record.journal.at(-1)).toMatchObject({ kind: 'comment', author: caller });
  });

  it('callerUpdateResumes decides which reasons a caller ends', () => {
    const lifecycle = defineIncidentLifecycle({ callerUpdateResumes: ['awaiting_vendor'] });
    const base = drive(open({}, { lifecycle }), [{ type: 'start' }], { lifecycle });
    const onVendor = drive(base, [onHold('awaiting_vendor')], { lifecycle });
    const onCaller = drive(base, [onHold('awaiting_caller')], { lifecycle });
    expect(apply(onVendor, callerComment, { actor: caller, lifecycle }).record.state).toBe('in_progress');
    expect(apply(onCaller, callerComment, { actor: caller, lifecycle }).record.state).toBe('on_hold');
  });

  it("an agent's comment does not resume an incident awaiting the caller", () => {
    const held = drive(started, [onHold('awaiting_caller')]);
    expect(apply(held, { type: 'comment', visibility: 'comment', body: 'Any news?' }).record.state).toBe('on_hold');
  });

  it("the caller's work note does not resume it either", () => {
    const held = drive(started, [onHold('awaiting_caller')]);
    expect(apply(held, { type: 'comment', visibility: 'work_note', body: 'note' }, { actor: caller }).record.state).toBe('on_hold');
  });

  it("an agent's customer-visible comment sets firstRespondedAt once", () => {
    const fresh = open();
    expect(fresh.firstRespondedAt).toBeUndefined();
    const first = apply(fresh, { type: 'comment', visibility: 'comment', body: 'We are on it' }).record;
    expect(first.firstRespondedAt).toBe(first.updatedAt);
    const second = apply(first, { type: 'comment', visibility: 'comment', body: 'Still on it' }, { now: after(first.updatedAt, 60) }).record;
    expect(second.firstRespondedAt).toBe(first.updatedAt);
    expect(second.journal.map((entry) => entry.body)).toEqual(['We are on it', 'Still on it']);
  });

  it("neither a work note nor the caller's own comment is a first response", () => {
    const fresh = open();
    expect(apply(fresh, { type: 'comment', visibility: 'work_note', body: 'internal' }).record.firstRespondedAt).toBeUndefined();
    expect(apply(fresh, callerComment, { actor: caller }).record.firstRespondedAt).toBeUndefined();
  });

  it('an empty comment is a validation error naming body', () => {
    expect(issuePaths(refusal(started, { type: 'comment', visibility: 'comment', body: '' }) as ValidationError)).toEqual(['body']);
  });
});

describe('resolving', () => {
  const started = drive(open(), [{ type: 'start' }]);

  it('requires one of the configured resolution codes', () => {
    const error = refusal(started, { ...resolve, resolutionCode: 'fixed_itself' }) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect(error.refusedBy).toEqual([{ guard: 'resolutionCodeAllowed', reason: expect.stringContaining('fixed_itself') as string }]);
  });

  it('takes its codes from the lifecycle options', () => {
    const lifecycle = defineIncidentLifecycle({ resolutionCodes: ['fixed'] });
    const incident = open({}, { lifecycle });
    expect(apply(incident, { ...resolve, resolutionCode: 'fixed' }, { lifecycle }).record.resolutionCode).toBe('fixed');
    expect(refusal(incident, resolve, { lifecycle }).code).toBe('invalid_transition');
  });

  it('requires resolution notes, naming resolutionNotes', () => {
    expect(issuePaths(refusal(started, { type: 'resolve', resolutionCode: 'solved_permanently' }) as ValidationError)).toEqual(['resolutionNotes']);
  });

  it('is refused once resolved', () => {
    const resolved = drive(started, [resolve]);
    const error = refusal(resolved, resolve) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect([...error.allowedEvents].sort()).toEqual(['attach', 'close', 'comment', 'link', 'propose_major', 'reopen']);
  });
});

describe('reopening', () => {
  const resolvedAt = after(OPENED, 60);
  const resolved = apply(drive(open(), [{ type: 'start' }]), resolve, { now: resolvedAt }).record;
  const reopen = { type: 'reopen', reason: 'It drops again' } as const;

  it('returns a resolved incident to in_progress, counts it and clears the resolution', () => {
    const { record, events } = apply(resolved, reopen, { newId: () => 'note-3' });
    expect(record).toMatchObject({ state: 'in_progress', reopenCount: 1, version: resolved.version + 1 });
    for (const field of ['resolutionCode', 'resolutionNotes', 'resolvedAt', 'closedAt'] as const) expect(record[field]).toBeUndefined();
    expect(record.journal.at(-1)).toEqual({ id: 'note-3', kind: 'work_note', body: 'It drops again', author: agent, at: record.updatedAt });
    expect(events[0]).toMatchObject({ type: 'incident.reopened', data: { reason: 'It drops again' } });
  });

  it('counts every reopening', () => {
    const twice = drive(resolved, [reopen, resolve, reopen]);
    expect(twice.reopenCount).toBe(2);
  });

  it('is refused as a transition when turned off, and not offered', () => {
    const lifecycle = defineIncidentLifecycle({ reopen: { allowed: false } });
    const error = refusal(resolved, reopen, { lifecycle });
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).allowedEvents).not.toContain('reopen');
    expect(allowedEvents(lifecycle, resolved)).not.toContain('reopen');
  });

  describe('within a window', () => {
    const lifecycle = defineIncidentLifecycle({ reopen: { allowed: true, withinMs: 3_600_000 } });

    it('is accepted until the window ends', () => {
      expect(apply(resolved, reopen, { lifecycle, now: after(resolvedAt, 60) }).record.state).toBe('in_progress');
    });

    it('is refused after, naming the end of the window', () => {
      const error = refusal(resolved, reopen, { lifecycle, now: after(resolvedAt, 61) }) as InvalidTransitionError;
      expect(error.code).toBe('invalid_transition');
      expect(error.refusedBy).toEqual([{ guard: 'reopenAllowed', reason: `the reopen window ended at ${after(resolvedAt, 60)}` }]);
    });
  });

  describe('from closed', () => {
    const closed = drive(resolved, [{ type: 'close' }]);

    it('is refused by default', () => {
      const error = refusal(closed, reopen);
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as InvalidTransitionError).allowedEvents).not.toContain('reopen');
    });

    it('is accepted when fromClosed is set, clearing closedAt too', () => {
      const lifecycle = defineIncidentLifecycle({ reopen: { allowed: true, fromClosed: true } });
      const { record } = apply(closed, reopen, { lifecycle });
      expect(record).toMatchObject({ state: 'in_progress', reopenCount: 1 });
      expect(record.closedAt).toBeUndefined();
      expect(record.resolvedAt).toBeUndefined();
    });
  });
});

describe('automatic closing', () => {
  const lifecycle = defineIncidentLifecycle({ autoClose: { businessDays: 2, calendar: 'office' } });
  const calendars = { office };
  // Wednesday 2026-12-23, 15:00 in Berlin; Thursday and Friday are holidays, then a weekend.
  const resolvedAt = '2026-12-23T14:00:00.000Z';
  const resolved = apply(open({}, { lifecycle, now: '2026-12-23T08:00:00.000Z' }), resolve, { lifecycle, now: resolvedAt }).record;
  // Monday the 28th and Tuesday the 29th are the two business days; Tuesday closes at 17:00 in Berlin.
  const due = '2026-12-29T16:00:00.000Z';

  it('is refused as a transition when the lifecycle does not close automatically', () => {
    const error = refusal(resolved, { type: 'auto_close' }, { now: after(due, 1), actor: scheduler, calendars });
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect((error as InvalidTransitionError).allowedEvents).not.toContain('auto_close');
  });

  it('is refused before the due instant, naming it', () => {
    const error = refusal(resolved, { type: 'auto_close' }, { lifecycle, calendars, actor: scheduler, now: after(due, -1) }) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect(error.refusedBy).toEqual([{ guard: 'autoCloseDue', reason: `automatic closing is due at ${due}` }]);
  });

  it('closes the incident at or after the due instant', () => {
    const { record, events } = apply(resolved, { type: 'auto_close' }, { lifecycle, calendars, actor: scheduler, now: due });
    expect(record).toMatchObject({ state: 'closed', closedAt: due });
    expect(events[0]).toMatchObject({ type: 'incident.auto_closed', actor: scheduler });
    expect(apply(resolved, { type: 'auto_close' }, { lifecycle, calendars, actor: scheduler, now: after(due, 600) }).record.state).toBe('closed');
  });

  it('incidentAutoCloseDueAt skips the weekend and the holidays', () => {
    expect(incidentAutoCloseDueAt(resolved, { lifecycle, calendars })?.toISOString()).toBe(due);
  });

  it('incidentAutoCloseDueAt counts from the local date the incident was resolved on', () => {
    const oneDay = defineIncidentLifecycle({ autoClose: { businessDays: 1, calendar: 'office' } });
    // Tuesday 00:30 in Berlin is still Monday in UTC: the next business day is Wednesday.
    const lateNight = apply(open({}, { lifecycle: oneDay }), resolve, { lifecycle: oneDay, now: '2026-11-23T23:30:00.000Z' }).record;
    expect(incidentAutoCloseDueAt(lateNight, { lifecycle: oneDay, calendars })?.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    // Resolved on a Saturday: Monday is the first business day after it.
    const weekend = apply(open({}, { lifecycle: oneDay }), resolve, { lifecycle: oneDay, now: '2026-11-28T10:00:00.000Z' }).record;
    expect(incidentAutoCloseDueAt(weekend, { lifecycle: oneDay, calendars })?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('incidentAutoCloseDueAt is undefined for an incident that is not resolved, or a lifecycle without autoClose', () => {
    expect(incidentAutoCloseDueAt(open(), { lifecycle, calendars })).toBeUndefined();
    expect(incidentAutoCloseDueAt(resolved, { lifecycle: defineIncidentLifecycle(), calendars })).toBeUndefined();
  });

  it('incidentAutoCloseDueAt names the calendar when the context lacks it', () => {
    const error = thrown(() => incidentAutoCloseDueAt(resolved, { lifecycle, calendars: {} }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuePaths(error as ValidationError)).toEqual(['calendars.office']);
  });

  it('auto_close without the calendar in the context is refused, naming the calendar', () => {
    const error = refusal(resolved, { type: 'auto_close' }, { lifecycle, actor: scheduler, now: after(due, 1) }) as InvalidTransitionError;
    expect(error.refusedBy[0]?.reason).toContain('calendar office');
  });

  it('an incident resolved before the calendar horizon (a legacy 0001-01-01, say) is refused, not thrown', () => {
    const legacy = apply(open({}, { lifecycle, now: '0001-01-01T00:00:00.000Z' }), resolve, { lifecycle, now: '0001-01-01T00:00:00.000Z' }).record;
    const error = refusal(legacy, { type: 'auto_close' }, { lifecycle, calendars, actor: scheduler, now: OPENED }) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect(error.refusedBy[0]?.reason).toContain('calendar office has fewer than 2 business days');
  });

  it('incidentAutoCloseDueAt names the lifecycle when it was not made by defineIncidentLifecycle', () => {
    const error = thrown(() => incidentAutoCloseDueAt(resolved, { lifecycle: { kind: 'incident' } as never, calendars }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuePaths(error as ValidationError)).toEqual(['lifecycle']);
  });
});

describe('canceling', () => {
  const cancel = { type: 'cancel', reason: 'Logged twice' } as const;
  const fresh = open();
  const inProgress = drive(fresh, [{ type: 'start' }]);
  const held = drive(inProgress, [onHold()]);

  it.each([
    ['new', fresh],
    ['in_progress', inProgress],
    ['on_hold', held],
  ])('cancels from %s, keeping the reason as a work note', (_state, incident) => {
    const { record, events } = apply(incident, cancel);
    expect(record).toMatchObject({ state: 'canceled', canceledAt: record.updatedAt });
    expect(record.onHoldReason).toBeUndefined();
    expect(record.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'Logged twice' });
    expect(events[0]?.type).toBe('incident.canceled');
  });

  it('does not cancel a resolved incident', () => {
    const error = refusal(drive(inProgress, [resolve]), cancel) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect(error.allowedEvents).not.toContain('cancel');
  });

  it('requires a reason', () => {
    expect(issuePaths(refusal(fresh, { type: 'cancel' }) as ValidationError)).toEqual(['reason']);
  });

  it('a canceled incident accepts no further event', () => {
    const canceled = drive(fresh, [cancel]);
    for (const event of [{ type: 'start' }, { type: 'comment', visibility: 'comment', body: 'hello' }, { type: 'reopen', reason: 'again' }, resolve, cancel]) {
      expect(refusal(canceled, event).code).toBe('invalid_transition');
    }
  });
});

describe('major incidents', () => {
  const incident = open();
  const propose = { type: 'propose_major', reason: 'Forty callers in ten minutes' } as const;

  it('propose, accept: candidate, then accepted, each with its note', () => {
    const candidate = apply(incident, propose);
    expect(candidate.record).toMatchObject({ major: 'candidate', state: 'new' });
    expect(candidate.record.journal.at(-1)).toMatchObject({ body: propose.reason });
    expect(candidate.events[0]).toMatchObject({ type: 'incident.proposed_major', data: { from: { state: 'new', major: 'none' }, to: { state: 'new', major: 'candidate' } } });
    const accepted = apply(candidate.record, { type: 'accept_major', note: 'Major incident manager on call' });
    expect(accepted.record.major).toBe('accepted');
    expect(accepted.events[0]?.type).toBe('incident.accepted_major');
    expect(refusal(accepted.record, propose).code).toBe('invalid_transition');
  });

  it('reject, then propose again', () => {
    const rejected = drive(incident, [propose, { type: 'reject_major', reason: 'One site only' }]);
    expect(rejected.major).toBe('rejected');
    expect(apply(rejected, propose).record.major).toBe('candidate');
  });

  it('the major region runs beside the main one', () => {
    const held = drive(incident, [propose, { type: 'start' }, onHold(), { type: 'accept_major' }]);
    expect(held).toMatchObject({ state: 'on_hold', major: 'accepted' });
  });

  it('a child of a major incident cannot be proposed', () => {
    const child = open({ parentIncident: 'inc-major' });
    const error = refusal(child, propose) as InvalidTransitionError;
    expect(error.refusedBy).toEqual([{ guard: 'canBeMajor', reason: 'a child of a major incident cannot become a major incident itself' }]);
  });

  it('a resolved incident cannot be proposed', () => {
    const error = refusal(drive(incident, [resolve]), propose) as InvalidTransitionError;
    expect(error.refusedBy).toEqual([{ guard: 'canBeMajor', reason: 'a resolved incident cannot become a major incident' }]);
  });

  it('a candidate that was resolved meanwhile cannot be accepted', () => {
    const resolvedCandidate = drive(incident, [propose, resolve]);
    const error = refusal(resolvedCandidate, { type: 'accept_major' }) as InvalidTransitionError;
    expect(error.refusedBy).toEqual([{ guard: 'canBeMajor', reason: 'a resolved incident cannot become a major incident' }]);
  });

  it.each([
    ['canceled', [propose, { type: 'cancel', reason: 'Logged twice' }]],
    ['closed', [propose, resolve, { type: 'close' }]],
  ] as const)('a %s candidate can be neither accepted nor rejected', (_state, events) => {
    const ended = drive(incident, events);
    expect(refusal(ended, { type: 'accept_major' }).code).toBe('invalid_transition');
    expect(refusal(ended, { type: 'reject_major', reason: 'too late' }).code).toBe('invalid_transition');
  });

  it('accept and reject need a candidate', () => {
    expect(refusal(incident, { type: 'accept_major' }).code).toBe('invalid_transition');
    expect(refusal(incident, { type: 'reject_major', reason: 'no' }).code).toBe('invalid_transition');
  });
});

describe('resolving a major incident with its children', () => {
  const lifecycle = defineIncidentLifecycle({ resolveChildrenWithParent: true });
  const major = drive(open({}, { lifecycle, newId: () => 'inc-major', number: 'INC0000100' }), [{ type: 'propose_major', reason: 'Everyone' }, { type: 'accept_major' }, { type: 'start' }], { lifecycle });
  const child = (id: string, number: string, events: readonly unknown[] = [], input: object = {}) =>
    drive(open({ parentIncident: 'inc-major', ...input }, { lifecycle, newId: () => id, number }), events, { lifecycle });
  const newChild = child('inc-c1', 'INC0000101');
  const heldChild = child('inc-c2', 'INC0000102', [{ type: 'start' }, onHold('awaiting_vendor')]);
  const resolvedChild = child('inc-c3', 'INC0000103', [{ type: 'resolve', resolutionCode: 'duplicate', resolutionNotes: 'dup' }]);
  const strangersChild = open({ parentIncident: 'inc-other' }, { lifecycle, newId: () => 'inc-s1', number: 'INC0000201' });
  const now = after(major.updatedAt, 5);

  it('resolves its open children with its code and a note naming it', () => {
    const change = apply(major, resolve, { lifecycle, now, children: [newChild, heldChild, resolvedChild, strangersChild] });
    expect(change.record.state).toBe('resolved');
    expect(change.cascadeRefused).toEqual([]);
    expect(change.cascade.map(({ record }) => record.id)).toEqual(['inc-c1', 'inc-c2']);
    for (const { record, previous, events } of change.cascade) {
      expect(record).toMatchObject({
        state: 'resolved',
        resolutionCode: 'solved_permanently',
        resolutionNotes: 'Resolved with major incident INC0000100: Replaced the VPN concentrator',
        resolvedAt: now,
        version: (previous?.version ?? 0) + 1,
      });
      expect(record.onHoldReason).toBeUndefined();
      expect(events[0]).toMatchObject({ type: 'incident.resolved', recordId: record.id, number: record.number });
    }
  });

  it('leaves alone incidents that are not its children', () => {
    const change = apply(major, resolve, { lifecycle, now, children: [strangersChild, open({}, { lifecycle, newId: () => 'inc-u1' })] });
    expect(change.cascade).toEqual([]);
    expect(change.cascadeRefused).toEqual([]);
  });

  it('reports a child that its required fields refuse, and resolves the rest', () => {
    const strict = defineIncidentLifecycle({ resolveChildrenWithParent: true, requiredFields: { resolve: ['category'] } });
    const parent = { ...major, category: 'network' };
    const withCategory = child('inc-c4', 'INC0000104', [], { category: 'network' });
    const change = apply(parent, resolve, { lifecycle: strict, now, children: [newChild, withCategory] });
    expect(change.cascade.map(({ record }) => record.id)).toEqual(['inc-c4']);
    expect(change.cascadeRefused).toHaveLength(1);
    expect(change.cascadeRefused[0]?.incidentId).toBe('inc-c1');
    expect(change.cascadeRefused[0]?.error).toMatchObject({ code: 'invalid_transition', refusedBy: [{ guard: 'requiredFields', reason: 'category is required to resolve' }] });
    for (const part of [change.cascade, change.cascade[0], change.cascade[0]?.record, change.cascadeRefused, change.cascadeRefused[0]]) expect(Object.isFrozen(part)).toBe(true);
  });

  it('does nothing to the children when the option is off', () => {
    const change = apply(major, resolve, { now, children: [newChild, heldChild] });
    expect(change.cascade).toEqual([]);
    expect(change.cascadeRefused).toEqual([]);
  });

  it('does nothing to the children of an incident that is only a candidate', () => {
    const candidate = drive(open({}, { lifecycle, newId: () => 'inc-major' }), [{ type: 'propose_major', reason: 'Everyone' }], { lifecycle });
    expect(apply(candidate, resolve, { lifecycle, now: after(candidate.updatedAt, 1), children: [newChild] }).cascade).toEqual([]);
  });

  it('refuses a child that is not an incident, naming it', () => {
    const error = refusal(major, resolve, { lifecycle, now, children: [newChild, { id: 'nope' } as never] });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['children.1']);
  });
});

describe('required fields', () => {
  const lifecycle = defineIncidentLifecycle({ requiredFields: { resolve: ['category', 'assignee'], start: ['assignmentGroup'] } });
  const incident = open({}, { lifecycle });

  it('refuses an event that would leave a required field missing, naming each', () => {
    const error = refusal(incident, resolve, { lifecycle }) as InvalidTransitionError;
    expect(error.code).toBe('invalid_transition');
    expect(error.refusedBy).toEqual([
      { guard: 'requiredFields', reason: 'category is required to resolve' },
      { guard: 'requiredFields', reason: 'assignee is required to resolve' },
    ]);
    expect(refusal(incident, { type: 'start' }, { lifecycle }).code).toBe('invalid_transition');
  });

  it('accepts it once the fields are there, including a field the event itself sets', () => {
    const ready = drive(incident, [{ type: 'update', category: 'network' }], { lifecycle });
    expect(apply(ready, { type: 'assign', assignmentGroup: desk }, { lifecycle }).record.assignmentGroup).toEqual(desk);
    const assigned = drive(ready, [{ type: 'assign', assignee: agent, assignmentGroup: desk }, { type: 'start' }], { lifecycle });
    expect(apply(assigned, resolve, { lifecycle }).record.state).toBe('resolved');
  });

  it('does not apply to other events', () => {
    expect(apply(incident, { type: 'update', urgency: 1 }, { lifecycle }).record.version).toBe(2);
  });
});

describe('the instant of a change', () => {
  const incident = drive(open(), [{ type: 'start' }]);

  it('refuses a now before the last change, naming now', () => {
    const error = refusal(incident, { type: 'update', urgency: 1 }, { now: after(incident.updatedAt, -1) });
    expect(error.code).toBe('validation');
    expect(issuePaths(error as ValidationError)).toEqual(['now']);
  });

  it('accepts a now equal to the last change', () => {
    expect(apply(incident, { type: 'update', urgency: 1 }, { now: incident.updatedAt }).record.updatedAt).toBe(incident.updatedAt);
  });

  it('writes now as updatedAt and into the journal', () => {
    const now = new Date(Date.parse(incident.updatedAt) + 90_000);
    const { record } = apply(incident, { type: 'comment', visibility: 'work_note', body: 'x' }, { now });
    expect(record.updatedAt).toBe(now.toISOString());
    expect(record.journal.at(-1)?.at).toBe(now.toISOString());
  });

  it.each([['yesterday'], ['2026-11-23T09:00:00+01:00'], [new Date(Number.NaN)], [new Date(Date.UTC(10_000, 0, 1))]])('refuses now = %s, naming now', (now) => {
    expect(issuePaths(refusal(incident, { type: 'start' }, { now: now as never }) as ValidationError)).toEqual(['now']);
  });

  it('refuses a Date beyond year 9999 when opening, naming now', () => {
    const result = safeOpenIncident({ shortDescription: 'x', caller, impact: 2, urgency: 2 }, { now: new Date(Date.UTC(10_000, 0, 1)), actor: agent, newId: () => 'inc-1', tenantId: 'acme', number: 'INC1' });
    expect(!result.success && issuePaths(result.error)).toEqual(['now']);
  });
});

describe('a bad context', () => {
  const incident = open();
  const good: IncidentContext = { now: after(OPENED, 1), actor: agent, newId: idSource() };
  const pathsFor = (context: object, event: unknown = { type: 'start', note: 'n' }): string[] => {
    const result = safeApplyIncidentEvent(incident, event, context as IncidentContext);
    if (result.success) throw new Error('expected the context to be refused');
    expect(result.error.code).toBe('validation');
    return issuePaths(result.error as ValidationError);
  };

  it('names newId when it is missing', () => {
    const { newId: _newId, ...rest } = good;
    expect(pathsFor(rest)).toEqual(['newId']);
  });

  it('names newId when it returns something other than an id', () => {
    expect(pathsFor({ ...good, newId: () => '' })).toEqual(['newId']);
    expect(pathsFor({ ...good, newId: () => 42 })).toEqual(['newId']);
  });

  it('names the field of a bad actor', () => {
    expect(pathsFor({ ...good, actor: { kind: 'robot', id: 'r2' } })).toEqual(['actor.kind']);
    expect(pathsFor({ ...good, actor: undefined })).toEqual(['actor']);
  });

  it('names every bad field at once', () => {
    expect(pathsFor({ actor: { id: 'x' } }).sort()).toEqual(['actor.kind', 'newId', 'now']);
  });

  it('names a calendar not made by defineCalendar', () => {
    expect(pathsFor({ ...good, calendars: { office: office.definition } })).toEqual(['calendars.office']);
  });

  it('names a priority matrix not made by definePriorityMatrix', () => {
    expect(pathsFor({ ...good, priorityMatrix: DEFAULT_PRIORITY_MATRIX.definition })).toEqual(['priorityMatrix']);
    const opened = safeOpenIncident({ shortDescription: 'x', caller, impact: 2, urgency: 2 }, {
      now: OPENED,
      actor: agent,
      newId: () => 'inc-1',
      tenantId: 'acme',
      number: 'INC1',
      priorityMatrix: DEFAULT_PRIORITY_MATRIX.definition as never,
    });
    expect(!opened.success && issuePaths(opened.error)).toEqual(['priorityMatrix']);
  });

  it('names a lifecycle not made by defineIncidentLifecycle', () => {
    expect(pathsFor({ ...good, lifecycle: { kind: 'incident', options: {} } })).toEqual(['lifecycle']);
  });

  it('names children that are not a list', () => {
    expect(pathsFor({ ...good, children: 'all of them' })).toEqual(['children']);
  });

  it('is refused when it is not an object at all', () => {
    expect(pathsFor(null as never).length).toBeGreaterThan(0);
  });
});

describe('immutability', () => {
  const incident = structuredClone(drive(open(), [{ type: 'start' }]));
  const before = structuredClone(incident);
  const change = apply(incident, { type: 'comment', visibility: 'comment', body: 'On it' });

  it('returns a deeply frozen change', () => {
    expect(Object.isFrozen(change)).toBe(true);
    for (const part of [change.record, change.record.journal, change.record.journal[0], change.record.caller, change.previous, change.patches, change.patches[0], change.events, change.events[0], change.events[0]?.data, change.cascade]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => {
      (change.record as { state: string }).state = 'closed';
    }).toThrow(TypeError);
  });

  it('leaves the incident it was given as it was, and not frozen', () => {
    expect(incident).toEqual(before);
    expect(Object.isFrozen(incident)).toBe(false);
    expect(Object.isFrozen(incident.journal)).toBe(false);
    expect(change.previous).toEqual(before);
  });

  it('gives patches that turn the previous version into the new one', () => {
    expect(applyPatches(before, change.patches as never)).toEqual(change.record);
  });

  it('returns a frozen record from openIncident too', () => {
    const opened = openIncident({ shortDescription: 'x', caller, impact: 2, urgency: 2 }, { now: OPENED, actor: agent, newId: () => 'inc-1', tenantId: 'acme', number: 'INC1' });
    expect(Object.isFrozen(opened.record)).toBe(true);
    expect(Object.isFrozen(opened.record.journal)).toBe(true);
    expect(Object.isFrozen(opened.events[0])).toBe(true);
  });
});

describe('domain events', () => {
  const incident = drive(open(), [{ type: 'start' }]);

  it('carry tenant, kind, id, number, the new version, the instant, the actor, the states and the payload', () => {
    const now = after(incident.updatedAt, 3);
    const { record, events } = apply(incident, { type: 'put_on_hold', reason: 'awaiting_caller', note: 'Asked for a screenshot' }, { now, actor: otherAgent });
    expect(events).toEqual([
      {
        type: 'incident.put_on_hold',
        tenantId: 'acme',
        recordKind: 'incident',
        recordId: incident.id,
        number: 'INC0001001',
        version: record.version,
        at: now,
        actor: otherAgent,
        data: {
          from: { state: 'in_progress', major: 'none' },
          to: { state: 'on_hold', major: 'none' },
          reason: 'awaiting_caller',
          note: 'Asked for a screenshot',
        },
      },
    ]);
    expect(record.version).toBe(incident.version + 1);
  });

  it.each([
    ['assign', { type: 'assign', assignee: agent }, 'incident.assigned'],
    ['update', { type: 'update', category: 'network' }, 'incident.updated'],
    ['comment', { type: 'comment', visibility: 'work_note', body: 'x' }, 'incident.commented'],
    ['attach', { type: 'attach', attachment }, 'incident.attached'],
    ['link', { type: 'link', problem: 'prb-1' }, 'incident.linked'],
    ['resolve', resolve, 'incident.resolved'],
    ['cancel', { type: 'cancel', reason: 'x' }, 'incident.canceled'],
  ])('%s raises %s', (_name, event, type) => {
    expect(apply(incident, event).events[0]?.type).toBe(type);
  });
});

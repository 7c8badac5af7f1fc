import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, ValidationError, allowedEvents, definePriorityMatrix, defineIncidentLifecycle, type ValidationIssue } from '../../src/index';
import {
  Problem,
  applyProblemEvent,
  defineProblemLifecycle,
  openProblem,
  safeApplyProblemEvent,
  safeDefineProblemLifecycle,
  safeOpenProblem,
  type ProblemEvent,
  type ProblemLifecycle,
} from '../../src/problem/index';
import { thrown } from '../support';

const manager = { kind: 'user', id: 'pm-1' } as const;
const network = { kind: 'group', id: 'g-network' } as const;
const start = Date.parse('2026-11-23T08:00:00.000Z');
/** The instant `minutes` after the problem was opened. */
const at = (minutes: number): string => new Date(start + minutes * 60_000).toISOString();
let ids = 0;
const newId = (): string => `id-${++ids}`;
const context = (minutes: number, lifecycle?: ProblemLifecycle) => ({ now: at(minutes), actor: manager, newId, ...(lifecycle === undefined ? {} : { lifecycle }) });

const open = (lifecycle?: ProblemLifecycle, input: Partial<Parameters<typeof openProblem>[0]> = {}): Problem =>
  openProblem(
    { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2, relatedIncidents: ['inc-1'], ...input },
    { ...context(0, lifecycle), newId: () => 'prb-1', tenantId: 't-1', number: 'PRB0001001' },
  ).record;

/** Applies the events one minute apart, starting a minute after the problem's last change. */
const run = (problem: Problem, events: readonly ProblemEvent[], lifecycle?: ProblemLifecycle): Problem =>
  events.reduce((current, event) => applyProblemEvent(current, event, context((Date.parse(current.updatedAt) - start) / 60_000 + 1, lifecycle)).record, problem);

const refusal = (problem: Problem, event: unknown, lifecycle?: ProblemLifecycle): InvalidTransitionError => {
  const result = safeApplyProblemEvent(problem, event, context(600, lifecycle));
  if (result.success || !(result.error instanceof InvalidTransitionError)) throw new Error(`expected an invalid transition, got ${JSON.stringify(result)}`);
  return result.error;
};
const issuesOf = (error: unknown): readonly ValidationIssue[] => {
  if (!(error instanceof ValidationError)) throw new Error(`expected a validation error, got ${String(error)}`);
  return error.issues;
};

const defaultLifecycle = defineProblemLifecycle();
const inAnalysis = (lifecycle?: ProblemLifecycle): Problem => run(open(lifecycle), [{ type: 'assess' }, { type: 'start_analysis' }], lifecycle);
const rootCause = 'The gateway rekeys with a cipher the client no longer offers.';

describe('openProblem', () => {
  it('opens a new problem at version 1 with its priority from the matrix', () => {
    const change = openProblem(
      { problemStatement: 'VPN drops', impact: 1, urgency: 2, configurationItems: ['ci-1'], relatedIncidents: ['inc-1', 'inc-2'] },
      { now: at(0), actor: manager, newId: () => 'prb-9', tenantId: 't-1', number: 'PRB0001009' },
    );
    expect(change.record).toMatchObject({ id: 'prb-9', state: 'new', version: 1, priority: 2, openedAt: at(0), relatedIncidents: ['inc-1', 'inc-2'], knownErrors: [], relatedChanges: [] });
    expect(change.record.rootCauseIdentifiedAt).toBeUndefined();
    expect(change.events).toMatchObject([{ type: 'problem.opened', recordId: 'prb-9', number: 'PRB0001009', version: 1, data: { to: 'new' } }]);
  });

  it('dates a root cause given at opening to the opening', () => {
    expect(open(undefined, { rootCause })).toMatchObject({ rootCause, rootCauseIdentifiedAt: at(0) });
  });

  it('names every bad field of the input and the context', () => {
    const input = safeOpenProblem({ problemStatement: '', impact: 2, urgency: 2, relatedIncidents: ['inc-1', 'inc-1'], severity: 1 }, { ...context(0), tenantId: 't-1', number: 'P1' });
    expect(input.success ? [] : input.error.issues.map((issue) => issue.path)).toEqual([['problemStatement'], ['relatedIncidents'], ['severity']]);
    const contextIssues = safeOpenProblem({ problemStatement: 'x', impact: 2, urgency: 2 }, { ...context(0), tenantId: '', number: '' });
    expect(contextIssues.success ? [] : contextIssues.error.issues.map((issue) => issue.path)).toEqual([['tenantId'], ['number']]);
  });

  it('refuses an impact the priority matrix does not list, naming it', () => {
    const result = safeOpenProblem({ problemStatement: 'x', impact: 7, urgency: 2 }, { ...context(0), tenantId: 't-1', number: 'P1' });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path)).toEqual([['impact']]);
  });
});

describe('applyProblemEvent: the way to a fix', () => {
  it('assesses, analyses, records the cause, fixes, resolves and closes, noting what was said', () => {
    let problem = run(open(), [{ type: 'assess', note: 'affects all remote staff' }, { type: 'start_analysis' }]);
    expect(problem.state).toBe('root_cause_analysis');
    expect(problem.journal).toMatchObject([{ kind: 'work_note', body: 'affects all remote staff', author: manager }]);

    problem = run(problem, [{ type: 'record_root_cause', rootCause: 'rekeying' }]);
    const identifiedAt = problem.rootCauseIdentifiedAt;
    expect(identifiedAt).toBe(problem.updatedAt);
    problem = run(problem, [{ type: 'start_fix', note: 'change raised' }, { type: 'record_root_cause', rootCause }]);
    // Rewording the cause during the fix does not move the milestone.
    expect(problem).toMatchObject({ state: 'fix_in_progress', rootCause, rootCauseIdentifiedAt: identifiedAt });

    const resolved = applyProblemEvent(problem, { type: 'resolve', fix: 'Re-enabled the cipher.' }, context(100));
    expect(resolved.record).toMatchObject({ state: 'resolved', resolution: 'fix_applied', fix: 'Re-enabled the cipher.', resolvedAt: at(100) });
    expect(resolved.events).toMatchObject([{ type: 'problem.resolved', version: problem.version + 1, data: { from: 'fix_in_progress', to: 'resolved', fix: 'Re-enabled the cipher.' } }]);

    const closed = applyProblemEvent(resolved.record, { type: 'close', note: 'no drops for a week' }, context(200));
    expect(closed.record).toMatchObject({ state: 'closed', closedAt: at(200) });
    expect(closed.record.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'no drops for a week', at: at(200) });
    expect(Problem.safeParse(closed.record).success).toBe(true);
  });

  it('refuses to start the fix before a root cause is recorded, saying so', () => {
    const error = refusal(inAnalysis(), { type: 'start_fix' });
    expect(error.refusedBy).toEqual([{ guard: 'rootCauseRecorded', reason: 'no root cause is recorded; record_root_cause before the fix starts' }]);
    expect(error.allowedEvents).toContain('start_fix');
    expect(error.allowedEvents).toContain('record_root_cause');
    expect(error.message).toContain('no root cause is recorded');
  });

  it('refuses events the state has no transition for, listing those it has', () => {
    const error = refusal(open(), { type: 'resolve', fix: 'x' });
    expect(error.refusedBy).toEqual([]);
    expect(error.allowedEvents).toEqual(['assign', 'update', 'comment', 'attach', 'link', 'record_workaround', 'publish_known_error', 'cancel', 'assess', 'mark_duplicate']);
    expect(refusal(open(), { type: 'record_root_cause', rootCause: 'x' }).allowedEvents).not.toContain('record_root_cause');
  });
});

describe('applyProblemEvent: other endings', () => {
  it('accepts the risk, with the reason as a work note', () => {
    const problem = run(inAnalysis(), [{ type: 'accept_risk', reason: 'the gateway is replaced next quarter' }]);
    expect(problem).toMatchObject({ state: 'resolved', resolution: 'risk_accepted', resolvedAt: problem.updatedAt });
    expect(problem.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'the gateway is replaced next quarter' });
  });

  it('marks a duplicate of another problem, never of itself', () => {
    const error = refusal(open(), { type: 'mark_duplicate', duplicateOf: 'prb-1' });
    expect(error.refusedBy).toEqual([{ guard: 'notItself', reason: 'a problem cannot be a duplicate of itself' }]);
    const problem = run(open(), [{ type: 'mark_duplicate', duplicateOf: 'prb-0', note: 'same gateway' }]);
    expect(problem).toMatchObject({ state: 'resolved', resolution: 'duplicate', duplicateOf: 'prb-0' });
    expect(problem.journal.at(-1)).toMatchObject({ body: 'same gateway' });
  });

  it('cancels from any open state straight to closed, resolved and closed at once', () => {
    for (const problem of [open(), run(open(), [{ type: 'assess' }]), inAnalysis(), run(inAnalysis(), [{ type: 'record_root_cause', rootCause }, { type: 'start_fix' }])]) {
      const { record } = applyProblemEvent(problem, { type: 'cancel', reason: 'logged in error' }, context(300));
      expect(record).toMatchObject({ state: 'closed', resolution: 'canceled', resolvedAt: at(300), closedAt: at(300) });
      expect(record.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'logged in error' });
    }
  });

  it('reanalyses a resolved problem, clearing how it ended', () => {
    const fixed = run(inAnalysis(), [{ type: 'record_root_cause', rootCause }, { type: 'start_fix' }, { type: 'resolve', fix: 'patched' }]);
    const problem = run(fixed, [{ type: 'reanalyze', reason: 'the drops came back' }]);
    expect(problem.state).toBe('root_cause_analysis');
    for (const field of ['resolution', 'resolvedAt', 'fix', 'duplicateOf'] as const) expect(problem[field]).toBeUndefined();
    expect(problem).toMatchObject({ rootCause });
    expect(problem.journal.at(-1)).toMatchObject({ body: 'the drops came back' });
    const duplicate = run(run(open(), [{ type: 'mark_duplicate', duplicateOf: 'prb-0' }]), [{ type: 'reanalyze', reason: 'not the same after all' }]);
    expect(duplicate.duplicateOf).toBeUndefined();
  });

  it('has no reanalysis at all when the options turn it off', () => {
    const lifecycle = defineProblemLifecycle({ reanalyze: { allowed: false } });
    const resolved = run(inAnalysis(lifecycle), [{ type: 'accept_risk', reason: 'cheap to live with' }], lifecycle);
    expect(allowedEvents(lifecycle, resolved)).toEqual(['comment', 'attach', 'link', 'publish_known_error', 'close']);
    expect(allowedEvents(defaultLifecycle, resolved)).toContain('reanalyze');
    const error = refusal(resolved, { type: 'reanalyze', reason: 'again' }, lifecycle);
    expect(error.refusedBy).toEqual([]);
    expect(error.allowedEvents).not.toContain('reanalyze');
  });

  it('accepts no event once closed', () => {
    const closed = run(open(), [{ type: 'cancel', reason: 'logged twice' }]);
    const error = refusal(closed, { type: 'comment', visibility: 'work_note', body: 'late note' });
    expect(error.allowedEvents).toEqual([]);
    expect(error.message).toContain('none: the state is final');
  });
});

describe('applyProblemEvent: working the record', () => {
  it('re-derives the priority when impact or urgency changes, raising priority_changed', () => {
    const problem = open();
    expect(problem.priority).toBe(3);
    const change = applyProblemEvent(problem, { type: 'update', impact: 1, description: 'all sites' }, context(1));
    expect(change.record).toMatchObject({ impact: 1, urgency: 2, priority: 2, description: 'all sites' });
    expect(change.events.map((event) => event.type)).toEqual(['problem.updated', 'problem.priority_changed']);
    expect(change.events[1]?.data).toEqual({ from: 3, to: 2 });
    // A change that leaves the priority as it was raises nothing more.
    expect(applyProblemEvent(problem, { type: 'update', category: 'network' }, context(1)).events.map((event) => event.type)).toEqual(['problem.updated']);
  });

  it('takes the priority from the matrix in the context', () => {
    const flat = definePriorityMatrix({
      impacts: [{ value: 1, label: 'High' }, { value: 2, label: 'Low' }],
      urgencies: [{ value: 1, label: 'High' }, { value: 2, label: 'Low' }],
      priorities: [{ value: 1, label: 'Urgent' }, { value: 9, label: 'Whenever' }],
      cells: [
        { impact: 1, urgency: 1, priority: 1 },
        { impact: 1, urgency: 2, priority: 9 },
        { impact: 2, urgency: 1, priority: 9 },
        { impact: 2, urgency: 2, priority: 9 },
      ],
    });
    const change = applyProblemEvent(open(), { type: 'update', impact: 1, urgency: 1 }, { ...context(1), priorityMatrix: flat });
    expect(change.record.priority).toBe(1);
    const unknown = safeApplyProblemEvent(open(), { type: 'update', impact: 3 }, { ...context(1), priorityMatrix: flat });
    expect(unknown.success ? [] : issuesOf(unknown.error).map((issue) => issue.path)).toEqual([['impact']]);
  });

  it('links incidents and changes once each', () => {
    const problem = run(open(), [
      { type: 'link', incident: 'inc-2', changeRequest: 'chg-1' },
      { type: 'link', incident: 'inc-1' },
      { type: 'link', changeRequest: 'chg-1' },
    ]);
    expect(problem).toMatchObject({ relatedIncidents: ['inc-1', 'inc-2'], relatedChanges: ['chg-1'] });
    expect(issuesOf(thrown(() => applyProblemEvent(open(), { type: 'link' }, context(1)))).map((issue) => issue.path)).toEqual([['incident']]);
  });

  it('keeps work notes and comments apart in the journal, and records workarounds and assignments', () => {
    const problem = run(open(), [
      { type: 'comment', visibility: 'comment', body: 'We are on it.' },
      { type: 'comment', visibility: 'work_note', body: 'Trace attached.' },
      { type: 'record_workaround', workaround: 'Reconnect.' },
      { type: 'assign', assignmentGroup: network, assignee: manager },
    ]);
    expect(problem.journal.map((entry) => [entry.kind, entry.body])).toEqual([
      ['comment', 'We are on it.'],
      ['work_note', 'Trace attached.'],
    ]);
    expect(problem).toMatchObject({ workaround: 'Reconnect.', assignmentGroup: network, assignee: manager });
  });

  it('refuses an assignment that would make the record invalid, naming the field', () => {
    const result = safeApplyProblemEvent(open(), { type: 'assign', assignmentGroup: manager }, context(1));
    expect(result.success ? [] : issuesOf(result.error).map((issue) => issue.path)).toEqual([['assignmentGroup', 'kind']]);
  });

  it('refuses a lifecycle of another kind, and a context without its parts', () => {
    const wrong = safeApplyProblemEvent(open(), { type: 'assess' }, { ...context(1), lifecycle: defineIncidentLifecycle() as unknown as ProblemLifecycle });
    expect(wrong.success ? '' : wrong.error.message).toContain('defineProblemLifecycle()');
    const noClock = safeApplyProblemEvent(open(), { type: 'assess' }, { actor: manager, newId } as never);
    expect(noClock.success ? [] : issuesOf(noClock.error).map((issue) => issue.path)).toEqual([['now']]);
    const past = safeApplyProblemEvent(run(open(), [{ type: 'assess' }]), { type: 'start_analysis' }, context(0));
    expect(past.success ? [] : issuesOf(past.error).map((issue) => issue.path)).toEqual([['now']]);
  });
});

describe('defineProblemLifecycle options', () => {
  it('requires the fields the host names before an event, naming them', () => {
    const lifecycle = defineProblemLifecycle({ requiredFields: { start_analysis: ['assignmentGroup'], accept_risk: ['assignee', 'workaround'] } });
    const assessed = run(open(lifecycle), [{ type: 'assess' }], lifecycle);
    const error = refusal(assessed, { type: 'start_analysis' }, lifecycle);
    expect(error.refusedBy).toEqual([{ guard: 'requiredFields', reason: 'assignmentGroup is required to start_analysis' }]);
    expect(refusal(assessed, { type: 'accept_risk', reason: 'cheap' }, lifecycle).refusedBy.map((refused) => refused.reason)).toEqual([
      'assignee is required to accept_risk',
      'workaround is required to accept_risk',
    ]);
    expect(run(assessed, [{ type: 'assign', assignmentGroup: network }, { type: 'start_analysis' }], lifecycle).state).toBe('root_cause_analysis');
  });

  it('adds a vendor state that behaves as a built-in one, and a transition that holds only when its condition does', () => {
    const lifecycle = defineProblemLifecycle({
      extend: {
        states: { awaiting_vendor: { behavesAs: 'root_cause_analysis', description: 'the vendor investigates' } },
        transitions: [
          { event: 'escalate_to_vendor', from: ['root_cause_analysis'], to: 'awaiting_vendor', when: { field: 'assignee', exists: true }, reason: 'assign an analyst who owns the vendor case' },
          { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'root_cause_analysis' },
        ],
      },
    });
    expect(lifecycle.states).toEqual(['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'awaiting_vendor']);
    const analysing = inAnalysis(lifecycle);
    const error = refusal(analysing, { type: 'escalate_to_vendor' }, lifecycle);
    expect(error.refusedBy).toEqual([{ guard: 'escalate_to_vendor.when', reason: 'assign an analyst who owns the vendor case' }]);

    const waiting = run(analysing, [{ type: 'assign', assignee: manager }, { type: 'escalate_to_vendor', note: 'case 4711' } as never], lifecycle);
    expect(waiting.state).toBe('awaiting_vendor');
    expect(waiting.journal.at(-1)).toMatchObject({ kind: 'work_note', body: 'case 4711' });
    // Valid for its lifecycle, which knows the state; not for the built-in schema.
    expect(lifecycle.schema.safeParse(waiting).success).toBe(true);
    expect(Problem.safeParse(waiting).success).toBe(false);
    // It behaves as root cause analysis: same transitions, same field rules.
    const fixing = run(waiting, [{ type: 'record_root_cause', rootCause }, { type: 'start_fix' }], lifecycle);
    expect(fixing.state).toBe('fix_in_progress');
    expect(lifecycle.schema.safeParse({ ...waiting, resolvedAt: waiting.updatedAt }).success).toBe(false);
    // The added event takes only a note.
    const extra = safeApplyProblemEvent(analysing, { type: 'escalate_to_vendor', vendor: 'acme' }, context(600, lifecycle));
    expect(extra.success ? [] : issuesOf(extra.error).map((issue) => issue.path)).toEqual([['vendor']]);
  });

  it('names the path of every mistake in an extension', () => {
    const result = safeDefineProblemLifecycle({
      requiredFields: { escalate: ['assignee'] },
      extend: {
        states: { parked: { behavesAs: 'resolved' }, limbo: { behavesAs: 'nowhere' }, assess: { behavesAs: 'new' } },
        transitions: [
          { event: 'resolve', from: ['new'], to: 'resolved' },
          { event: 'park', from: ['new', 'nowhere'], to: 'new' },
          { event: 'jump', from: ['new'], to: 'closed' },
        ],
      },
    });
    expect(result.success ? [] : result.error.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['extend', 'states', 'parked', 'behavesAs'], 'must be one of new, assess, root_cause_analysis, fix_in_progress'],
      [['extend', 'states', 'limbo', 'behavesAs'], 'must be one of new, assess, root_cause_analysis, fix_in_progress'],
      [['extend', 'states', 'assess'], 'is already a state of the problem lifecycle'],
      [['extend', 'transitions', 0, 'event'], 'is a built-in event of the problem lifecycle; add an event of your own'],
      [['extend', 'transitions', 1, 'from', 1], 'is not a state of this lifecycle'],
      [['extend', 'transitions', 2, 'to'], 'must be an added state or one of new, assess, root_cause_analysis, fix_in_progress'],
      [['requiredFields', 'escalate'], 'is not an event of this lifecycle'],
    ]);
    expect(thrown(() => defineProblemLifecycle({ reanalyze: { allowed: 'yes' } } as never))).toBeInstanceOf(ValidationError);
    expect(issuesOf(thrown(() => defineProblemLifecycle({ reanalyse: {} } as never))).map((issue) => issue.path)).toEqual([['reanalyse']]);
  });
});

import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { allowedEvents, isItsmError, lifecycleDiagram, type InvalidTransitionError } from '../../src/index';
import {
  applyChangeEvent,
  changeJsonSchema,
  ChangeRequest,
  defineChangeLifecycle,
  openChange,
  safeDefineChangeLifecycle,
  safeOpenChange,
  type ChangeApprovalStepDefinition,
  type ChangeLifecycle,
} from '../../src/change/index';
import { thrown } from '../support';
import { after, applyChange, approveAll, approver, implementer, OPENED, opened, outsider, owner, play, requester, scheduled, stepChange } from './support';

enablePatches();

const refusal = (result: ReturnType<typeof stepChange>): InvalidTransitionError => {
  if (result.success || result.error.code !== 'invalid_transition') throw new Error(`expected an invalid transition, got ${result.success ? 'success' : result.error.message}`);
  return result.error;
};

describe('a normal change', () => {
  it('goes new → assess → authorize → scheduled → implement → review → closed', () => {
    const assessed = play(opened('normal'), [{ type: 'assess' }]);
    const { record: authorizing, events } = applyChange(assessed, { type: 'request_authorization', note: 'for Tuesday CAB' });
    expect(authorizing.state).toBe('authorize');
    // The default policy for moderate risk: the change manager, then the CAB, in order.
    expect(authorizing.approvalSteps.map((step) => [step.name, step.rule.kind, step.approvalIds.length])).toEqual([
      ['change manager', 'any', 1],
      ['CAB', 'all', 0],
    ]);
    expect(authorizing.approvals.map((approval) => [approval.approver.id, approval.state])).toEqual([['change_management', 'requested']]);
    expect(events.map((event) => [event.type, event.data.steps])).toEqual([
      ['change.authorization_requested', undefined],
      ['change.approval_requested', ['change manager']],
    ]);

    const manager = applyChange(authorizing, { type: 'decide', approvalId: authorizing.approvals[0]?.id, decision: 'approved' });
    const waiting = manager.record;
    expect(waiting.state).toBe('authorize');
    // The change manager's approval asks the CAB.
    expect(waiting.approvals.map((approval) => [approval.approver.id, approval.state])).toEqual([
      ['change_management', 'approved'],
      ['cab', 'requested'],
    ]);
    expect(manager.events.map((event) => event.type)).toEqual(['change.decided', 'change.approval_requested']);
    expect(manager.events[1]?.data).toEqual({ steps: ['CAB'], approvals: [waiting.approvals[1]?.id] });
    const authorized = applyChange(waiting, { type: 'decide', approvalId: waiting.approvals[1]?.id, decision: 'approved', comment: 'Go.' });
    expect(authorized.record.state).toBe('scheduled');
    expect(authorized.record.authorizedAt).toBe(authorized.record.updatedAt);
    expect(authorized.events.map((event) => event.type)).toEqual(['change.decided', 'change.authorized']);
    // A member deciding for a group is recorded as such.
    expect(authorized.record.approvals[1]).toMatchObject({ state: 'approved', decidedBy: approver, comment: 'Go.' });

    const closed = play(authorized.record, [
      { type: 'start_implementation' },
      { type: 'complete_implementation', outcome: 'successful_with_issues', note: 'one access switch needed a reboot' },
      { type: 'record_review', reviewNotes: 'Add the reboot to the runbook.' },
      { type: 'close' },
    ]);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'successful_with_issues', reviewNotes: 'Add the reboot to the runbook.' });
    expect(closed.closedAt).toBe(closed.updatedAt);
    expect(closed.implementationStartedAt! < closed.implementationEndedAt!).toBe(true);
    expect(allowedEvents(defineChangeLifecycle(), closed)).toEqual([]);
  });

  it('needs its risk, planned window, backout plan and test plan before authorization is requested', () => {
    const bare = play(opened('normal', { risk: undefined, plannedStart: undefined, plannedEnd: undefined, backoutPlan: undefined, testPlan: undefined }), [{ type: 'assess' }]);
    const error = refusal(stepChange(bare, { type: 'request_authorization' }));
    expect(error.refusedBy).toEqual([
      { guard: 'readyForAuthorization', reason: 'risk, plannedStart, plannedEnd, backoutPlan, testPlan must be given (update) before authorization is requested' },
    ]);
    const planned = applyChange(bare, { type: 'update', risk: 'low', plannedStart: '2026-11-28T22:00:00.000Z', plannedEnd: '2026-11-29T01:00:00.000Z', backoutPlan: 'Restore.', testPlan: 'Ping.' }).record;
    const authorizing = applyChange(planned, { type: 'request_authorization' }).record;
    // Low risk: the change manager alone.
    expect(authorizing.approvalSteps.map((step) => step.name)).toEqual(['change manager']);
  });

  it('refuses a planned end that is not after the start, naming the field', () => {
    const result = stepChange(opened('normal'), { type: 'update', plannedEnd: '2026-11-28T21:00:00.000Z' });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.code).toBe('validation');
      expect(result.error.message).toContain('plannedEnd: must be after plannedStart');
    }
  });

  it('goes back to new when an approval step can no longer be satisfied, canceling the open approvals', () => {
    const authorizing = play(opened('normal'), [{ type: 'assess' }, { type: 'request_authorization' }]);
    const asked = applyChange(authorizing, { type: 'decide', approvalId: authorizing.approvals[0]?.id, decision: 'approved' }).record;
    const { record, events } = applyChange(asked, { type: 'decide', approvalId: asked.approvals[1]?.id, decision: 'rejected', comment: 'Not during the audit.' });
    expect(record.state).toBe('new');
    expect(record.approvals.map((approval) => approval.state)).toEqual(['approved', 'rejected']);
    expect(events.map((event) => event.type)).toEqual(['change.decided', 'change.rejected']);
    // Asked again, it gets fresh approvals, from the first step; the old ones stay as history.
    const again = play(record, [{ type: 'assess' }, { type: 'request_authorization' }]);
    expect(again.approvals.map((approval) => approval.state)).toEqual(['approved', 'rejected', 'requested']);
    expect(approveAll(again).state).toBe('scheduled');
  });

  it('asks every step at once when the policy says so, and cancels what a rejection leaves open', () => {
    const lifecycle = defineChangeLifecycle({ approvalPolicy: { stepOrder: 'together' } });
    const authorizing = play(opened('normal', {}, lifecycle), [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle });
    expect(authorizing.approvals.map((approval) => [approval.approver.id, approval.state])).toEqual([
      ['change_management', 'requested'],
      ['cab', 'requested'],
    ]);
    const rejected = applyChange(authorizing, { type: 'decide', approvalId: authorizing.approvals[1]?.id, decision: 'rejected' }, { lifecycle }).record;
    expect(rejected.state).toBe('new');
    expect(rejected.approvals.map((approval) => approval.state)).toEqual(['canceled', 'rejected']);
    expect(approveAll(play(rejected, [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle }), { lifecycle }).state).toBe('scheduled');
  });

  it('reverts to new from assess, authorize and scheduled, canceling open approvals and the authorization', () => {
    const assessed = play(opened('normal'), [{ type: 'assess' }]);
    expect(applyChange(assessed, { type: 'revert_to_new', reason: 'needs a new plan' }).record.state).toBe('new');

    const authorizing = applyChange(assessed, { type: 'request_authorization' }).record;
    const reverted = applyChange(authorizing, { type: 'revert_to_new', reason: 'vendor withdrew the image' }).record;
    expect(reverted.state).toBe('new');
    expect(reverted.approvals.every((approval) => approval.state === 'canceled')).toBe(true);
    expect(reverted.journal.at(-1)?.body).toBe('vendor withdrew the image');

    const rescheduled = applyChange(scheduled('normal'), { type: 'revert_to_new', reason: 'the window moved' }).record;
    expect(rescheduled.state).toBe('new');
    expect(rescheduled.authorizedAt).toBeUndefined();
  });

  it('rejects the change at the first rejection by default, even in a quorum step that could still be met', () => {
    const board = [
      { kind: 'user', id: 'u-ana' },
      { kind: 'user', id: 'u-ben' },
      { kind: 'user', id: 'u-cy' },
    ] as const;
    const steps: ChangeApprovalStepDefinition[] = [{ name: 'CAB', approvers: [...board], rule: { kind: 'quorum', count: 2 } }];
    const lifecycle = defineChangeLifecycle({ approvalPolicy: { normal: { low: steps, moderate: steps, high: steps } } });
    const authorizing = play(opened('normal', {}, lifecycle), [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle });
    const [ana, , cy] = authorizing.approvals;
    const one = applyChange(authorizing, { type: 'decide', approvalId: ana?.id, decision: 'approved' }, { lifecycle, actor: board[0] }).record;
    const vetoed = applyChange(one, { type: 'decide', approvalId: cy?.id, decision: 'rejected' }, { lifecycle, actor: board[2] });
    expect(vetoed.record.state).toBe('new');
    expect(vetoed.record.approvals.map((approval) => approval.state)).toEqual(['approved', 'canceled', 'rejected']);
    expect(vetoed.events.map((event) => event.type)).toContain('change.rejected');
  });

  it('is settled by quorum under rejection: rule_unreachable: two of three approve; the third approval is no longer needed', () => {
    const board = [
      { kind: 'user', id: 'u-ana' },
      { kind: 'user', id: 'u-ben' },
      { kind: 'user', id: 'u-cy' },
    ] as const;
    const steps: ChangeApprovalStepDefinition[] = [{ name: 'CAB', approvers: [...board], rule: { kind: 'quorum', count: 2 } }];
    const lifecycle = defineChangeLifecycle({ approvalPolicy: { normal: { low: steps, moderate: steps, high: steps }, rejection: 'rule_unreachable' } });
    const authorizing = play(opened('normal', {}, lifecycle), [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle });
    const [ana, ben, cy] = authorizing.approvals;
    const one = applyChange(authorizing, { type: 'decide', approvalId: ana?.id, decision: 'approved' }, { lifecycle, actor: board[0] }).record;
    const rejectedOnce = applyChange(one, { type: 'decide', approvalId: cy?.id, decision: 'rejected' }, { lifecycle, actor: board[2] }).record;
    expect(rejectedOnce.state).toBe('authorize');
    const two = applyChange(rejectedOnce, { type: 'decide', approvalId: ben?.id, decision: 'approved' }, { lifecycle, actor: board[1] }).record;
    expect(two.state).toBe('scheduled');

    const failed = play(authorizing, [], { lifecycle });
    const once = applyChange(failed, { type: 'decide', approvalId: ana?.id, decision: 'rejected' }, { lifecycle, actor: board[0] }).record;
    expect(once.state).toBe('authorize');
    const twice = applyChange(once, { type: 'decide', approvalId: ben?.id, decision: 'rejected' }, { lifecycle, actor: board[1] }).record;
    expect(twice.state).toBe('new');
    expect(twice.approvals.map((approval) => approval.state)).toEqual(['rejected', 'rejected', 'canceled']);
  });
});

describe('separation of duties', () => {
  const authorizing = play(opened('normal'), [{ type: 'assess' }, { type: 'request_authorization' }]);
  const first = authorizing.approvals[0]?.id;

  it.each([
    ['requester', requester],
    ['assignee', owner],
    ['implementer', implementer],
  ] as const)('refuses a decision by the %s, even for a group they belong to, and changes nothing', (role, person) => {
    const before = JSON.stringify(authorizing);
    const error = refusal(stepChange(authorizing, { type: 'decide', approvalId: first, decision: 'approved' }, { actor: person }));
    expect(error.refusedBy[0]?.reason).toBe(`separation of duties: user ${person.id} is the ${role} of CHG0000001 and may not decide its approvals`);
    expect(error.message).toContain('separation of duties');
    expect(JSON.stringify(authorizing)).toBe(before);
  });

  it('names every role a person holds', () => {
    const selfAssigned = applyChange(authorizing, { type: 'assign', assignee: requester }).record;
    const error = refusal(stepChange(selfAssigned, { type: 'decide', approvalId: first, decision: 'rejected' }, { actor: requester }));
    expect(error.refusedBy[0]?.reason).toContain('is the requester and assignee of');
  });

  it('may be turned off per role', () => {
    const lifecycle = defineChangeLifecycle({ approvalPolicy: { separationOfDuties: { assignee: false } } });
    const change = play(opened('normal', {}, lifecycle), [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle });
    const approvalId = change.approvals[0]?.id;
    expect(applyChange(change, { type: 'decide', approvalId, decision: 'approved' }, { lifecycle, actor: owner }).record.approvals[0]?.state).toBe('approved');
    expect(stepChange(change, { type: 'decide', approvalId, decision: 'approved' }, { lifecycle, actor: requester }).success).toBe(false);
  });

  it('refuses to make someone whose approval counts the assignee or implementer', () => {
    const lifecycle = defineChangeLifecycle({ approvalPolicy: { separationOfDuties: { assignee: false } } });
    const change = play(opened('normal', {}, lifecycle), [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle });
    const approved = applyChange(change, { type: 'decide', approvalId: change.approvals[0]?.id, decision: 'approved' }, { lifecycle }).record;
    const before = JSON.stringify(approved);
    const error = refusal(stepChange(approved, { type: 'assign', implementer: approver }, { lifecycle }));
    expect(error.refusedBy[0]?.reason).toBe(`separation of duties: user u-approver approved ${approved.approvals[0]?.id} of CHG0000001 and may not become its implementer`);
    expect(JSON.stringify(approved)).toBe(before);
    // The duty is off for assignees here; and once reverted, the old approvals no longer count.
    expect(applyChange(approved, { type: 'assign', assignee: approver }, { lifecycle }).record.assignee).toEqual(approver);
    const reverted = applyChange(approveAll(approved, { lifecycle }), { type: 'revert_to_new', reason: 'replan' }, { lifecycle }).record;
    expect(applyChange(reverted, { type: 'assign', implementer: approver }, { lifecycle }).record.implementer).toEqual(approver);
    expect(refusal(stepChange(approveAll(approved, { lifecycle }), { type: 'assign', implementer: approver }, { lifecycle })).refusedBy[0]?.guard).toBe('keepsDuties');
  });

  it('refuses someone who is not the approver and does not act for its group', () => {
    const error = refusal(stepChange(authorizing, { type: 'decide', approvalId: first, decision: 'approved' }, { actor: outsider, actorGroups: [] }));
    expect(error.refusedBy[0]?.reason).toContain('user u-outsider is not the approver');
    expect(refusal(stepChange(authorizing, { type: 'decide', approvalId: 'ap-x', decision: 'approved' })).refusedBy[0]?.reason).toBe('approval ap-x is not an approval of CHG0000001');
  });
});

describe('a standard change', () => {
  it('is scheduled from new without approvals, and is never assessed or authorized', () => {
    const change = opened('standard');
    expect(refusal(stepChange(change, { type: 'assess' })).refusedBy[0]?.reason).toBe('a standard change is not assessed: schedule it from new');
    expect(refusal(stepChange(change, { type: 'request_authorization' })).refusedBy[0]?.reason).toBe('a standard change is scheduled without authorization');
    const { record } = applyChange(change, { type: 'schedule' });
    expect(record).toMatchObject({ state: 'scheduled', approvals: [], approvalSteps: [] });
    expect(record.authorizedAt).toBeUndefined();
  });

  it('needs its plan before it is scheduled', () => {
    const change = opened('standard', { testPlan: undefined });
    expect(refusal(stepChange(change, { type: 'schedule' })).refusedBy[0]?.reason).toBe('testPlan must be given (update) before the change is scheduled');
  });

  it('must name its template', () => {
    const result = safeOpenChange({ type: 'standard', shortDescription: 'Patch', requestedBy: requester }, { now: OPENED, actor: requester, newId: () => 'c-1', tenantId: 'acme', number: 'CHG0000009' });
    expect(result.success ? [] : result.error.issues.map((found) => found.path.join('.'))).toEqual(['templateId']);
  });
});

describe('an emergency change', () => {
  it('goes from new straight to authorize, approved by the ECAB', () => {
    const change = opened('emergency');
    expect(refusal(stepChange(change, { type: 'assess' })).refusedBy[0]?.reason).toBe('an emergency change is not assessed: request_authorization from new');
    expect(refusal(stepChange(opened('normal'), { type: 'request_authorization' })).refusedBy[0]?.reason).toBe('a normal change is assessed before authorization');
    expect(refusal(stepChange(change, { type: 'schedule' })).refusedBy[0]?.reason).toBe('an emergency change is scheduled only once authorized');
    const authorizing = applyChange(change, { type: 'request_authorization' }).record;
    expect(authorizing.approvals.map((approval) => approval.approver.id)).toEqual(['ecab']);
    expect(approveAll(authorizing).state).toBe('scheduled');
  });
});

describe('implementation and review', () => {
  it('records the outcome and needs review notes to close', () => {
    const reviewing = play(scheduled('emergency'), [{ type: 'start_implementation' }, { type: 'complete_implementation', outcome: 'backed_out' }]);
    expect(reviewing).toMatchObject({ state: 'review', outcome: 'backed_out' });
    expect(refusal(stepChange(reviewing, { type: 'close' })).refusedBy[0]?.reason).toBe('review notes are required to close a change; give reviewNotes');
    expect(applyChange(reviewing, { type: 'close', reviewNotes: 'Backed out: the image was corrupt.' }).record.state).toBe('closed');
  });

  it('refuses to complete without an outcome', () => {
    const implementing = play(scheduled('standard'), [{ type: 'start_implementation' }]);
    const result = stepChange(implementing, { type: 'complete_implementation' });
    expect(result.success ? undefined : result.error.code).toBe('validation');
  });

  it('may be canceled in every state before review, and not in review', () => {
    const lifecycle = defineChangeLifecycle();
    const implementing = play(scheduled('normal'), [{ type: 'start_implementation' }]);
    const canceled = applyChange(implementing, { type: 'cancel', reason: 'hardware fault found' }).record;
    expect(canceled.state).toBe('canceled');
    expect(canceled.canceledAt).toBe(canceled.updatedAt);
    const reviewing = applyChange(implementing, { type: 'complete_implementation', outcome: 'unsuccessful' }).record;
    expect(allowedEvents(lifecycle, reviewing)).toEqual(['comment', 'record_review', 'close']);
    expect(refusal(stepChange(reviewing, { type: 'cancel', reason: 'too late' })).allowedEvents).not.toContain('cancel');
  });

  it('cancels open approvals with the change', () => {
    const authorizing = play(opened('normal'), [{ type: 'assess' }, { type: 'request_authorization' }]);
    const canceled = applyChange(authorizing, { type: 'cancel', reason: 'duplicate of CHG0000002' }).record;
    expect(canceled.approvals.map((approval) => approval.state)).toEqual(['canceled']);
  });
});

describe('what a change returns', () => {
  it('gives patches that turn the previous version into the new one, and the record is unchanged', () => {
    const change = opened('normal');
    const before = JSON.stringify(change);
    const result = applyChange(change, { type: 'assign', assignmentGroup: { kind: 'group', id: 'g-network' }, implementer: owner });
    expect(applyPatches(change, result.patches as never)).toEqual(result.record);
    expect(JSON.stringify(change)).toBe(before);
    expect(result.events[0]).toMatchObject({ type: 'change.assigned', recordKind: 'change', number: 'CHG0000001', version: 2 });
  });

  it('names the field of an assignment of the wrong kind, or of none', () => {
    const paths = (event: unknown): string[] => {
      const result = stepChange(opened('normal'), event);
      return !result.success && 'issues' in result.error ? result.error.issues.map((found) => found.path.join('.')) : [];
    };
    expect(paths({ type: 'assign', assignmentGroup: owner, assignee: { kind: 'group', id: 'g' }, implementer: { kind: 'system', id: 's' } })).toEqual(['assignmentGroup.kind', 'assignee.kind', 'implementer.kind']);
    expect(paths({ type: 'assign' })).toEqual(['assignee']);
  });

  it('opens with the acting user as requester unless one is named, and raises change.opened', () => {
    const result = openChange(
      { type: 'normal', shortDescription: 'Rotate the TLS certificates' },
      { now: OPENED, actor: owner, newId: () => 'c-2', tenantId: 'acme', number: 'CHG0000002' },
    );
    expect(result.record).toMatchObject({ state: 'new', requestedBy: owner, version: 1, configurationItems: [] });
    expect(result.events[0]).toMatchObject({ type: 'change.opened', data: { to: 'new', type: 'normal' } });
    expect(applyPatches({}, result.patches as never)).toEqual(result.record);
  });

  it('throws the typed errors from the throwing functions', () => {
    const error = thrown(() => applyChangeEvent(opened('standard'), { type: 'assess' }, { now: after(OPENED, 1), actor: owner, newId: () => 'x' }));
    expect(isItsmError(error) && error.code).toBe('invalid_transition');
    expect(isItsmError(thrown(() => openChange({} as never, { now: OPENED, actor: owner, newId: () => 'x', tenantId: 'acme', number: 'CHG1' })))).toBe(true);
  });
});

describe('change lifecycle options', () => {
  it('enforces required fields per event', () => {
    const lifecycle = defineChangeLifecycle({ requiredFields: { start_implementation: ['implementer'] } });
    const withoutImplementer = scheduled('standard', lifecycle);
    const unassigned = { ...withoutImplementer } as Record<string, unknown>;
    delete unassigned.implementer;
    const error = refusal(stepChange(unassigned as ChangeRequest, { type: 'start_implementation' }, { lifecycle }));
    expect(error.refusedBy).toEqual([{ guard: 'requiredFields', reason: 'implementer is required to start_implementation' }]);
  });

  it('names the path of every problem in the approval policy', () => {
    const result = safeDefineChangeLifecycle({
      approvalPolicy: {
        normal: {
          low: [],
          moderate: [{ name: 'CAB', approvers: [{ kind: 'user', id: 'a' }], rule: { kind: 'quorum', count: 2 } }],
          high: [{ name: 'CAB', approvers: [{ kind: 'system', id: 'bot' }, { kind: 'system', id: 'bot' }], rule: { kind: 'all' } }],
        },
      },
    });
    expect(result.success ? [] : result.error.issues.map((found) => found.path.join('.'))).toEqual([
      'approvalPolicy.normal.low',
      'approvalPolicy.normal.moderate.0.rule.count',
      'approvalPolicy.normal.high.0.approvers.0.kind',
      'approvalPolicy.normal.high.0.approvers.1.kind',
      'approvalPolicy.normal.high.0.approvers.1',
    ]);
  });

  it('draws its machine', () => {
    const diagram = lifecycleDiagram(defineChangeLifecycle());
    expect(diagram).toContain('new --> scheduled: schedule [standardReady]');
    expect(diagram).toContain('authorize --> new: decide [decisionRejects], revert_to_new');
  });

  it('refuses a lifecycle of another kind and bad actor groups in the context', () => {
    const result = stepChange(opened('normal'), { type: 'assess' }, { lifecycle: { kind: 'problem' } as unknown as ChangeLifecycle, actorGroups: 'cab' as never });
    expect(!result.success && 'issues' in result.error ? result.error.issues.map((found) => found.path.join('.')) : []).toEqual(['lifecycle', 'actorGroups']);
  });

  it('exports JSON Schemas of its shapes and refuses an unknown one', () => {
    expect(changeJsonSchema()).toHaveProperty('properties.approvalSteps');
    expect(changeJsonSchema('riskModel')).toHaveProperty('oneOf');
    expect(isItsmError(thrown(() => changeJsonSchema('nope' as never)))).toBe(true);
  });
});

describe('the change record schema', () => {
  const valid = scheduled('normal');
  const pathsOf = (record: unknown): string[] => {
    const result = ChangeRequest.safeParse(record);
    return result.success ? [] : result.error.issues.map((found) => found.path.join('.'));
  };

  it('accepts the records the lifecycle makes', () => {
    expect(pathsOf(valid)).toEqual([]);
  });

  it('keeps the record consistent with its type and state', () => {
    expect(pathsOf({ ...valid, templateId: 'tpl-1' })).toEqual(['templateId']);
    expect(pathsOf({ ...valid, state: 'closed' })).toEqual(expect.arrayContaining(['implementationStartedAt', 'outcome', 'reviewNotes', 'closedAt']));
    expect(pathsOf({ ...valid, backoutPlan: undefined })).toEqual(['backoutPlan']);
    expect(pathsOf({ ...valid, state: 'new' })).toEqual(['authorizedAt']);
    expect(pathsOf({ ...valid, assignee: { kind: 'group', id: 'g' }, implementer: { kind: 'group', id: 'g' } })).toEqual(['assignee.kind', 'implementer.kind']);
    expect(pathsOf({ ...valid, configurationItems: ['a', 'a'] })).toEqual(['configurationItems.1']);
    expect(pathsOf({ ...valid, approvals: [...valid.approvals, { ...valid.approvals[0], state: 'requested', decidedAt: undefined }] })).toEqual(
      expect.arrayContaining(['approvals.2.id', 'approvals.2.state']),
    );
    expect(pathsOf({ ...valid, approvalSteps: [{ name: 'x', approvers: [approver], rule: { kind: 'any' }, approvalIds: ['nope'] }] })).toEqual(['approvalSteps.0.approvalIds.0']);
    expect(pathsOf({ ...valid, approvalSteps: [{ ...valid.approvalSteps[0], approvalIds: [valid.approvals[0]?.id, valid.approvals[1]?.id] }] })).toEqual(['approvalSteps.0.approvalIds']);
    expect(pathsOf({ ...valid, authorizedAt: '2020-01-01T00:00:00.000Z' })).toEqual(['authorizedAt']);
    expect(pathsOf({ ...opened('standard'), approvals: valid.approvals })).toEqual(['approvals']);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defineChangeLifecycle, type ChangeApprovalStepDefinition, type ChangeRequest } from '../../src/change/index';
import { opened, play, stepChange } from './support';

const PEOPLE = ['u-0', 'u-1', 'u-2', 'u-3', 'u-4', 'u-5'].map((id) => ({ kind: 'user', id }) as const);
const GROUPS = ['cab', 'g-net'].map((id) => ({ kind: 'group', id }) as const);
const person = fc.constantFrom(...PEOPLE);

/** A step of 1–4 distinct approvers, users or groups, with a rule that fits them. */
const stepArbitrary: fc.Arbitrary<ChangeApprovalStepDefinition> = fc
  .uniqueArray(fc.constantFrom(...PEOPLE, ...GROUPS), { minLength: 1, maxLength: 4, selector: (approver) => approver.id })
  .chain((approvers) =>
    fc.record({
      name: fc.constantFrom('CAB', 'peer review'),
      approvers: fc.constant(approvers),
      rule: fc.oneof(fc.constant({ kind: 'any' as const }), fc.constant({ kind: 'all' as const }), fc.integer({ min: 1, max: approvers.length }).map((count) => ({ kind: 'quorum' as const, count }))),
    }),
  );

const scenario = fc.record({
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 3 }),
  stepOrder: fc.constantFrom('in_order' as const, 'together' as const),
  requester: person,
  assignee: person,
  implementer: person,
  decisions: fc.array(fc.record({ approval: fc.nat(), approve: fc.boolean(), actor: person }), { minLength: 1, maxLength: 20 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function authorizing({ steps, stepOrder, requester, assignee, implementer }: Scenario) {
  const lifecycle = defineChangeLifecycle({ approvalPolicy: { normal: { low: steps, moderate: steps, high: steps }, stepOrder } });
  const change = opened('normal', { requestedBy: requester, assignee, implementer }, lifecycle);
  return { lifecycle, change: play(change, [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle }) };
}

/** The people holding a role in the change now: the requester, who opened it, the assignee and the implementer. */
const holders = (change: ChangeRequest): string[] => [change.requestedBy, change.openedBy, change.assignee, change.implementer].flatMap((holder) => (holder === undefined ? [] : [holder.id]));

// Whole sequences per run: on a busy machine a run may take more than the default 5 s.
describe('separation of duties laws', { timeout: 30_000 }, () => {
  const reassignment = fc.option(fc.record({ role: fc.constantFrom('assignee' as const, 'implementer' as const), person, by: fc.constantFrom({ kind: 'user', id: 'u-manager' } as const, ...PEOPLE) }), { nil: undefined, freq: 2 });
  test.prop([scenario, fc.array(reassignment, { maxLength: 20 })], { numRuns: 100 })(
    'no sequence of decisions and reassignments lets anyone who held the requester, assignee or implementer role since authorization was requested decide an approval of it',
    (given, assignments) => {
      const { lifecycle, change: start } = authorizing(given);
      let change = start;
      // Everyone who held a role since authorization was last requested.
      let held = new Set(holders(change));
      for (const [index, decision] of given.decisions.entries()) {
        // Now and then someone is (re)assigned, by a manager or by whoever holds a role: roles move.
        const assignment = assignments[index];
        if (assignment !== undefined) {
          const assigned = stepChange(change, { type: 'assign', [assignment.role]: assignment.person }, { lifecycle, actor: assignment.by });
          if (assigned.success) change = assigned.data.record;
          else expect(assigned.error.message).toContain('separation of duties');
          if (change.state === 'authorize') for (const id of holders(change)) held.add(id);
        }
        // A rejection sends the change back to new: it asks again, and the roles count afresh.
        if (change.state === 'new') {
          change = play(change, [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle, actor: { kind: 'user', id: 'u-manager' } });
          held = new Set(holders(change));
        }
        if (change.state !== 'authorize') continue;
        const approval = change.approvals[decision.approval % change.approvals.length]!;
        const before = JSON.stringify(change);
        const result = stepChange(change, { type: 'decide', approvalId: approval.id, decision: decision.approve ? 'approved' : 'rejected' }, { lifecycle, actor: decision.actor, actorGroups: ['cab', 'g-net'] });
        if (held.has(decision.actor.id)) {
          // Refused, with the reason, and nothing changed.
          expect(result.success ? 'accepted' : result.error.code).toBe('invalid_transition');
          // Someone who may decide the approval at all is told why not.
          const mayDecide = approval.state === 'requested' && (approval.approver.kind === 'group' || approval.approver.id === decision.actor.id);
          if (!result.success && mayDecide) expect(result.error.message).toContain('separation of duties');
          expect(JSON.stringify(change)).toBe(before);
        }
        if (result.success) change = result.data.record;
      }
      // Every approval that counts for the last request was given by someone who has held no role since it was made.
      const current = new Set(change.approvalSteps.flatMap((step) => step.approvalIds));
      for (const approval of change.approvals.filter((candidate) => candidate.state === 'approved' && current.has(candidate.id))) {
        expect(held.has((approval.decidedBy ?? approval.approver).id)).toBe(false);
      }
    },
  );

  test.prop([scenario], { numRuns: 80 })('decisions by the requester, assignee and implementer alone never move the change out of authorize', (given) => {
    const { lifecycle, change: start } = authorizing(given);
    const insiders = [start.requestedBy, start.assignee!, start.implementer!];
    let change = start;
    for (const [index, decision] of given.decisions.entries()) {
      const approval = change.approvals[decision.approval % change.approvals.length]!;
      const result = stepChange(change, { type: 'decide', approvalId: approval.id, decision: decision.approve ? 'approved' : 'rejected' }, { lifecycle, actor: insiders[index % 3]!, actorGroups: ['cab', 'g-net'] });
      expect(result.success).toBe(false);
      if (result.success) change = result.data.record;
    }
    expect(change.state).toBe('authorize');
  });

  test.prop([scenario], { numRuns: 80 })('a change is authorized exactly when every step has reached its rule', (given) => {
    const { lifecycle, change: start } = authorizing(given);
    let change = start;
    for (const decision of given.decisions) {
      if (change.state !== 'authorize') break;
      const approval = change.approvals[decision.approval % change.approvals.length]!;
      // An outsider to the change who acts for every group.
      const result = stepChange(change, { type: 'decide', approvalId: approval.id, decision: decision.approve ? 'approved' : 'rejected' }, { lifecycle, actor: { kind: 'user', id: 'u-outside' }, actorGroups: ['cab', 'g-net'] });
      if (result.success) change = result.data.record;
    }
    // Counted by the people who approved, not by approvals.
    const approvedIn = (ids: readonly string[]) => new Set(change.approvals.filter((approval) => ids.includes(approval.id) && approval.state === 'approved').map((approval) => (approval.decidedBy ?? approval.approver).id)).size;
    const reached = change.approvalSteps.every((step) => approvedIn(step.approvalIds) >= (step.rule.kind === 'any' ? 1 : step.rule.kind === 'all' ? step.approvers.length : step.rule.count));
    expect(change.state === 'scheduled').toBe(reached);
    // By default one rejection rejects the change: it is back in new exactly when one was rejected.
    expect(change.state === 'new').toBe(change.approvals.some((approval) => approval.state === 'rejected'));
  });
});

import { describe, expect, it } from 'vitest';
import type { InvalidTransitionError } from '../../src/index';
import { ChangeRequest, defineChangeLifecycle } from '../../src/change/index';
import { applyChange, approver, opened, play, requester, stepChange } from './support';

const olga = { kind: 'user', id: 'u-olga' } as const;
const paul = { kind: 'user', id: 'u-paul' } as const;
const ana = { kind: 'user', id: 'u-ana' } as const;
const ben = { kind: 'user', id: 'u-ben' } as const;
const MEMBER_OF = ['change_management', 'cab'];

const refusal = (result: ReturnType<typeof stepChange>): InvalidTransitionError => {
  if (result.success || result.error.code !== 'invalid_transition') throw new Error(`expected an invalid transition, got ${result.success ? 'success' : result.error.message}`);
  return result.error;
};
const openApproval = (change: ChangeRequest): string => change.approvals.find((approval) => approval.state === 'requested')!.id;

describe('who may decide a change approval', () => {
  it('refuses an assignee who hands the change to someone else and then approves it', () => {
    const authorizing = play(opened('normal', { assignee: olga }), [{ type: 'assess' }, { type: 'request_authorization' }]);
    const asOlga = { actor: olga, actorGroups: MEMBER_OF };
    expect(refusal(stepChange(authorizing, { type: 'decide', approvalId: openApproval(authorizing), decision: 'approved' }, asOlga)).message).toContain('separation of duties');
    const handedOver = applyChange(authorizing, { type: 'assign', assignee: paul }, asOlga).record;
    const refused = refusal(stepChange(handedOver, { type: 'decide', approvalId: openApproval(handedOver), decision: 'approved' }, asOlga));
    expect(refused.message).toContain('separation of duties');
    expect(refused.message).toContain('assignee');
  });

  it('refuses the person who opened the change, whoever they named as requester', () => {
    const change = opened('normal', { requestedBy: { kind: 'system', id: 'portal' } });
    const authorizing = play(change, [{ type: 'assess' }, { type: 'request_authorization' }]);
    const refused = refusal(stepChange(authorizing, { type: 'decide', approvalId: openApproval(authorizing), decision: 'approved' }, { actor: requester, actorGroups: MEMBER_OF }));
    expect(refused.message).toContain('separation of duties');
    expect(refused.message).toContain('requester');
  });

  it('lets one person decide at most one approval of a step, and counts people, not approvals', () => {
    const lifecycle = defineChangeLifecycle({
      approvalPolicy: { normal: { low: [{ name: 'CAB', approvers: [ana, { kind: 'group', id: 'cab' }, ben], rule: { kind: 'quorum', count: 2 } }], moderate: [{ name: 'CAB', approvers: [ana, { kind: 'group', id: 'cab' }, ben], rule: { kind: 'quorum', count: 2 } }], high: [{ name: 'CAB', approvers: [ana, { kind: 'group', id: 'cab' }, ben], rule: { kind: 'quorum', count: 2 } }] } },
    });
    const authorizing = play(opened('normal', {}, lifecycle), [{ type: 'assess' }, { type: 'request_authorization' }], { lifecycle });
    const [own, cab] = authorizing.approvals;
    const asAna = { lifecycle, actor: ana, actorGroups: ['cab'] };
    const once = applyChange(authorizing, { type: 'decide', approvalId: own!.id, decision: 'approved' }, asAna).record;
    const refused = refusal(stepChange(once, { type: 'decide', approvalId: cab!.id, decision: 'approved' }, asAna));
    expect(refused.message).toContain('already decided');
    const twice = applyChange(once, { type: 'decide', approvalId: cab!.id, decision: 'approved' }, { lifecycle, actor: approver, actorGroups: ['cab'] }).record;
    expect(twice.state).toBe('scheduled');
  });

  it('takes decisions from users only, not from a group or the system', () => {
    const authorizing = play(opened('normal'), [{ type: 'assess' }, { type: 'request_authorization' }]);
    for (const actor of [{ kind: 'group', id: 'change_management' }, { kind: 'system', id: 'change_management' }] as const) {
      const refused = refusal(stepChange(authorizing, { type: 'decide', approvalId: openApproval(authorizing), decision: 'approved' }, { actor }));
      expect(refused.message).toContain('only a user decides');
    }
  });

  it('announces only the approvals a new request asks for', () => {
    const authorizing = play(opened('normal'), [{ type: 'assess' }, { type: 'request_authorization' }]);
    const rejected = applyChange(authorizing, { type: 'decide', approvalId: openApproval(authorizing), decision: 'rejected' }).record;
    expect(rejected.state).toBe('new');
    const { record, events } = applyChange(play(rejected, [{ type: 'assess' }]), { type: 'request_authorization' });
    const requested = events.find((event) => event.type === 'change.approval_requested');
    expect(requested?.data).toEqual({ steps: ['change manager'], approvals: [openApproval(record)] });
  });
});

describe('the change record schema, in authorize', () => {
  const authorizing = play(opened('normal'), [{ type: 'assess' }, { type: 'request_authorization' }]);

  it('refuses a change without approval steps', () => {
    const result = ChangeRequest.safeParse({ ...authorizing, approvalSteps: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((found) => found.path.join('.'))).toContain('approvalSteps');
  });

  it('refuses a requested approval that no asked step holds', () => {
    const stray = { id: 'ap-stray', approver: { kind: 'group', id: 'cab' }, state: 'requested', requestedAt: authorizing.updatedAt };
    const result = ChangeRequest.safeParse({ ...authorizing, approvals: [...authorizing.approvals, stray] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((found) => found.path.join('.'))).toContain(`approvals.${authorizing.approvals.length}`);
  });
});

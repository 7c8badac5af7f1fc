import type { Draft } from 'immer';
import type { Approval } from '../core/approval.schema';
import { addWorkNote } from '../core/apply-lifecycle-event';
import type { EffectSpec, GuardSpec, ResolvedContext, StepArgs } from '../core/lifecycle';
import type { ActorRef } from '../core/record-fields.schema';

/** How approvals decide a record: all must approve, or the first decision settles it. */
export type ApprovalRule = 'all' | 'first_response';

/** The fields the approval steps read and write on a request or an item. @internal */
export interface ApprovalRecord {
  readonly number: string;
  readonly approvals: readonly Approval[];
  readonly approvedAt?: string | undefined;
  readonly closedAt?: string | undefined;
}

/** What the approval steps need from the options and the caller's context. @internal */
export interface ApprovalOptions {
  readonly approvalRule: ApprovalRule;
}
/** @internal */
export interface ApprovalExtra {
  /** The ids of the groups the acting user acts for, from the host's directory. */
  readonly actorGroups: readonly string[];
}

interface DecideEvent {
  readonly type: 'decide';
  readonly approvalId: string;
  readonly decision: 'approved' | 'rejected';
  readonly comment?: string;
}

type Args = StepArgs<ApprovalRecord, { type: string }, ApprovalOptions, ApprovalExtra>;
type Mutable = { approvals: Approval[]; approvedAt?: string; closedAt?: string };

const describe = (actor: ActorRef): string => `${actor.kind} ${actor.id}`;

/** Whether the actor is the approver, or acts for the approving group. */
function actsFor(actor: ActorRef, approver: ActorRef, groups: readonly string[]): boolean {
  if (actor.kind === approver.kind && actor.id === approver.id) return true;
  return approver.kind === 'group' && actor.kind === 'user' && groups.includes(approver.id);
}

/** Why the actor may not decide the event's approval, or undefined when they may. */
function mayDecide({ record, event, context }: Args): string | undefined {
  const { approvalId } = event as DecideEvent;
  const approval = record.approvals.find((candidate) => candidate.id === approvalId);
  if (approval === undefined) return `approval ${approvalId} is not an approval of ${record.number}`;
  if (approval.state !== 'requested') return `approval ${approvalId} is already ${approval.state}`;
  if (!actsFor(context.actor, approval.approver, context.extra.actorGroups)) {
    return `${describe(context.actor)} is not the approver of ${approvalId} (${describe(approval.approver)})${approval.approver.kind === 'group' ? ' and does not act for that group' : ''}`;
  }
  return undefined;
}

/** Whether an approving decision settles the approval under the rule. */
function approvesRecord({ record, event, options }: Args): boolean {
  const { approvalId, decision } = event as DecideEvent;
  if (decision !== 'approved') return false;
  return options.approvalRule === 'first_response' || record.approvals.every((approval) => approval.id === approvalId || approval.state === 'approved');
}

/** Open approvals are no longer needed once the record is decided, canceled or closed. @internal */
export function cancelOpenApprovals(draft: Draft<ApprovalRecord>, now: string): void {
  for (const approval of (draft as Mutable).approvals) {
    if (approval.state === 'requested') {
      approval.state = 'canceled';
      approval.decidedAt = now;
    }
  }
}

/** Adds a journal entry by the acting user when there is something to say. @internal */
export function note(draft: Draft<unknown>, body: string | undefined, context: ResolvedContext<unknown>, kind: 'work_note' | 'comment' = 'work_note'): void {
  if (body !== undefined) addWorkNote(draft as Draft<Record<string, unknown>>, body, context, kind);
}

/**
 * The guards and effects of `request_approval`, `approve_without_approval` and `decide`, shared
 * by requests and items. `decide` has three transitions, tried in order: to `rejected`
 * (`decisionRejects`), to `approved` (`decisionApproves`), and staying (`mayDecide`).
 * @internal
 */
export function approvalSteps<R extends ApprovalRecord, E extends { type: string }, O extends ApprovalOptions, C extends ApprovalExtra>(): {
  guards: Record<string, GuardSpec<R, E, O, C>>;
  effects: Record<string, EffectSpec<R, E, O, C>>;
} {
  const guards: Record<string, GuardSpec<ApprovalRecord, { type: string }, ApprovalOptions, ApprovalExtra>> = {
    // Each refuses first with mayDecide's reason, so a refused decision says why in one voice.
    decisionRejects: (args) => mayDecide(args) ?? ((args.event as DecideEvent).decision === 'rejected' ? undefined : 'the decision is not a rejection'),
    decisionApproves: (args) => mayDecide(args) ?? (approvesRecord(args) ? undefined : 'other approvals are still open'),
    mayDecide,
  };
  const effects: Record<string, EffectSpec<ApprovalRecord, { type: string }, ApprovalOptions, ApprovalExtra>> = {
    requestApproval: (draft, { event, context }) => {
      const { approvers, note: body } = event as unknown as { approvers: ActorRef[]; note?: string };
      for (const approver of approvers) {
        (draft as Mutable).approvals.push({ id: context.newId(), approver, state: 'requested', requestedAt: context.now });
      }
      note(draft, body, context);
    },
    approveWithoutApproval: (draft, { event, context }) => {
      (draft as Mutable).approvedAt = context.now;
      note(draft, (event as { note?: string }).note, context);
    },
    decide: (draft, args) => {
      const { approvalId, decision, comment } = args.event as DecideEvent;
      const { actor, now } = args.context;
      const approval = (draft as Mutable).approvals.find((candidate) => candidate.id === approvalId);
      if (approval === undefined) return;
      approval.state = decision;
      approval.decidedAt = now;
      // A member deciding for a group is recorded; an approver deciding for themselves need not be.
      if (!(actor.kind === approval.approver.kind && actor.id === approval.approver.id)) approval.decidedBy = actor;
      if (comment !== undefined) approval.comment = comment;
      if (decision === 'rejected') {
        (draft as Mutable).closedAt = now;
        cancelOpenApprovals(draft, now);
      } else if (approvesRecord(args)) {
        (draft as Mutable).approvedAt = now;
        cancelOpenApprovals(draft, now);
      }
    },
  };
  return { guards, effects } as unknown as { guards: Record<string, GuardSpec<R, E, O, C>>; effects: Record<string, EffectSpec<R, E, O, C>> };
}

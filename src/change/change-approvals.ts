import type { Draft } from 'immer';
import type { Approval } from '../core/approval.schema';
import type { StepArgs } from '../core/lifecycle';
import type { ActorRef } from '../core/record-fields.schema';
import type { ChangeApprovalRule, ChangeApprovalStepDefinition, SeparationOfDuties } from './change-approval-policy.schema';
import type { ChangeRequest } from './change-request.schema';

/** Where one approval step stands. @internal */
export type StepStatus = 'pending' | 'satisfied' | 'failed';

/** What the approval guards read from the caller's context. @internal */
export interface ChangeApprovalExtra {
  /** The ids of the groups the acting user acts for, from the host's directory. */
  readonly actorGroups: readonly string[];
}

interface DecideEvent {
  readonly type: 'decide';
  readonly approvalId: string;
  readonly decision: 'approved' | 'rejected';
  readonly comment?: string;
}

/** When a rejection rejects the change; see `ChangeApprovalPolicy.rejection`. @internal */
export type RejectionRule = 'any_rejection' | 'rule_unreachable';

type Args = StepArgs<ChangeRequest, { type: string }, { approvalPolicy: { separationOfDuties: SeparationOfDuties; rejection: RejectionRule } }, ChangeApprovalExtra>;

const describe = (actor: ActorRef): string => `${actor.kind} ${actor.id}`;
const same = (a: ActorRef | undefined, b: ActorRef): boolean => a !== undefined && a.kind === b.kind && a.id === b.id;

/** Who decided an approval: the member who decided for a group, or the approver. */
const deciderOf = (approval: Pick<Approval, 'approver' | 'decidedBy'>): ActorRef => approval.decidedBy ?? approval.approver;
const keyOf = (actor: ActorRef): string => JSON.stringify([actor.kind, actor.id]);

/**
 * Whether a step is settled by its approvals: `satisfied` once the rule is met, `failed` once
 * a rejection counts (any rejection, or one that leaves the rule unreachable, as `rejection`
 * says), `pending` otherwise. Approvals count by the people who gave them: one person approving
 * twice in a step counts once.
 * @internal
 */
export function stepStatus(rule: ChangeApprovalRule, approvals: readonly Pick<Approval, 'state' | 'approver' | 'decidedBy'>[], rejection: RejectionRule): StepStatus {
  const approved = new Set(approvals.filter((approval) => approval.state === 'approved').map((approval) => keyOf(deciderOf(approval)))).size;
  const rejected = approvals.filter((approval) => approval.state === 'rejected').length;
  const needed = rule.kind === 'any' ? 1 : rule.kind === 'all' ? approvals.length : rule.count;
  if (approved >= needed) return 'satisfied';
  if (rejected > 0 && rejection === 'any_rejection') return 'failed';
  if (approvals.length - rejected < needed) return 'failed';
  return 'pending';
}

/** The status of each of the change's current steps, with the event's decision (by the actor) applied; a step not yet asked is pending. */
function statusesAfter(record: ChangeRequest, rejection: RejectionRule, decided?: DecideEvent, actor?: ActorRef): StepStatus[] {
  const after = (approval: Approval): Pick<Approval, 'state' | 'approver' | 'decidedBy'> =>
    decided !== undefined && approval.id === decided.approvalId ? { state: decided.decision, approver: approval.approver, decidedBy: actor ?? approval.decidedBy } : approval;
  return record.approvalSteps.map((step) =>
    step.approvalIds.length === 0
      ? 'pending'
      : stepStatus(
          step.rule,
          step.approvalIds.flatMap((id) => record.approvals.filter((approval) => approval.id === id).map(after)),
          rejection,
        ),
  );
}

type Role = keyof SeparationOfDuties;

/**
 * Who holds each role of the change now: the requester named and the person who opened the
 * change (who may have named someone else, or a system), the assignee and the implementer.
 * @internal
 */
export function currentDutyHolders(record: Pick<ChangeRequest, 'requestedBy' | 'openedBy' | 'assignee' | 'implementer'>): { role: Role; holder: ActorRef }[] {
  const holders: [Role, ActorRef | undefined][] = [
    ['requester', record.requestedBy],
    ['requester', record.openedBy],
    ['assignee', record.assignee],
    ['implementer', record.implementer],
  ];
  return holders.flatMap(([role, holder]) => (holder === undefined ? [] : [{ role, holder: { kind: holder.kind, id: holder.id } }]));
}

/** Adds role holders to the list kept since authorization was requested, each person and role once. @internal */
export function addDutyHolders(draft: Draft<ChangeRequest>, holders: readonly { role: Role; holder: ActorRef }[]): void {
  const list = (draft.dutyHolders ??= []);
  for (const { role, holder } of holders) {
    if (!list.some((known) => known.role === role && same(known.holder, holder))) list.push({ role, holder: { kind: holder.kind, id: holder.id } });
  }
}

/**
 * Why the acting person may not decide on this change at all, by separation of duties, or
 * undefined when they may: anyone who holds a role now, or held one at any time since
 * authorization was requested, may not.
 * @internal
 */
export function dutyConflict(record: ChangeRequest, actor: ActorRef, duties: SeparationOfDuties): string | undefined {
  const rolesOf = (holders: readonly { role: Role; holder: ActorRef }[]): Role[] => [...new Set(holders.filter(({ role, holder }) => duties[role] && same(holder, actor)).map(({ role }) => role))];
  const now = rolesOf(currentDutyHolders(record));
  const before = rolesOf(record.dutyHolders ?? []).filter((role) => !now.includes(role));
  if (now.length === 0 && before.length === 0) return undefined;
  const held = [...(now.length === 0 ? [] : [`is the ${now.join(' and ')}`]), ...(before.length === 0 ? [] : [`was the ${before.join(' and ')}`])].join(' and ');
  return `separation of duties: ${describe(actor)} ${held} of ${record.number} and may not decide its approvals`;
}

/** Why the actor may not decide the event's approval, or undefined when they may. @internal */
export function mayDecide({ record, event, options, context }: Args): string | undefined {
  const { approvalId } = event as DecideEvent;
  const approval = record.approvals.find((candidate) => candidate.id === approvalId);
  if (approval === undefined) return `approval ${approvalId} is not an approval of ${record.number}`;
  if (approval.state !== 'requested') return `approval ${approvalId} is already ${approval.state}`;
  const { actor } = context;
  // A group or a system has no conscience to separate duties from: a person decides.
  if (actor.kind !== 'user') return `only a user decides approvals; ${describe(actor)} may not`;
  const actsFor = same(approval.approver, actor) || (approval.approver.kind === 'group' && context.extra.actorGroups.includes(approval.approver.id));
  if (!actsFor) {
    return `${describe(actor)} is not the approver of ${approvalId} (${describe(approval.approver)})${approval.approver.kind === 'group' ? ' and does not act for that group' : ''}`;
  }
  const conflict = dutyConflict(record, actor, options.approvalPolicy.separationOfDuties);
  if (conflict !== undefined) return conflict;
  const step = record.approvalSteps.find((candidate) => candidate.approvalIds.includes(approvalId));
  const earlier = record.approvals.find(
    (other) => other.id !== approvalId && step?.approvalIds.includes(other.id) === true && (other.state === 'approved' || other.state === 'rejected') && same(deciderOf(other), actor),
  );
  if (step !== undefined && earlier !== undefined) {
    return `${describe(actor)} already decided approval ${earlier.id} of step ${step.name}; one person decides at most one approval per step`;
  }
  return undefined;
}

/** Whether the decision leaves a step that can no longer be satisfied: the change is rejected. @internal */
export function decisionRejects(args: Args): string | undefined {
  return mayDecide(args) ?? (statusesAfter(args.record, args.options.approvalPolicy.rejection, args.event as DecideEvent, args.context.actor).includes('failed') ? undefined : 'the decision leaves every step still satisfiable');
}

/** Whether the decision satisfies every step: the change is authorized. @internal */
export function decisionAuthorizes(args: Args): string | undefined {
  return mayDecide(args) ?? (statusesAfter(args.record, args.options.approvalPolicy.rejection, args.event as DecideEvent, args.context.actor).every((status) => status === 'satisfied') ? undefined : 'other approval steps are still open');
}

/** Cancels the change's open approvals: those no longer needed. @internal */
export function cancelOpenApprovals(draft: Draft<ChangeRequest>, now: string, only?: readonly string[]): void {
  for (const approval of draft.approvals) {
    if (approval.state === 'requested' && (only === undefined || only.includes(approval.id))) {
      approval.state = 'canceled';
      approval.decidedAt = now;
    }
  }
}

/** Asks each approver of a recorded step that has not been asked yet. */
function askStep(draft: Draft<ChangeRequest>, index: number, now: string, newId: () => string): void {
  const step = draft.approvalSteps[index];
  if (step === undefined || step.approvalIds.length > 0) return;
  for (const approver of step.approvers) {
    const id = newId();
    step.approvalIds.push(id);
    draft.approvals.push({ id, approver: { ...approver }, state: 'requested', requestedAt: now });
  }
}

/**
 * Records the policy's steps on the change and asks their approvers: the first step's, or every
 * step's when the steps run together.
 * @internal
 */
export function requestApprovals(draft: Draft<ChangeRequest>, steps: readonly ChangeApprovalStepDefinition[], order: 'in_order' | 'together', now: string, newId: () => string): void {
  draft.approvalSteps = steps.map((step) => ({ name: step.name, approvers: step.approvers.map((approver) => ({ ...approver })), rule: { ...step.rule }, approvalIds: [] }));
  const asked = order === 'together' ? steps.length : 1;
  for (let index = 0; index < asked; index += 1) askStep(draft, index, now, newId);
}

/**
 * Records a decision and settles what it settles: a satisfied step's other open approvals are
 * canceled and, with steps in order, the next step is asked; a failed step cancels every open
 * approval (the change is rejected); all steps satisfied authorize the change. Returns what
 * happened to the change.
 * @internal
 */
export function recordDecision(draft: Draft<ChangeRequest>, args: Args): 'rejected' | 'authorized' | 'next_step' | 'pending' {
  const decided = args.event as DecideEvent;
  const { actor, now } = args.context;
  const approval = draft.approvals.find((candidate) => candidate.id === decided.approvalId);
  if (approval === undefined) return 'pending';
  approval.state = decided.decision;
  approval.decidedAt = now;
  // A member deciding for a group is recorded; an approver deciding for themselves need not be.
  if (!same(approval.approver, actor)) approval.decidedBy = { ...actor };
  if (decided.comment !== undefined) approval.comment = decided.comment;
  const statuses = statusesAfter(args.record, args.options.approvalPolicy.rejection, decided, actor);
  if (statuses.includes('failed')) {
    cancelOpenApprovals(draft, now);
    return 'rejected';
  }
  statuses.forEach((status, index) => {
    if (status === 'satisfied') cancelOpenApprovals(draft, now, args.record.approvalSteps[index]?.approvalIds);
  });
  if (statuses.every((status) => status === 'satisfied')) {
    draft.authorizedAt = now;
    return 'authorized';
  }
  // Steps in order: the first step not yet satisfied is asked, if it has not been already.
  const next = statuses.findIndex((status) => status !== 'satisfied');
  const before = draft.approvals.length;
  askStep(draft, next, now, args.context.newId);
  if (draft.approvals.length > before) return 'next_step';
  return 'pending';
}

/**
 * Why an assignment would give a role in the change to someone whose approval authorizes it,
 * by separation of duties, or undefined when it would not. Only approvals that still count are
 * considered: those of an authorization under way or given (a change reverted to new starts over).
 * @internal
 */
export function assignmentConflict(record: ChangeRequest, assignment: { readonly assignee?: ActorRef | undefined; readonly implementer?: ActorRef | undefined }, duties: SeparationOfDuties): string | undefined {
  const counting = record.authorizedAt !== undefined || record.approvals.some((approval) => approval.state === 'requested');
  if (!counting) return undefined;
  const current = new Set(record.approvalSteps.flatMap((step) => step.approvalIds));
  const approvers = record.approvals.filter((approval) => current.has(approval.id) && approval.state === 'approved').map((approval) => ({ id: approval.id, by: deciderOf(approval) }));
  for (const role of ['assignee', 'implementer'] as const) {
    const person = assignment[role];
    const approval = person === undefined || !duties[role] ? undefined : approvers.find((candidate) => same(candidate.by, person));
    if (person !== undefined && approval !== undefined) {
      return `separation of duties: ${describe(person)} approved ${approval.id} of ${record.number} and may not become its ${role}`;
    }
  }
  return undefined;
}

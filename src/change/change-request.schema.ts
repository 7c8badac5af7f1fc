import { z } from 'zod';
import { Approval } from '../core/approval.schema';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { ChangeApprovalRule } from './change-approval-policy.schema';
import { ChangeRiskLevel } from './risk-model.schema';

/**
 * Where a change stands: logged (`new`), evaluated (`assess`), waiting for its approvers
 * (`authorize`), approved and planned (`scheduled`), being carried out (`implement`), in its
 * post-implementation review (`review`), and ended: `closed` or `canceled`. In lifecycle order.
 */
export const ChangeState = z.enum(['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled']);
/** Where a change stands. */
export type ChangeState = z.infer<typeof ChangeState>;

/**
 * The ITIL change types: `standard` — pre-approved from a template, low risk, routine;
 * `normal` — assessed and authorized; `emergency` — authorized fast, without assessment.
 */
export const ChangeType = z.enum(['standard', 'normal', 'emergency']);
/** The ITIL change types. */
export type ChangeType = z.infer<typeof ChangeType>;

/** How the implementation went, as recorded when it ends. */
export const ChangeOutcome = z.enum(['successful', 'successful_with_issues', 'unsuccessful', 'backed_out']);
/** How the implementation went. */
export type ChangeOutcome = z.infer<typeof ChangeOutcome>;

/**
 * One approval step of the current authorization: its name, approvers and rule, and the
 * approvals it asked for — none yet while an earlier step is still open (steps in order).
 */
export const ChangeApprovalStep = z
  .strictObject({
    name: z.string().min(1).max(100),
    approvers: z.array(ActorRef).min(1).max(50),
    rule: ChangeApprovalRule,
    approvalIds: z.array(RecordId).max(50),
  })
  .refine((step) => step.approvalIds.length === 0 || step.approvalIds.length === step.approvers.length, {
    error: 'must hold one approval per approver once the step is asked',
    path: ['approvalIds'],
  });
/** One approval step of the current authorization. */
export type ChangeApprovalStep = z.infer<typeof ChangeApprovalStep>;

/** A role in a change that separation of duties keeps from deciding its approvals. */
const ChangeDutyRole = z.enum(['requester', 'assignee', 'implementer']);
/** A role in a change that separation of duties keeps from deciding its approvals. */


const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);

/** The fields alone, before the checks across them. */
const ChangeFields = RecordBase.extend({
  type: ChangeType,
  /** One line saying what changes, as a list shows it. */
  shortDescription: z.string().min(1, { error: 'must not be empty' }).max(160),
  description: Text.optional(),
  state: ChangeState,
  /** The pre-approved template of a standard change; present exactly for standard changes. */
  templateId: RecordId.optional(),
  /** The configuration items the change touches. */
  configurationItems: z.array(RecordId).max(1_000),
  /** Who asked for the change. */
  requestedBy: ActorRef,
  /** The group that owns the change; must be of kind `group`. */
  assignmentGroup: ActorRef.optional(),
  /** The change owner working it; must be of kind `user`. */
  assignee: ActorRef.optional(),
  /** Who carries it out; must be of kind `user`. */
  implementer: ActorRef.optional(),
  risk: ChangeRiskLevel.optional(),
  /** The approvals of every authorization so far, decided or open. */
  approvals: z.array(Approval).max(500),
  /** The steps of the current (or last) authorization. */
  approvalSteps: z.array(ChangeApprovalStep).max(20),
  /**
   * Everyone who held a role (requester, the person who opened the change, assignee,
   * implementer) at any time since authorization was last requested: none of them may decide
   * its approvals, even after handing the role on.
   */
  dutyHolders: z.array(z.strictObject({ role: ChangeDutyRole, holder: ActorRef })).max(500).optional(),
  plannedStart: Instant.optional(),
  plannedEnd: Instant.optional(),
  implementationPlan: Text.optional(),
  backoutPlan: Text.optional(),
  testPlan: Text.optional(),
  outcome: ChangeOutcome.optional(),
  reviewNotes: Text.optional(),
  openedAt: Instant,
  authorizedAt: Instant.optional(),
  implementationStartedAt: Instant.optional(),
  implementationEndedAt: Instant.optional(),
  closedAt: Instant.optional(),
  canceledAt: Instant.optional(),
  journal: z.array(JournalEntry),
});
type ChangeField = keyof z.infer<typeof ChangeFields>;

const PLANNED: readonly ChangeState[] = ['authorize', 'scheduled', 'implement', 'review', 'closed'];
const AUTHORIZED: readonly ChangeState[] = ['scheduled', 'implement', 'review', 'closed'];
const STARTED: readonly ChangeState[] = ['implement', 'review', 'closed'];
const ENDED: readonly ChangeState[] = ['review', 'closed'];

/** The plan a change needs before it is authorized or scheduled. @internal */
export const PLAN_FIELDS = ['plannedStart', 'plannedEnd', 'backoutPlan', 'testPlan'] as const;

/**
 * The checks across fields. `rulesOf` is the built-in state whose rules apply; messages name the
 * record's own state, so a vendor's state reads as itself.
 */
function checkChange(change: Omit<z.infer<typeof ChangeFields>, 'state'> & { state: string }, rulesOf: ChangeState, context: z.RefinementCtx): void {
  const fail = (at: ChangeField | readonly (string | number)[], message: string) =>
    context.addIssue({ code: 'custom', path: typeof at === 'string' ? [at] : [...at], message });
  const { state } = change;
  const presence = (field: ChangeField, required: boolean, absent: boolean, why = '') => {
    const present = change[field] !== undefined;
    if (required && !present) fail(field, `is required while the change is ${state}${why}`);
    if (absent && present) fail(field, `must be absent while the change is ${state}${why}`);
  };
  const canceled = rulesOf === 'canceled';
  const standard = change.type === 'standard';

  if (change.assignmentGroup !== undefined && change.assignmentGroup.kind !== 'group') fail(['assignmentGroup', 'kind'], 'must be group');
  if (change.assignee !== undefined && change.assignee.kind !== 'user') fail(['assignee', 'kind'], 'must be user');
  if (change.implementer !== undefined && change.implementer.kind !== 'user') fail(['implementer', 'kind'], 'must be user');
  if (standard && change.templateId === undefined) fail('templateId', 'is required for a standard change: it is pre-approved by its template');
  if (!standard && change.templateId !== undefined) fail('templateId', `must be absent for ${change.type === 'emergency' ? 'an' : 'a'} ${change.type} change: only standard changes come from a template`);
  if (change.plannedStart !== undefined && change.plannedEnd !== undefined && change.plannedEnd <= change.plannedStart) fail('plannedEnd', 'must be after plannedStart');
  const seenItems = new Set<string>();
  change.configurationItems.forEach((id, index) => {
    if (seenItems.has(id)) fail(['configurationItems', index], 'duplicates an earlier id');
    seenItems.add(id);
  });

  // Approvers look at the plan, so it is required from authorization on.
  const planned = standard ? AUTHORIZED.includes(rulesOf) : PLANNED.includes(rulesOf);
  for (const field of PLAN_FIELDS) presence(field, planned, false);
  if (!standard) presence('risk', PLANNED.includes(rulesOf), false);
  presence('authorizedAt', !standard && AUTHORIZED.includes(rulesOf), standard || (!canceled && !AUTHORIZED.includes(rulesOf)));
  presence('implementationStartedAt', STARTED.includes(rulesOf), !canceled && !STARTED.includes(rulesOf));
  presence('implementationEndedAt', ENDED.includes(rulesOf), !ENDED.includes(rulesOf));
  presence('outcome', ENDED.includes(rulesOf), !ENDED.includes(rulesOf));
  presence('reviewNotes', rulesOf === 'closed', !ENDED.includes(rulesOf));
  presence('closedAt', rulesOf === 'closed', rulesOf !== 'closed');
  presence('canceledAt', canceled, !canceled);

  const ids = new Set<string>();
  change.approvals.forEach((approval, index) => {
    if (ids.has(approval.id)) fail(['approvals', index, 'id'], 'duplicates an earlier approval');
    ids.add(approval.id);
    if (approval.approver.kind === 'system') fail(['approvals', index, 'approver', 'kind'], 'must be user or group: the system does not approve');
    if (approval.state === 'requested' && rulesOf !== 'authorize') fail(['approvals', index, 'state'], `must not be requested while the change is ${state}`);
  });
  if (standard && change.approvals.length > 0) fail('approvals', 'must be empty: a standard change is pre-approved');
  if (rulesOf === 'authorize' && !change.approvals.some((approval) => approval.state === 'requested')) {
    fail('approvals', `must hold a requested approval while the change is ${state}`);
  }
  change.approvalSteps.forEach((step, index) => {
    step.approvalIds.forEach((id, position) => {
      if (!ids.has(id)) fail(['approvalSteps', index, 'approvalIds', position], 'is not an approval of this change');
    });
  });
  // Without a step, or with an approval no step holds, one decision would settle every (no) step.
  if (rulesOf === 'authorize') {
    if (change.approvalSteps.length === 0) fail('approvalSteps', `must hold at least one step while the change is ${state}`);
    const asked = new Set(change.approvalSteps.flatMap((step) => step.approvalIds));
    change.approvals.forEach((approval, index) => {
      if (approval.state === 'requested' && !asked.has(approval.id)) fail(['approvals', index], 'must belong to an asked approval step: it is requested');
    });
  }

  // Each milestone present must not be before the latest one present before it.
  let latest: { field: ChangeField; at: string } = { field: 'openedAt', at: change.openedAt };
  for (const field of ['authorizedAt', 'implementationStartedAt', 'implementationEndedAt', 'closedAt', 'canceledAt'] as const) {
    const at = change[field];
    if (at === undefined) continue;
    if (at < latest.at) fail(field, `must not be before ${latest.field}`);
    else latest = { field, at };
  }
  if (change.updatedAt < change.createdAt) fail('updatedAt', 'must not be before createdAt');
}

/**
 * The change schema of a lifecycle with added states: `behavesAs` maps each added state to the
 * built-in state whose field rules it follows.
 * @internal
 */
export function changeRequestSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<ChangeRequest> {
  if (behavesAs.size === 0) return ChangeRequest;
  const states = z.enum([...ChangeState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return ChangeFields.extend({ state: states }).superRefine((change, context) =>
    checkChange(change, (behavesAs.get(change.state) ?? change.state) as ChangeState, context),
  ) as unknown as z.ZodType<ChangeRequest>;
}

/**
 * A change request (RFC): the addition, modification or removal of anything that could affect
 * IT services, with its type, the configuration items it touches, its risk, its approvals, its
 * planned window and plans, and, once implemented, its outcome and review.
 *
 * The schema checks that the record fits its state: a standard change names its template and
 * has no approvals; a normal or emergency change has its risk and plan (window, backout plan,
 * test plan) from authorization on and `authorizedAt` once authorized; the plan is required
 * from `scheduled` on for every type; outcome from `review` on, review notes once `closed`;
 * open approvals only during `authorize`; the planned end after the start; milestones in order.
 * A lifecycle with states of a vendor's own has its own schema, `lifecycle.schema`.
 */
export const ChangeRequest = ChangeFields.superRefine((change, context) => checkChange(change, change.state, context));
/** A change request as stored, at one version. */
export type ChangeRequest = z.infer<typeof ChangeRequest>;

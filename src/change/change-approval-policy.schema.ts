import { z } from 'zod';
import { ActorRef } from '../core/record-fields.schema';

const Name = z.string().min(1, { error: 'must not be empty' }).max(100);

/**
 * How a step's approvals settle it: `any` — one approval is enough; `all` — every approver
 * must approve; `quorum` — `count` approvals are enough.
 */
export const ChangeApprovalRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('any') }),
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('quorum'), count: z.int().min(1).max(50) }),
]);
/** How a step's approvals settle it. */
export type ChangeApprovalRule = z.infer<typeof ChangeApprovalRule>;

/**
 * One approval step: who approves (users, or groups such as the CAB, for which any member
 * decides) and the rule that settles it. Each approver gets one approval.
 */
export const ChangeApprovalStepDefinition = z
  .strictObject({
    name: Name,
    approvers: z.array(ActorRef).min(1, { error: 'must name at least one approver' }).max(50),
    rule: ChangeApprovalRule,
  })
  .superRefine((step, context) => {
    const seen = new Set<string>();
    step.approvers.forEach((approver, index) => {
      if (approver.kind === 'system') context.addIssue({ code: 'custom', path: ['approvers', index, 'kind'], message: 'must be user or group: the system does not approve' });
      const key = `${approver.kind}:${approver.id}`;
      if (seen.has(key)) context.addIssue({ code: 'custom', path: ['approvers', index], message: 'names an approver twice' });
      seen.add(key);
    });
    if (step.rule.kind === 'quorum' && step.rule.count > step.approvers.length) {
      context.addIssue({ code: 'custom', path: ['rule', 'count'], message: `must not exceed the number of approvers (${step.approvers.length})` });
    }
  });
/** One approval step. */
export type ChangeApprovalStepDefinition = z.infer<typeof ChangeApprovalStepDefinition>;

const Steps = z.array(ChangeApprovalStepDefinition).min(1, { error: 'must hold at least one step: a change that needs no approval is a standard change' }).max(20);

/** The approval steps of each risk level. */
export const ChangeApprovalStepsByRisk = z.strictObject({ low: Steps, moderate: Steps, high: Steps });
/** The approval steps of each risk level. */
export type ChangeApprovalStepsByRisk = z.infer<typeof ChangeApprovalStepsByRisk>;

/**
 * Who may not decide the approvals of their own change. Each role is checked unless turned off;
 * the check is on the acting person, also when they decide for a group. The requester is both
 * `requestedBy` and whoever opened the change, and a role held at any time since authorization
 * was requested counts, even once handed on.
 */
export const SeparationOfDuties = z.strictObject({
  requester: z.boolean().default(true),
  assignee: z.boolean().default(true),
  implementer: z.boolean().default(true),
});
/** Who may not decide the approvals of their own change. */
export type SeparationOfDuties = z.output<typeof SeparationOfDuties>;

/** The Change Advisory Board of the default policy: a group whose members decide for it. */
export const CAB: ActorRef = Object.freeze({ kind: 'group', id: 'cab', name: 'Change Advisory Board' });
/** The Emergency CAB of the default policy. */
export const ECAB: ActorRef = Object.freeze({ kind: 'group', id: 'ecab', name: 'Emergency Change Advisory Board' });
const CHANGE_MANAGEMENT: ActorRef = Object.freeze({ kind: 'group', id: 'change_management', name: 'Change Management' });

const step = (name: string, approvers: ActorRef[], rule: ChangeApprovalRule) => ({ name, approvers, rule });

/**
 * The approval policy as data: the steps of normal and emergency changes by risk level, and
 * separation of duties. Standard changes are pre-approved by their template and have none.
 */
export const ChangeApprovalPolicy = z.strictObject({
  normal: ChangeApprovalStepsByRisk.default({
    low: [step('change manager', [CHANGE_MANAGEMENT], { kind: 'any' })],
    moderate: [step('change manager', [CHANGE_MANAGEMENT], { kind: 'any' }), step('CAB', [CAB], { kind: 'all' })],
    high: [step('change manager', [CHANGE_MANAGEMENT], { kind: 'any' }), step('CAB', [CAB], { kind: 'all' })],
  }),
  emergency: ChangeApprovalStepsByRisk.default({
    low: [step('ECAB', [ECAB], { kind: 'any' })],
    moderate: [step('ECAB', [ECAB], { kind: 'any' })],
    high: [step('ECAB', [ECAB], { kind: 'any' })],
  }),
  /**
   * `in_order` (the default): a step's approvers are asked once the step before it is satisfied;
   * `together`: every step's approvers are asked at once.
   */
  stepOrder: z.enum(['in_order', 'together']).default('in_order'),
  /**
   * When a rejection rejects the change. `any_rejection` (the default): one rejected approval
   * rejects it, whatever its step's rule, as a CAB member's veto does. `rule_unreachable`: only
   * once a step's rule can no longer be met — an `any` step when every approver rejected, a
   * `quorum(n)` step when fewer than `n` are left who have not.
   */
  rejection: z.enum(['any_rejection', 'rule_unreachable']).default('any_rejection'),
  separationOfDuties: SeparationOfDuties.default({ requester: true, assignee: true, implementer: true }),
});
/** The approval policy, as given (defaults not yet filled in). */
export type ChangeApprovalPolicyInput = z.input<typeof ChangeApprovalPolicy>;
/** The approval policy, with defaults filled in. */
export type ChangeApprovalPolicy = z.output<typeof ChangeApprovalPolicy>;

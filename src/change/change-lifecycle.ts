import { z } from 'zod';
import type { Draft } from 'immer';
import { defineLifecycleFromOptions, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { ChangeApprovalPolicy } from './change-approval-policy.schema';
import { addDutyHolders, assignmentConflict, cancelOpenApprovals, currentDutyHolders, decisionAuthorizes, decisionRejects, mayDecide, recordDecision, requestApprovals, type ChangeApprovalExtra } from './change-approvals';
import { changeRequestSchemaFor, PLAN_FIELDS, type ChangeRequest } from './change-request.schema';
import { CHANGE_EVENT_SCHEMAS, type ChangeEvent } from './change-event.schema';

/**
 * How a host configures the change lifecycle, as data. Every field has a default, so `{}` is
 * the ITIL lifecycle with the default approval policy out of the box.
 */
export const ChangeLifecycleOptions = z.strictObject({
  /** Who approves normal and emergency changes, by risk, and separation of duties. */
  approvalPolicy: ChangeApprovalPolicy.prefault({}),
  /** Fields that must be present after an event, per event, e.g. `{ start_implementation: ['implementer'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own; added states may behave as `assess`, `scheduled` or `implement`. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the change lifecycle, as given (defaults not yet filled in). */
export type ChangeLifecycleOptionsInput = z.input<typeof ChangeLifecycleOptions>;
/** How a host configures the change lifecycle, with defaults filled in. */
export type ChangeLifecycleOptions = z.output<typeof ChangeLifecycleOptions>;

/** The compiled change lifecycle; pass it to `applyChangeEvent` and `openChange`. */
export type ChangeLifecycle = Lifecycle<ChangeRequest, ChangeLifecycleOptions>;

/** What the change's guards read beyond the record: from the caller's context. @internal */
export type ChangeExtra = ChangeApprovalExtra;

type Guard = GuardSpec<ChangeRequest, ChangeEvent, ChangeLifecycleOptions, ChangeExtra>;
type Effect = EffectSpec<ChangeRequest, ChangeEvent, ChangeLifecycleOptions, ChangeExtra>;
type Payload<T extends ChangeEvent['type']> = Extract<ChangeEvent, { type: T }>;

/** The fields a change still lacks before it may be authorized: its risk and its plan. */
function missingForAuthorization(record: ChangeRequest): string | undefined {
  const missing = [...(record.type === 'standard' ? [] : (['risk'] as const)), ...PLAN_FIELDS].filter((field) => record[field] === undefined);
  return missing.length === 0 ? undefined : missing.join(', ');
}

const aChange = (type: ChangeRequest['type']): string => `${type === 'emergency' ? 'an' : 'a'} ${type} change`;

const guards: Record<string, Guard> = {
  isNormal: ({ record }) =>
    record.type === 'normal' ? undefined : `${aChange(record.type)} is not assessed: ${record.type === 'standard' ? 'schedule it' : 'request_authorization'} from new`,
  emergencyReady: ({ record }) => {
    if (record.type !== 'emergency') return `${aChange(record.type)} is ${record.type === 'standard' ? 'scheduled without authorization' : 'assessed before authorization'}`;
    const missing = missingForAuthorization(record);
    return missing === undefined ? undefined : `${missing} must be given (update) before authorization is requested`;
  },
  readyForAuthorization: ({ record }) => {
    const missing = missingForAuthorization(record);
    return missing === undefined ? undefined : `${missing} must be given (update) before authorization is requested`;
  },
  standardReady: ({ record }) => {
    if (record.type !== 'standard') return `${aChange(record.type)} is scheduled only once authorized`;
    const missing = missingForAuthorization(record);
    return missing === undefined ? undefined : `${missing} must be given (update) before the change is scheduled`;
  },
  decisionRejects: (args) => decisionRejects(args),
  decisionAuthorizes: (args) => decisionAuthorizes(args),
  mayDecide: (args) => mayDecide(args),
  keepsDuties: ({ record, event, options }) => assignmentConflict(record, event as Payload<'assign'>, options.approvalPolicy.separationOfDuties),
  reviewNotesGiven: ({ record, event }) =>
    record.reviewNotes === undefined && (event as Payload<'close'>).reviewNotes === undefined ? 'review notes are required to close a change; give reviewNotes' : undefined,
};

const note = (draft: Draft<ChangeRequest>, body: string | undefined, args: Parameters<Effect>[1], kind: 'work_note' | 'comment' = 'work_note'): void => {
  if (body !== undefined) draft.journal.push({ id: args.context.newId(), kind, body, author: args.context.actor, at: args.context.now });
};

/** The steps whose approvals were just asked, and those approvals: the approvals from `since` on. */
function askedSteps(draft: Draft<ChangeRequest>, since: number): { steps: string[]; approvals: string[] } {
  const approvals = draft.approvals.slice(since).map((approval) => approval.id);
  const steps = draft.approvalSteps.filter((step) => step.approvalIds.some((id) => approvals.includes(id))).map((step) => step.name);
  return { steps, approvals };
}

const effects: Record<string, Effect> = {
  update: (draft, { event }) => {
    const { type: _type, ...fields } = event as Payload<'update'>;
    Object.assign(draft, fields);
  },
  assign: (draft, { record, event }) => {
    const { assignmentGroup, assignee, implementer } = event as Payload<'assign'>;
    if (assignmentGroup !== undefined) draft.assignmentGroup = assignmentGroup;
    if (assignee !== undefined) draft.assignee = assignee;
    if (implementer !== undefined) draft.implementer = implementer;
    // Someone who takes a role while approvals are open may not decide them, even after handing it on.
    if (record.state === 'authorize') addDutyHolders(draft, currentDutyHolders(draft));
  },
  comment: (draft, args) => {
    const { visibility, body } = args.event as Payload<'comment'>;
    note(draft, body, args, visibility);
  },
  note: (draft, args) => {
    const event = args.event as { note?: string; reason?: string };
    note(draft, event.reason ?? event.note, args);
  },
  requestAuthorization: (draft, { record, options, context, raise }) => {
    // The guards made sure a normal or emergency change has its risk here.
    const type = record.type === 'emergency' ? 'emergency' : 'normal';
    const steps = options.approvalPolicy[type][record.risk ?? 'high'];
    requestApprovals(draft, steps, options.approvalPolicy.stepOrder, context.now, context.newId);
    // Who holds a role now may not decide, even after handing the role on.
    draft.dutyHolders = [];
    addDutyHolders(draft, currentDutyHolders(record));
    raise('approval_requested', askedSteps(draft, record.approvals.length));
  },
  decide: (draft, args) => {
    const outcome = recordDecision(draft, args);
    if (outcome === 'next_step') args.raise('approval_requested', askedSteps(draft, args.record.approvals.length));
    else if (outcome !== 'pending') args.raise(outcome);
  },
  revertToNew: (draft, { context }) => {
    cancelOpenApprovals(draft, context.now);
    delete draft.authorizedAt;
  },
  startImplementation: (draft, { context }) => {
    draft.implementationStartedAt = context.now;
  },
  completeImplementation: (draft, { event, context }) => {
    draft.outcome = (event as Payload<'complete_implementation'>).outcome;
    draft.implementationEndedAt = context.now;
  },
  recordReview: (draft, { event }) => {
    draft.reviewNotes = (event as Payload<'record_review'>).reviewNotes;
  },
  close: (draft, { event, context }) => {
    const { reviewNotes } = event as Payload<'close'>;
    if (reviewNotes !== undefined) draft.reviewNotes = reviewNotes;
    draft.closedAt = context.now;
  },
  cancel: (draft, { context }) => {
    cancelOpenApprovals(draft, context.now);
    draft.canceledAt = context.now;
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

const assign = t(undefined, { guard: 'keepsDuties', effects: ['assign'] });
const comment = t(undefined, { effects: ['comment'] });
const cancel = t('canceled', { effects: ['cancel', 'note'] });
const update = t(undefined, { effects: ['update'] });
const revertToNew = t('new', { effects: ['revertToNew', 'note'] });
// Every state before review may be canceled; review and the ends may not.
const open: StateSpec['on'] = { assign, comment, cancel };

const spec: LifecycleSpec<ChangeRequest, ChangeEvent, ChangeLifecycleOptions, ChangeExtra> = {
  kind: 'change',
  regions: [
    {
      field: 'state',
      initial: 'new',
      states: {
        new: {
          description: 'logged; being described and planned',
          on: {
            ...open,
            update,
            assess: t('assess', { guard: 'isNormal', effects: ['note'] }),
            request_authorization: t('authorize', { guard: 'emergencyReady', effects: ['requestAuthorization', 'note'] }),
            schedule: t('scheduled', { guard: 'standardReady', effects: ['note'] }),
          },
        },
        assess: {
          description: 'a normal change being assessed: risk, impact, plan',
          on: {
            ...open,
            update,
            request_authorization: t('authorize', { guard: 'readyForAuthorization', effects: ['requestAuthorization', 'note'] }),
            revert_to_new: revertToNew,
          },
        },
        authorize: {
          description: 'waiting for the approvers of its approval steps',
          on: {
            ...open,
            decide: [
              t('new', { guard: 'decisionRejects', effects: ['decide'] }),
              t('scheduled', { guard: 'decisionAuthorizes', effects: ['decide'] }),
              t(undefined, { guard: 'mayDecide', effects: ['decide'] }),
            ],
            revert_to_new: revertToNew,
          },
        },
        scheduled: {
          description: 'authorized (or pre-approved) and planned; waiting for its window',
          on: { ...open, start_implementation: t('implement', { effects: ['startImplementation', 'note'] }), revert_to_new: revertToNew },
        },
        implement: {
          description: 'being carried out',
          on: { ...open, complete_implementation: t('review', { effects: ['completeImplementation', 'note'] }) },
        },
        review: {
          description: 'implemented; the post-implementation review is under way',
          on: {
            comment,
            record_review: t(undefined, { effects: ['recordReview'] }),
            close: t('closed', { guard: 'reviewNotesGiven', effects: ['close', 'note'] }),
          },
        },
        closed: { description: 'final: reviewed and closed', on: {} },
        canceled: { description: 'final: withdrawn before review', on: {} },
      },
    },
  ],
  extensibleStates: ['assess', 'scheduled', 'implement'],
  guards,
  effects,
  eventNames: {
    update: 'updated',
    assign: 'assigned',
    comment: 'commented',
    assess: 'assessment_started',
    request_authorization: 'authorization_requested',
    schedule: 'scheduled',
    decide: 'decided',
    revert_to_new: 'reverted_to_new',
    start_implementation: 'implementation_started',
    complete_implementation: 'implementation_completed',
    record_review: 'review_recorded',
    close: 'closed',
    cancel: 'canceled',
  },
  recordSchema: changeRequestSchemaFor,
  eventSchemas: CHANGE_EVENT_SCHEMAS,
};

/**
 * Compiles the change lifecycle with a host's options: the approval policy (steps by change
 * type and risk, separation of duties), required fields per event, and states and transitions
 * of the host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for `applyChangeEvent` and `openChange`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const lifecycle = defineChangeLifecycle({
 *   approvalPolicy: {
 *     normal: {
 *       low: [{ name: 'peer review', approvers: [{ kind: 'group', id: 'network' }], rule: { kind: 'any' } }],
 *       moderate: [{ name: 'CAB', approvers: [{ kind: 'group', id: 'cab' }], rule: { kind: 'all' } }],
 *       high: [{ name: 'CAB', approvers: [{ kind: 'user', id: 'ana' }, { kind: 'user', id: 'ben' }, { kind: 'user', id: 'cy' }], rule: { kind: 'quorum', count: 2 } }],
 *     },
 *     separationOfDuties: { assignee: false },
 *   },
 *   requiredFields: { start_implementation: ['implementer'] },
 * });
 * ```
 */
export function defineChangeLifecycle(options: ChangeLifecycleOptionsInput = {}): ChangeLifecycle {
  const result = safeDefineChangeLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineChangeLifecycle}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeDefineChangeLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineChangeLifecycle(options: unknown): SafeResult<ChangeLifecycle, ValidationError> {
  return defineLifecycleFromOptions(ChangeLifecycleOptions, () => spec, options, 'change lifecycle options');
}

let defaultLifecycle: ChangeLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultChangeLifecycle(): ChangeLifecycle {
  defaultLifecycle ??= defineChangeLifecycle();
  return defaultLifecycle;
}

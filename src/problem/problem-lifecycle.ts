import { z } from 'zod';
import type { Draft } from 'immer';
import { defineLifecycleFromOptions, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import { priorityFor } from '../core/priority-for';
import type { PriorityMatrix } from '../core/priority-matrix';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { problemSchemaFor, type Problem } from './problem.schema';
import { PROBLEM_EVENT_SCHEMAS, type ProblemEvent } from './problem-event.schema';

/**
 * How a host configures the problem lifecycle, as data. Every field has a default, so `{}` is
 * the ITIL lifecycle out of the box.
 */
export const ProblemLifecycleOptions = z.strictObject({
  /** Whether a resolved problem may go back to root cause analysis (a fix that did not hold). */
  reanalyze: z.strictObject({ allowed: z.boolean().default(true) }).default({ allowed: true }),
  /** Fields that must be present after an event, per event, e.g. `{ resolve: ['assignee'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the problem lifecycle, as given (defaults not yet filled in). */
export type ProblemLifecycleOptionsInput = z.input<typeof ProblemLifecycleOptions>;
/** How a host configures the problem lifecycle, with defaults filled in. */
export type ProblemLifecycleOptions = z.output<typeof ProblemLifecycleOptions>;

/** The compiled problem lifecycle; pass it to `applyProblemEvent` and `openProblem`. */
export type ProblemLifecycle = Lifecycle<Problem, ProblemLifecycleOptions>;

/** What the problem's guards and effects read beyond the record: from the caller's context. @internal */
export interface ProblemExtra {
  readonly priorityMatrix: PriorityMatrix;
}

type Guard = GuardSpec<Problem, ProblemEvent, ProblemLifecycleOptions, ProblemExtra>;
type Effect = EffectSpec<Problem, ProblemEvent, ProblemLifecycleOptions, ProblemExtra>;
type Payload<T extends ProblemEvent['type']> = Extract<ProblemEvent, { type: T }>;

const guards: Record<string, Guard> = {
  rootCauseRecorded: ({ record }) =>
    record.rootCause === undefined ? 'no root cause is recorded; record_root_cause before the fix starts' : undefined,
  notItself: ({ record, event }) =>
    (event as Payload<'mark_duplicate'>).duplicateOf === record.id ? 'a problem cannot be a duplicate of itself' : undefined,
  workaroundRecorded: ({ record }) =>
    record.workaround === undefined ? 'the problem has no workaround; record_workaround first: a known error exists to share one' : undefined,
};

const note = (draft: Draft<Problem>, body: string | undefined, args: Parameters<Effect>[1], kind: 'work_note' | 'comment' = 'work_note'): void => {
  if (body !== undefined) draft.journal.push({ id: args.context.newId(), kind, body, author: args.context.actor, at: args.context.now });
};
const addOnce = (list: string[], id: string | undefined): void => {
  if (id !== undefined && !list.includes(id)) list.push(id);
};
const resolveAs = (draft: Draft<Problem>, resolution: Problem['resolution'], now: string): void => {
  draft.resolution = resolution;
  draft.resolvedAt = now;
};

const effects: Record<string, Effect> = {
  assign: (draft, { event }) => {
    const { assignmentGroup, assignee } = event as Payload<'assign'>;
    if (assignmentGroup !== undefined) draft.assignmentGroup = assignmentGroup;
    if (assignee !== undefined) draft.assignee = assignee;
  },
  update: (draft, args) => {
    const { type: _type, ...fields } = args.event as Payload<'update'>;
    Object.assign(draft, fields);
    const priority = priorityFor(args.context.extra.priorityMatrix, draft.impact, draft.urgency);
    if (priority !== draft.priority) {
      args.raise('priority_changed', { from: draft.priority, to: priority });
      draft.priority = priority;
    }
  },
  comment: (draft, args) => {
    const { visibility, body } = args.event as Payload<'comment'>;
    note(draft, body, args, visibility);
  },
  attach: (draft, { event }) => {
    draft.attachments.push((event as Payload<'attach'>).attachment);
  },
  link: (draft, { event }) => {
    const { incident, changeRequest } = event as Payload<'link'>;
    addOnce(draft.relatedIncidents, incident);
    addOnce(draft.relatedChanges, changeRequest);
  },
  note: (draft, args) => {
    const event = args.event as { note?: string; reason?: string };
    note(draft, event.reason ?? event.note, args);
  },
  recordRootCause: (draft, { event, context }) => {
    draft.rootCause = (event as Payload<'record_root_cause'>).rootCause;
    // The milestone is when the cause was first understood; later rewording does not move it.
    draft.rootCauseIdentifiedAt ??= context.now;
  },
  recordWorkaround: (draft, { event }) => {
    draft.workaround = (event as Payload<'record_workaround'>).workaround;
  },
  resolve: (draft, { event, context }) => {
    draft.fix = (event as Payload<'resolve'>).fix;
    resolveAs(draft, 'fix_applied', context.now);
  },
  acceptRisk: (draft, { context }) => resolveAs(draft, 'risk_accepted', context.now),
  markDuplicate: (draft, { event, context }) => {
    draft.duplicateOf = (event as Payload<'mark_duplicate'>).duplicateOf;
    resolveAs(draft, 'duplicate', context.now);
  },
  cancel: (draft, { context }) => {
    resolveAs(draft, 'canceled', context.now);
    draft.closedAt = context.now;
  },
  reanalyze: (draft) => {
    // The fix that did not hold goes too: the patches keep it in the audit trail, and a stale
    // fix on an open problem would read as the current one.
    delete draft.resolution;
    delete draft.resolvedAt;
    delete draft.duplicateOf;
    delete draft.fix;
  },
  close: (draft, { context }) => {
    draft.closedAt = context.now;
  },
  publishKnownError: (draft, { event }) => {
    addOnce(draft.knownErrors, (event as Payload<'publish_known_error'>).knownError);
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

// Events every open state accepts without changing state.
const working: StateSpec['on'] = {
  assign: t(undefined, { effects: ['assign'] }),
  update: t(undefined, { effects: ['update'] }),
  comment: t(undefined, { effects: ['comment'] }),
  attach: t(undefined, { effects: ['attach'] }),
  link: t(undefined, { effects: ['link'] }),
  record_workaround: t(undefined, { effects: ['recordWorkaround'] }),
  publish_known_error: t(undefined, { guard: 'workaroundRecorded', effects: ['publishKnownError'] }),
  cancel: t('closed', { effects: ['cancel', 'note'] }),
};
const acceptRisk = t('resolved', { effects: ['acceptRisk', 'note'] });
const markDuplicate = t('resolved', { guard: 'notItself', effects: ['markDuplicate', 'note'] });
const recordRootCause = t(undefined, { effects: ['recordRootCause'] });

// The machine follows the options: a transition the options turn off is not drawn at all, so
// diagrams and allowed events show the lifecycle that runs.
const specFor = (options: ProblemLifecycleOptions): LifecycleSpec<Problem, ProblemEvent, ProblemLifecycleOptions, ProblemExtra> => ({
  kind: 'problem',
  regions: [
    {
      field: 'state',
      initial: 'new',
      states: {
        new: {
          description: 'logged, not yet triaged',
          on: { ...working, assess: t('assess', { effects: ['note'] }), mark_duplicate: markDuplicate },
        },
        assess: {
          description: 'being triaged: is it a problem, how urgent, who investigates',
          on: { ...working, start_analysis: t('root_cause_analysis', { effects: ['note'] }), accept_risk: acceptRisk, mark_duplicate: markDuplicate },
        },
        root_cause_analysis: {
          description: 'the cause is being investigated',
          on: {
            ...working,
            record_root_cause: recordRootCause,
            start_fix: t('fix_in_progress', { guard: 'rootCauseRecorded', effects: ['note'] }),
            accept_risk: acceptRisk,
            mark_duplicate: markDuplicate,
          },
        },
        fix_in_progress: {
          description: 'the cause is known and a fix is being made',
          on: { ...working, record_root_cause: recordRootCause, resolve: t('resolved', { effects: ['resolve', 'note'] }), accept_risk: acceptRisk },
        },
        resolved: {
          description: 'fixed, accepted as a risk or found a duplicate; awaiting closure',
          on: {
            comment: t(undefined, { effects: ['comment'] }),
            attach: t(undefined, { effects: ['attach'] }),
            link: t(undefined, { effects: ['link'] }),
            publish_known_error: t(undefined, { guard: 'workaroundRecorded', effects: ['publishKnownError'] }),
            ...(options.reanalyze.allowed ? { reanalyze: t('root_cause_analysis', { effects: ['reanalyze', 'note'] }) } : {}),
            close: t('closed', { effects: ['close', 'note'] }),
          },
        },
        closed: { description: 'final', on: {} },
      },
    },
  ],
  extensibleStates: ['new', 'assess', 'root_cause_analysis', 'fix_in_progress'],
  guards,
  effects,
  eventNames: {
    assign: 'assigned',
    update: 'updated',
    comment: 'commented',
    attach: 'attached',
    link: 'linked',
    assess: 'assessment_started',
    start_analysis: 'analysis_started',
    record_root_cause: 'root_cause_recorded',
    record_workaround: 'workaround_recorded',
    start_fix: 'fix_started',
    resolve: 'resolved',
    accept_risk: 'risk_accepted',
    mark_duplicate: 'marked_duplicate',
    cancel: 'canceled',
    reanalyze: 'reanalyzed',
    close: 'closed',
    publish_known_error: 'known_error_published',
  },
  recordSchema: problemSchemaFor,
  eventSchemas: PROBLEM_EVENT_SCHEMAS,
});

/**
 * Compiles the problem lifecycle with a host's options: whether resolved problems may be
 * reanalysed, required fields per event, and states and transitions of the host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for `applyProblemEvent` and `openProblem`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const lifecycle = defineProblemLifecycle({
 *   reanalyze: { allowed: false },
 *   requiredFields: { start_analysis: ['assignmentGroup'] },
 *   extend: { states: { awaiting_vendor: { behavesAs: 'root_cause_analysis' } } },
 * });
 * ```
 */
export function defineProblemLifecycle(options: ProblemLifecycleOptionsInput = {}): ProblemLifecycle {
  const result = safeDefineProblemLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineProblemLifecycle}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeDefineProblemLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineProblemLifecycle(options: unknown): SafeResult<ProblemLifecycle, ValidationError> {
  return defineLifecycleFromOptions(ProblemLifecycleOptions, specFor, options, 'problem lifecycle options');
}

let defaultLifecycle: ProblemLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultProblemLifecycle(): ProblemLifecycle {
  defaultLifecycle ??= defineProblemLifecycle();
  return defaultLifecycle;
}

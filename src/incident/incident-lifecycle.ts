import { z } from 'zod';
import type { Draft } from 'immer';
import { defineLifecycleFromOptions, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import { priorityFor } from '../core/priority-for';
import type { PriorityMatrix } from '../core/priority-matrix';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { incidentSchemaFor, type Incident } from './incident.schema';
import { INCIDENT_EVENT_SCHEMAS, type IncidentEvent } from './incident-event.schema';
import { autoCloseDueAt } from './incident-auto-close';

const Code = z.string().min(1, { error: 'must not be empty' }).max(80);
const CodeList = z
  .array(Code)
  .min(1, { error: 'must list at least one' })
  .max(200)
  .refine((codes) => new Set(codes).size === codes.length, { error: 'must not repeat a code' });

/**
 * How a host configures the incident lifecycle, as data. Every field has a default, so `{}` is
 * ServiceNow's model out of the box.
 */
export const IncidentLifecycleOptions = z.strictObject({
  /** Why an incident may be put on hold. */
  onHoldReasons: CodeList.default(['awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor']),
  /** The on-hold reasons a comment from the caller ends, returning the incident to `in_progress`. */
  callerUpdateResumes: z.array(Code).max(200).default(['awaiting_caller']),
  /** How an incident may be resolved. */
  resolutionCodes: CodeList.default([
    'solved_permanently',
    'solved_workaround',
    'solved_remotely',
    'not_solved_not_reproducible',
    'not_solved_too_costly',
    'closed_by_caller',
    'duplicate',
  ]),
  /** Whether a resolved incident may be reopened, for how long after it was resolved, and whether from closed too. */
  reopen: z
    .strictObject({
      allowed: z.boolean().default(true),
      /** Wall-clock milliseconds after `resolvedAt` during which reopening is allowed; omit for no limit. */
      withinMs: z.int().min(1).optional(),
      /** Whether a closed incident may be reopened as well (ServiceNow: no). */
      fromClosed: z.boolean().default(false),
    })
    .default({ allowed: true, fromClosed: false }),
  /**
   * Close resolved incidents automatically at the end of the `businessDays`-th business day
   * after the day they were resolved, on the calendar with id `calendar` (given in the context's
   * `calendars`). Omit to close only by hand.
   */
  autoClose: z.strictObject({ businessDays: z.int().min(1).max(365), calendar: z.string().min(1).max(128) }).optional(),
  /** Whether resolving an accepted major incident resolves its open children with the same code and notes. */
  resolveChildrenWithParent: z.boolean().default(false),
  /** Fields that must be present after an event, per event, e.g. `{ resolve: ['category'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the incident lifecycle, as given (defaults not yet filled in). */
export type IncidentLifecycleOptionsInput = z.input<typeof IncidentLifecycleOptions>;
/** How a host configures the incident lifecycle, with defaults filled in. */
export type IncidentLifecycleOptions = z.output<typeof IncidentLifecycleOptions>;

/** The compiled incident lifecycle; pass it to {@link applyIncidentEvent} and {@link openIncident}. */
export type IncidentLifecycle = Lifecycle<Incident, IncidentLifecycleOptions>;

/** What the incident's guards and effects read beyond the record: from the caller's context. @internal */
export interface IncidentExtra {
  readonly priorityMatrix: PriorityMatrix;
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
}

type Guard = GuardSpec<Incident, IncidentEvent, IncidentLifecycleOptions, IncidentExtra>;
type Effect = EffectSpec<Incident, IncidentEvent, IncidentLifecycleOptions, IncidentExtra>;
type Payload<T extends IncidentEvent['type']> = Extract<IncidentEvent, { type: T }>;

const ENDED = ['resolved', 'closed', 'canceled'] as const;

const guards: Record<string, Guard> = {
  onHoldReasonAllowed: ({ event, options }) => {
    const { reason } = event as Payload<'put_on_hold'>;
    return options.onHoldReasons.includes(reason) ? undefined : `on-hold reason ${reason} is not one of ${options.onHoldReasons.join(', ')}`;
  },
  resolutionCodeAllowed: ({ event, options }) => {
    const { resolutionCode } = event as Payload<'resolve'>;
    return options.resolutionCodes.includes(resolutionCode)
      ? undefined
      : `resolution code ${resolutionCode} is not one of ${options.resolutionCodes.join(', ')}`;
  },
  callerUpdate: ({ record, event, options, context }) => {
    const { visibility } = event as Payload<'comment'>;
    if (visibility !== 'comment' || context.actor.id !== record.caller.id || context.actor.kind !== 'user') return 'only a comment from the caller resumes the incident';
    return record.onHoldReason !== undefined && options.callerUpdateResumes.includes(record.onHoldReason)
      ? undefined
      : `an incident on hold for ${record.onHoldReason ?? 'no reason'} is not resumed by the caller's comment`;
  },
  // Whether reopening is on at all, and from closed, decides whether the transition exists.
  reopenAllowed: ({ record, options, context }) => {
    if (options.reopen.withinMs !== undefined && record.resolvedAt !== undefined) {
      const deadline = Date.parse(record.resolvedAt) + options.reopen.withinMs;
      if (Date.parse(context.now) > deadline) return `the reopen window ended at ${new Date(deadline).toISOString()}`;
    }
    return undefined;
  },
  autoCloseDue: ({ record, options, context }) => {
    if (options.autoClose === undefined) return 'automatic closing is not configured';
    const due = autoCloseDueAt(record, options.autoClose, context.extra.calendars);
    if (typeof due === 'string') return due;
    return Date.parse(context.now) >= due.getTime() ? undefined : `automatic closing is due at ${due.toISOString()}`;
  },
  canBeMajor: ({ record }) => {
    if ((ENDED as readonly string[]).includes(record.state)) return `a ${record.state} incident cannot become a major incident`;
    return record.parentIncident === undefined ? undefined : 'a child of a major incident cannot become a major incident itself';
  },
  // A closed or canceled incident takes no event at all, a decision on its candidacy included.
  candidacyOpen: ({ record }) => (record.state === 'closed' || record.state === 'canceled' ? `a ${record.state} incident takes no decision on its candidacy` : undefined),
};

const firstResponse = (draft: Draft<Incident>, now: string): void => {
  draft.firstRespondedAt ??= now;
};
const note = (draft: Draft<Incident>, body: string | undefined, args: Parameters<Effect>[1], kind: 'work_note' | 'comment' = 'work_note'): void => {
  if (body !== undefined) draft.journal.push({ id: args.context.newId(), kind, body, author: args.context.actor, at: args.context.now });
};

const effects: Record<string, Effect> = {
  assign: (draft, { event }) => {
    const { assignmentGroup, assignee } = event as Payload<'assign'>;
    if (assignmentGroup !== undefined) draft.assignmentGroup = assignmentGroup;
    if (assignee !== undefined) draft.assignee = assignee;
  },
  start: (draft, args) => {
    firstResponse(draft, args.context.now);
    note(draft, (args.event as Payload<'start'>).note, args);
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
    // A caller-visible reply from anyone but the caller is the service desk's first response.
    if (visibility === 'comment' && args.context.actor.id !== args.record.caller.id) firstResponse(draft, args.context.now);
  },
  resumeByCaller: (draft, { raise }) => {
    raise('resumed', { by: 'caller_update', reason: draft.onHoldReason });
    delete draft.onHoldReason;
  },
  attach: (draft, { event }) => {
    draft.attachments.push((event as Payload<'attach'>).attachment);
  },
  link: (draft, { event }) => {
    const { type: _type, ...links } = event as Payload<'link'>;
    Object.assign(draft, links);
  },
  putOnHold: (draft, args) => {
    const { reason, note: body } = args.event as Payload<'put_on_hold'>;
    draft.onHoldReason = reason;
    note(draft, body, args);
  },
  resume: (draft, args) => {
    delete draft.onHoldReason;
    note(draft, (args.event as Payload<'resume'>).note, args);
  },
  resolve: (draft, { event, context }) => {
    const { resolutionCode, resolutionNotes } = event as Payload<'resolve'>;
    delete draft.onHoldReason;
    draft.resolutionCode = resolutionCode;
    draft.resolutionNotes = resolutionNotes;
    draft.resolvedAt = context.now;
  },
  reopen: (draft, args) => {
    delete draft.resolutionCode;
    delete draft.resolutionNotes;
    delete draft.resolvedAt;
    delete draft.closedAt;
    draft.reopenCount += 1;
    note(draft, (args.event as Payload<'reopen'>).reason, args);
  },
  close: (draft, args) => {
    draft.closedAt = args.context.now;
    note(draft, (args.event as { note?: string }).note, args);
  },
  cancel: (draft, args) => {
    delete draft.onHoldReason;
    draft.canceledAt = args.context.now;
    note(draft, (args.event as Payload<'cancel'>).reason, args);
  },
  majorNote: (draft, args) => {
    const event = args.event as { reason?: string; note?: string };
    note(draft, event.reason ?? event.note, args);
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

// Events every open state accepts without changing state.
const working: StateSpec['on'] = {
  assign: t(undefined, { effects: ['assign'] }),
  update: t(undefined, { effects: ['update'] }),
  attach: t(undefined, { effects: ['attach'] }),
  link: t(undefined, { effects: ['link'] }),
  resolve: t('resolved', { guard: 'resolutionCodeAllowed', effects: ['resolve'] }),
  cancel: t('canceled', { effects: ['cancel'] }),
};

// The machine follows the options: a transition the options turn off is not drawn at all, so
// diagrams and allowed events show the lifecycle that runs. Guards still check the details
// (the reopen window, the auto-close instant).
const specFor = (options: IncidentLifecycleOptions): LifecycleSpec<Incident, IncidentEvent, IncidentLifecycleOptions, IncidentExtra> => ({
  kind: 'incident',
  regions: [
    {
      field: 'state',
      initial: 'new',
      states: {
        new: {
          description: 'logged, not yet worked',
          on: {
            ...working,
            start: t('in_progress', { effects: ['start'] }),
            comment: t(undefined, { effects: ['comment'] }),
            put_on_hold: t('on_hold', { guard: 'onHoldReasonAllowed', effects: ['putOnHold'] }),
          },
        },
        in_progress: {
          description: 'being worked by its assignment group',
          on: {
            ...working,
            comment: t(undefined, { effects: ['comment'] }),
            put_on_hold: t('on_hold', { guard: 'onHoldReasonAllowed', effects: ['putOnHold'] }),
          },
        },
        on_hold: {
          description: 'waiting for the caller, a change, a problem or a vendor',
          on: {
            ...working,
            comment: [t('in_progress', { guard: 'callerUpdate', effects: ['comment', 'resumeByCaller'] }), t(undefined, { effects: ['comment'] })],
            resume: t('in_progress', { effects: ['resume'] }),
          },
        },
        resolved: {
          description: 'service restored; awaiting confirmation or automatic closing',
          on: {
            comment: t(undefined, { effects: ['comment'] }),
            attach: t(undefined, { effects: ['attach'] }),
            link: t(undefined, { effects: ['link'] }),
            ...(options.reopen.allowed ? { reopen: t('in_progress', { guard: 'reopenAllowed', effects: ['reopen'] }) } : {}),
            close: t('closed', { effects: ['close'] }),
            ...(options.autoClose === undefined ? {} : { auto_close: t('closed', { guard: 'autoCloseDue', effects: ['close'] }) }),
          },
        },
        closed: {
          description: 'final, unless the options allow reopening',
          on: options.reopen.allowed && options.reopen.fromClosed ? { reopen: t('in_progress', { guard: 'reopenAllowed', effects: ['reopen'] }) } : {},
        },
        canceled: { description: 'final: logged in error or no longer needed', on: {} },
      },
    },
    {
      field: 'major',
      initial: 'none',
      states: {
        none: { description: 'an ordinary incident', on: { propose_major: t('candidate', { guard: 'canBeMajor', effects: ['majorNote'] }) } },
        candidate: {
          description: 'proposed as a major incident',
          on: {
            // Accepting makes it a major incident, so the rules of proposing hold again.
            accept_major: t('accepted', { guard: 'canBeMajor', effects: ['majorNote'] }),
            reject_major: t('rejected', { guard: 'candidacyOpen', effects: ['majorNote'] }),
          },
        },
        accepted: { description: 'a major incident; may be the parent of others', on: {} },
        rejected: { description: 'not a major incident; may be proposed again', on: { propose_major: t('candidate', { guard: 'canBeMajor', effects: ['majorNote'] }) } },
      },
    },
  ],
  extensibleStates: ['new', 'in_progress'],
  guards,
  effects,
  eventNames: {
    assign: 'assigned',
    start: 'started',
    update: 'updated',
    comment: 'commented',
    attach: 'attached',
    link: 'linked',
    put_on_hold: 'put_on_hold',
    resume: 'resumed',
    resolve: 'resolved',
    reopen: 'reopened',
    close: 'closed',
    auto_close: 'auto_closed',
    cancel: 'canceled',
    propose_major: 'proposed_major',
    accept_major: 'accepted_major',
    reject_major: 'rejected_major',
  },
  recordSchema: incidentSchemaFor,
  eventSchemas: INCIDENT_EVENT_SCHEMAS,
});

/**
 * Compiles the incident lifecycle with a host's options: on-hold reasons, resolution codes,
 * reopening, automatic closing, required fields per event, and states and transitions of the
 * host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for {@link applyIncidentEvent}
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const lifecycle = defineIncidentLifecycle({
 *   onHoldReasons: ['awaiting_caller', 'awaiting_vendor'],
 *   reopen: { allowed: true, withinMs: 7 * 24 * 3600 * 1000 },
 *   requiredFields: { resolve: ['category'] },
 * });
 * ```
 */
export function defineIncidentLifecycle(options: IncidentLifecycleOptionsInput = {}): IncidentLifecycle {
  const result = safeDefineIncidentLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineIncidentLifecycle}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeDefineIncidentLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineIncidentLifecycle(options: unknown): SafeResult<IncidentLifecycle, ValidationError> {
  return defineLifecycleFromOptions(IncidentLifecycleOptions, specFor, options, 'incident lifecycle options');
}

let defaultLifecycle: IncidentLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultIncidentLifecycle(): IncidentLifecycle {
  defaultLifecycle ??= defineIncidentLifecycle();
  return defaultLifecycle;
}

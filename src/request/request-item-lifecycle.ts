import { z } from 'zod';
import { defineLifecycleFromOptions, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { approvalSteps, cancelOpenApprovals, note, type ApprovalExtra } from './approval-steps';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { OPEN_TASK_STATES } from './fulfilment-task.schema';
import { requestItemSchemaFor, type RequestItem } from './request-item.schema';
import { REQUEST_ITEM_EVENT_SCHEMAS, type RequestItemEvent } from './request-item-event.schema';

/**
 * How a host configures the request item lifecycle, as data. Every field has a default, so `{}`
 * is ServiceNow's model out of the box.
 */
export const RequestItemLifecycleOptions = z.strictObject({
  /**
   * `all` (the default): the item is approved once every approver approved; `first_response`:
   * the first decision settles it and the other approvals are canceled. Any rejection rejects.
   */
  approvalRule: z.enum(['all', 'first_response']).default('all'),
  /** Whether canceling an item cancels its open fulfilment tasks given in the context. */
  cancelTasksWithItem: z.boolean().default(true),
  /** Fields that must be present after an event, per event, e.g. `{ start_fulfilment: ['assignmentGroup'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own; added states may behave as `approved` or `in_fulfilment`. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the request item lifecycle, as given (defaults not yet filled in). */
export type RequestItemLifecycleOptionsInput = z.input<typeof RequestItemLifecycleOptions>;
/** How a host configures the request item lifecycle, with defaults filled in. */
export type RequestItemLifecycleOptions = z.output<typeof RequestItemLifecycleOptions>;

/** The compiled request item lifecycle; pass it in the context's `lifecycles.item`. */
export type RequestItemLifecycle = Lifecycle<RequestItem, RequestItemLifecycleOptions>;

/** What the item's guards read beyond the record: from the caller's context. @internal */
export interface RequestItemExtra extends ApprovalExtra {
  /** The item's fulfilment tasks, when given. */
  readonly tasks: readonly FulfilmentTask[] | undefined;
  /** The built-in state a task's state behaves as (the task lifecycle may add states). */
  readonly taskStateOf: (state: string) => string;
  /** The item's request, when given: its number and the built-in state it is in. */
  readonly request: { readonly number: string; readonly state: string } | undefined;
}

type Guard = GuardSpec<RequestItem, RequestItemEvent, RequestItemLifecycleOptions, RequestItemExtra>;
type Effect = EffectSpec<RequestItem, RequestItemEvent, RequestItemLifecycleOptions, RequestItemExtra>;
type Payload<T extends RequestItemEvent['type']> = Extract<RequestItemEvent, { type: T }>;

const listed = (words: readonly string[]): string => words.join(', ');

/** Why the item may not close yet because of its tasks, or undefined when every task is closed or canceled. @internal */
export function openTasksReason(item: RequestItem, extra: RequestItemExtra): string | undefined {
  const mine = (extra.tasks ?? []).filter((task) => task.requestItem === item.id && task.tenantId === item.tenantId);
  // A task the item lists but the caller did not give might be open: refuse rather than guess.
  const missing = item.tasks.filter((id) => !mine.some((task) => task.id === id));
  if (missing.length > 0) {
    return `fulfilment ${missing.length === 1 ? 'task' : 'tasks'} ${listed(missing)} of ${item.number} must be given in the context's tasks`;
  }
  const open = mine.filter((task) => (OPEN_TASK_STATES as readonly string[]).includes(extra.taskStateOf(task.state)));
  if (open.length === 0) return undefined;
  const numbers = listed(open.map((task) => task.number));
  return open.length === 1 ? `fulfilment task ${numbers} is still open` : `fulfilment tasks ${numbers} are still open`;
}

const approval = approvalSteps<RequestItem, RequestItemEvent, RequestItemLifecycleOptions, RequestItemExtra>();

const guards: Record<string, Guard> = {
  ...approval.guards,
  tasksEnded: ({ record, context }) => openTasksReason(record, context.extra),
  requestApproved: ({ context }) => {
    const request = context.extra.request;
    if (request === undefined || request.state === 'approved' || request.state === 'in_fulfilment') return undefined;
    return `request ${request.number} is ${request.state}; fulfilment starts once it is approved`;
  },
};

const effects: Record<string, Effect> = {
  ...approval.effects,
  startFulfilment: (draft, { event, context }) => {
    const { tasks = [], note: body } = event as Payload<'start_fulfilment'>;
    draft.fulfilmentStartedAt = context.now;
    draft.tasks.push(...tasks);
    note(draft, body, context);
  },
  close: (draft, { event, context }) => {
    draft.closedAt = context.now;
    const given = event as { note?: string; reason?: string };
    note(draft, given.reason ?? given.note, context);
  },
  cancel: (draft, { event, context }) => {
    draft.canceledAt = context.now;
    cancelOpenApprovals(draft, context.now);
    note(draft, (event as Payload<'cancel'>).reason, context);
  },
  assign: (draft, { event }) => {
    const { assignmentGroup, assignee } = event as Payload<'assign'>;
    if (assignmentGroup !== undefined) draft.assignmentGroup = assignmentGroup;
    if (assignee !== undefined) draft.assignee = assignee;
  },
  comment: (draft, { event, context }) => {
    const { visibility, body } = event as Payload<'comment'>;
    note(draft, body, context, visibility);
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

// Events every open state accepts.
const always: StateSpec['on'] = {
  assign: t(undefined, { effects: ['assign'] }),
  comment: t(undefined, { effects: ['comment'] }),
  cancel: t('canceled', { effects: ['cancel'] }),
};

const spec: LifecycleSpec<RequestItem, RequestItemEvent, RequestItemLifecycleOptions, RequestItemExtra> = {
  kind: 'request_item',
  regions: [
    {
      field: 'state',
      initial: 'submitted',
      states: {
        submitted: {
          description: 'requested; approval not yet asked for',
          on: {
            ...always,
            request_approval: t('waiting_for_approval', { effects: ['requestApproval'] }),
            approve_without_approval: t('approved', { effects: ['approveWithoutApproval'] }),
          },
        },
        waiting_for_approval: {
          description: 'waiting for its approvers',
          on: {
            ...always,
            decide: [
              t('rejected', { guard: 'decisionRejects', effects: ['decide'] }),
              t('approved', { guard: 'decisionApproves', effects: ['decide'] }),
              t(undefined, { guard: 'mayDecide', effects: ['decide'] }),
            ],
          },
        },
        approved: {
          description: 'approved; fulfilment not yet started',
          on: {
            ...always,
            start_fulfilment: t('in_fulfilment', { guard: 'requestApproved', effects: ['startFulfilment'] }),
            skip: t('closed_skipped', { effects: ['close'] }),
          },
        },
        in_fulfilment: {
          description: 'its fulfilment tasks are being worked',
          on: {
            ...always,
            complete: t('closed_complete', { guard: 'tasksEnded', effects: ['close'] }),
            close_incomplete: t('closed_incomplete', { guard: 'tasksEnded', effects: ['close'] }),
            skip: t('closed_skipped', { guard: 'tasksEnded', effects: ['close'] }),
          },
        },
        rejected: { description: 'final: an approver rejected it', on: {} },
        closed_complete: { description: 'final: delivered', on: {} },
        closed_incomplete: { description: 'final: fulfilment ended without delivering it', on: {} },
        closed_skipped: { description: 'final: not needed after all', on: {} },
        canceled: { description: 'final: withdrawn before it closed', on: {} },
      },
    },
  ],
  extensibleStates: ['approved', 'in_fulfilment'],
  guards,
  effects,
  eventNames: {
    request_approval: 'approval_requested',
    approve_without_approval: 'approved_without_approval',
    decide: 'decided',
    start_fulfilment: 'fulfilment_started',
    complete: 'completed',
    close_incomplete: 'closed_incomplete',
    skip: 'skipped',
    cancel: 'canceled',
    assign: 'assigned',
    comment: 'commented',
  },
  recordSchema: requestItemSchemaFor,
  eventSchemas: REQUEST_ITEM_EVENT_SCHEMAS,
};

/**
 * Compiles the request item lifecycle with a host's options: the approval rule, whether
 * canceling an item cancels its tasks, required fields per event, and states and transitions of
 * the host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for the context's `lifecycles.item`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const item = defineRequestItemLifecycle({
 *   approvalRule: 'first_response',
 *   requiredFields: { start_fulfilment: ['assignmentGroup'] },
 *   extend: { states: { awaiting_stock: { behavesAs: 'in_fulfilment' } } },
 * });
 * ```
 */
export function defineRequestItemLifecycle(options: RequestItemLifecycleOptionsInput = {}): RequestItemLifecycle {
  const result = safeDefineRequestItemLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineRequestItemLifecycle}, but returns the error instead of throwing it, and
 * takes `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never: every problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeDefineRequestItemLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineRequestItemLifecycle(options: unknown): SafeResult<RequestItemLifecycle, ValidationError> {
  return defineLifecycleFromOptions(RequestItemLifecycleOptions, () => spec, options, 'request item lifecycle options');
}

let defaultLifecycle: RequestItemLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultRequestItemLifecycle(): RequestItemLifecycle {
  defaultLifecycle ??= defineRequestItemLifecycle();
  return defaultLifecycle;
}

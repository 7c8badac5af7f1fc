import { z } from 'zod';
import { defineLifecycleFromOptions, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { approvalSteps, cancelOpenApprovals, note, type ApprovalExtra } from './approval-steps';
import type { RequestItem } from './request-item.schema';
import { serviceRequestSchemaFor, type ServiceRequest } from './service-request.schema';
import { SERVICE_REQUEST_EVENT_SCHEMAS, type ServiceRequestEvent } from './service-request-event.schema';
import { serviceRequestOutcome, type ServiceRequestOutcome } from './service-request-outcome';

/**
 * How a host configures the service request lifecycle, as data. Every field has a default, so
 * `{}` is ServiceNow's model out of the box.
 */
export const ServiceRequestLifecycleOptions = z.strictObject({
  /**
   * For request-level approval: `all` (the default) approves once every approver approved;
   * `first_response` lets the first decision settle it. Any rejection rejects.
   */
  approvalRule: z.enum(['all', 'first_response']).default('all'),
  /** Whether canceling or rejecting a request cancels its open items (and their tasks) given in the context. */
  cancelItemsWithRequest: z.boolean().default(true),
  /**
   * Whether a request closes itself, as its items decide (see `close`), when its last open item
   * ends: the item's event does it, when its context gives the request and all its items.
   */
  closeWithLastItem: z.boolean().default(true),
  /** Fields that must be present after an event, per event, e.g. `{ close: ['description'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own; added states may behave as `approved` or `in_fulfilment`. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the service request lifecycle, as given (defaults not yet filled in). */
export type ServiceRequestLifecycleOptionsInput = z.input<typeof ServiceRequestLifecycleOptions>;
/** How a host configures the service request lifecycle, with defaults filled in. */
export type ServiceRequestLifecycleOptions = z.output<typeof ServiceRequestLifecycleOptions>;

/** The compiled service request lifecycle; pass it in the context's `lifecycles.request`. */
export type ServiceRequestLifecycle = Lifecycle<ServiceRequest, ServiceRequestLifecycleOptions>;

/** What the request's guards read beyond the record: from the caller's context. @internal */
export interface ServiceRequestExtra extends ApprovalExtra {
  /** The request's items, when given. */
  readonly items: readonly RequestItem[] | undefined;
  /** The built-in state an item's state behaves as (the item lifecycle may add states). */
  readonly itemStateOf: (state: string) => string;
}

type Guard = GuardSpec<ServiceRequest, ServiceRequestEvent, ServiceRequestLifecycleOptions, ServiceRequestExtra>;
type Effect = EffectSpec<ServiceRequest, ServiceRequestEvent, ServiceRequestLifecycleOptions, ServiceRequestExtra>;
type Payload<T extends ServiceRequestEvent['type']> = Extract<ServiceRequestEvent, { type: T }>;

const approval = approvalSteps<ServiceRequest, ServiceRequestEvent, ServiceRequestLifecycleOptions, ServiceRequestExtra>();

// One guard per outcome, so the machine (and its diagram) shows where `close` can lead.
const closesAs =
  (expected: ServiceRequestOutcome): Guard =>
  ({ record, context }) => {
    const found = serviceRequestOutcome(record, context.extra.items, context.extra.itemStateOf);
    if ('reason' in found) return found.reason;
    return found.outcome === expected ? undefined : `its items close it as ${found.outcome}`;
  };

const guards: Record<string, Guard> = {
  ...approval.guards,
  itemsComplete: closesAs('closed_complete'),
  itemsIncomplete: closesAs('closed_incomplete'),
  itemsSkipped: closesAs('closed_skipped'),
  itemsCanceled: closesAs('canceled'),
};

const effects: Record<string, Effect> = {
  ...approval.effects,
  startFulfilment: (draft, { event, context }) => {
    draft.fulfilmentStartedAt = context.now;
    note(draft, (event as Payload<'start_fulfilment'>).note, context);
  },
  close: (draft, { event, context }) => {
    draft.closedAt = context.now;
    cancelOpenApprovals(draft, context.now);
    note(draft, (event as Payload<'close'>).note, context);
  },
  closeAsCanceled: (draft, { event, context }) => {
    draft.canceledAt = context.now;
    cancelOpenApprovals(draft, context.now);
    note(draft, (event as Payload<'close'>).note, context);
  },
  cancel: (draft, { event, context }) => {
    draft.canceledAt = context.now;
    cancelOpenApprovals(draft, context.now);
    note(draft, (event as Payload<'cancel'>).reason, context);
  },
  comment: (draft, { event, context }) => {
    const { visibility, body } = event as Payload<'comment'>;
    note(draft, body, context, visibility);
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

// Events every open state accepts: a request closes when its items are closed, whatever stage
// of its own it had reached (items can be rejected or canceled while it waits for approval).
const always: StateSpec['on'] = {
  close: [
    t('closed_complete', { guard: 'itemsComplete', effects: ['close'] }),
    t('closed_incomplete', { guard: 'itemsIncomplete', effects: ['close'] }),
    t('closed_skipped', { guard: 'itemsSkipped', effects: ['close'] }),
    t('canceled', { guard: 'itemsCanceled', effects: ['closeAsCanceled'] }),
  ],
  cancel: t('canceled', { effects: ['cancel'] }),
  comment: t(undefined, { effects: ['comment'] }),
};

const spec: LifecycleSpec<ServiceRequest, ServiceRequestEvent, ServiceRequestLifecycleOptions, ServiceRequestExtra> = {
  kind: 'service_request',
  regions: [
    {
      field: 'state',
      initial: 'submitted',
      states: {
        submitted: {
          description: 'submitted; request-level approval not yet asked for',
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
          description: 'approved; its items are approved and fulfilled one by one',
          on: { ...always, start_fulfilment: t('in_fulfilment', { effects: ['startFulfilment'] }) },
        },
        in_fulfilment: { description: 'work on its items has begun', on: always },
        rejected: { description: 'final: an approver rejected it', on: {} },
        closed_complete: { description: 'final: its items were delivered', on: {} },
        closed_incomplete: { description: 'final: an item was not delivered', on: {} },
        closed_skipped: { description: 'final: its items were not needed after all', on: {} },
        canceled: { description: 'final: withdrawn, or every item was canceled', on: {} },
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
    close: 'closed',
    cancel: 'canceled',
    comment: 'commented',
  },
  recordSchema: serviceRequestSchemaFor,
  eventSchemas: SERVICE_REQUEST_EVENT_SCHEMAS,
};

/**
 * Compiles the service request lifecycle with a host's options: the rule for request-level
 * approval, whether canceling a request cancels its items, required fields per event, and
 * states and transitions of the host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for the context's `lifecycles.request`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const request = defineServiceRequestLifecycle({ approvalRule: 'first_response', requiredFields: { cancel: ['description'] } });
 * ```
 */
export function defineServiceRequestLifecycle(options: ServiceRequestLifecycleOptionsInput = {}): ServiceRequestLifecycle {
  const result = safeDefineServiceRequestLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineServiceRequestLifecycle}, but returns the error instead of throwing it, and
 * takes `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never: every problem is returned as the error
 *
 * @example
 * ```ts
 * const result = safeDefineServiceRequestLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineServiceRequestLifecycle(options: unknown): SafeResult<ServiceRequestLifecycle, ValidationError> {
  return defineLifecycleFromOptions(ServiceRequestLifecycleOptions, () => spec, options, 'service request lifecycle options');
}

let defaultLifecycle: ServiceRequestLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultServiceRequestLifecycle(): ServiceRequestLifecycle {
  defaultLifecycle ??= defineServiceRequestLifecycle();
  return defaultLifecycle;
}

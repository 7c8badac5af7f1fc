import { z } from 'zod';
import type { Draft } from 'immer';
import { defineLifecycleFromOptions, type EffectSpec, type GuardSpec, type Lifecycle, type LifecycleSpec, type StateSpec, type TransitionSpec } from '../core/lifecycle';
import { LifecycleExtension, RequiredFields } from '../core/lifecycle-extension.schema';
import type { ActorRef } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import { assetSchemaFor, type Asset } from './asset.schema';
import { ASSET_EVENT_SCHEMAS, type AssetEvent } from './asset-event.schema';

/**
 * How a host configures the asset lifecycle, as data. Every field has a default, so `{}` is
 * ordered → received → in stock → in use → retired → disposed, with maintenance and returns,
 * out of the box.
 */
export const AssetLifecycleOptions = z.strictObject({
  /** Whether a retired asset may go back to stock (retired by mistake, or kept as a spare). */
  reinstate: z.strictObject({ allowed: z.boolean().default(true) }).default({ allowed: true }),
  /**
   * Whether receiving a hardware asset needs its serial number. Turn it off for bulk
   * peripherals (mice, cables) tracked as assets without one.
   */
  serialNumber: z.strictObject({ requiredOnReceipt: z.boolean().default(true) }).default({ requiredOnReceipt: true }),
  /** Fields that must be present after an event, per event, e.g. `{ deploy: ['location'] }`. */
  requiredFields: RequiredFields.default({}),
  /** States and transitions of the host's own. */
  extend: LifecycleExtension.optional(),
});
/** How a host configures the asset lifecycle, as given (defaults not yet filled in). */
export type AssetLifecycleOptionsInput = z.input<typeof AssetLifecycleOptions>;
/** How a host configures the asset lifecycle, with defaults filled in. */
export type AssetLifecycleOptions = z.output<typeof AssetLifecycleOptions>;

/** The compiled asset lifecycle; pass it to `applyAssetEvent` and `openAsset`. */
export type AssetLifecycle = Lifecycle<Asset, AssetLifecycleOptions>;

type Guard = GuardSpec<Asset, AssetEvent, AssetLifecycleOptions, undefined>;
type Effect = EffectSpec<Asset, AssetEvent, AssetLifecycleOptions, undefined>;
type Payload<T extends AssetEvent['type']> = Extract<AssetEvent, { type: T }>;

const guards: Record<string, Guard> = {
  serialNumberKnown: ({ record, event }) =>
    record.kind === 'hardware' && record.serialNumber === undefined && (event as Payload<'receive'>).serialNumber === undefined
      ? 'a hardware asset is received with its serial number; give serialNumber'
      : undefined,
  hasUser: ({ record, event }) =>
    record.assignedTo === undefined && (event as Payload<'complete_maintenance'>).assignedTo === undefined
      ? 'the asset has no user to go back to; give assignedTo, or return it to stock'
      : undefined,
};

const sameActor = (a: ActorRef | undefined, b: ActorRef | undefined): boolean => a?.kind === b?.kind && a?.id === b?.id;

/** Sets or clears the user, raising `assignment_changed` when the user is another. */
const assignTo = (draft: Draft<Asset>, to: ActorRef | undefined, args: Parameters<Effect>[1]): void => {
  const from = draft.assignedTo;
  if (sameActor(from, to)) return;
  // A copy: the draft's own object is revoked once the change is made.
  args.raise('assignment_changed', { from: from === undefined ? null : { ...from }, to: to ?? null });
  if (to === undefined) delete draft.assignedTo;
  else draft.assignedTo = to;
};

const effects: Record<string, Effect> = {
  update: (draft, { event }) => {
    const { type: _type, ...fields } = event as Payload<'update'>;
    Object.assign(draft, fields);
  },
  comment: (draft, { event, context }) => {
    const { visibility, body } = event as Payload<'comment'>;
    draft.journal.push({ id: context.newId(), kind: visibility, body, author: context.actor, at: context.now });
  },
  attach: (draft, { event }) => {
    draft.attachments.push((event as Payload<'attach'>).attachment);
  },
  note: (draft, { event, context }) => {
    const { note, reason } = event as { note?: string; reason?: unknown };
    // A disposal's reason is a code, kept in `disposal`; only words go to the journal.
    const body = typeof reason === 'string' && event.type !== 'dispose' ? reason : note;
    if (body !== undefined) draft.journal.push({ id: context.newId(), kind: 'work_note', body, author: context.actor, at: context.now });
  },
  locate: (draft, { event }) => {
    const { location } = event as { location?: string };
    if (location !== undefined) draft.location = location;
  },
  receive: (draft, { event, context }) => {
    const { serialNumber } = event as Payload<'receive'>;
    if (serialNumber !== undefined) draft.serialNumber = serialNumber;
    draft.receivedAt = context.now;
  },
  assign: (draft, args) => {
    const { assignedTo } = args.event as { assignedTo?: ActorRef };
    if (assignedTo !== undefined) assignTo(draft, assignedTo, args);
  },
  unassign: (draft, args) => assignTo(draft, undefined, args),
  retire: (draft, { event, context }) => {
    draft.retiredAt = context.now;
    draft.retirementReason = (event as Payload<'retire'>).reason;
  },
  reinstate: (draft) => {
    // The patches keep the retirement in the audit trail; on a reinstated asset it would read
    // as current.
    delete draft.retiredAt;
    delete draft.retirementReason;
  },
  dispose: (draft, { event }) => {
    const { reason, date, note } = event as Payload<'dispose'>;
    draft.disposal = { reason, date, ...(note === undefined ? {} : { note }) };
  },
  cancel: (draft, { context }) => {
    draft.canceledAt = context.now;
  },
};

const t = (target: string | undefined, extra: Omit<TransitionSpec, 'target'> = {}): TransitionSpec => (target === undefined ? extra : { target, ...extra });

// Events every state but the final ones accepts without changing state.
const working: StateSpec['on'] = {
  update: t(undefined, { effects: ['update'] }),
  comment: t(undefined, { effects: ['comment'] }),
  attach: t(undefined, { effects: ['attach'] }),
};
const cancel = t('canceled', { effects: ['cancel', 'note'] });
const sendToMaintenance = t('in_maintenance', { effects: ['locate', 'note'] });
const retire = t('retired', { effects: ['unassign', 'retire', 'note'] });
const backToStock = t('in_stock', { effects: ['unassign', 'locate', 'note'] });

// The machine follows the options: a transition the options turn off is not drawn at all, so
// diagrams and allowed events show the lifecycle that runs.
const specFor = (options: AssetLifecycleOptions): LifecycleSpec<Asset, AssetEvent, AssetLifecycleOptions, undefined> => ({
  kind: 'asset',
  regions: [
    {
      field: 'state',
      initial: 'ordered',
      states: {
        ordered: {
          description: 'on order, not yet delivered',
          on: {
            ...working,
            receive: t('received', {
              ...(options.serialNumber.requiredOnReceipt ? { guard: 'serialNumberKnown' } : {}),
              effects: ['receive', 'locate', 'note'],
            }),
            cancel,
          },
        },
        received: {
          description: 'delivered; being checked, tagged and recorded',
          on: { ...working, stock: t('in_stock', { effects: ['locate', 'note'] }), cancel },
        },
        in_stock: {
          description: 'on the shelf, ready to be deployed',
          on: {
            ...working,
            deploy: t('in_use', { effects: ['assign', 'locate', 'note'] }),
            send_to_maintenance: sendToMaintenance,
            retire,
          },
        },
        in_use: {
          description: 'with its user',
          on: {
            ...working,
            reassign: t(undefined, { effects: ['assign', 'locate', 'note'] }),
            return: backToStock,
            send_to_maintenance: sendToMaintenance,
            retire,
          },
        },
        in_maintenance: {
          description: 'being repaired or serviced; keeps its user while away',
          on: {
            ...working,
            complete_maintenance: t('in_use', { guard: 'hasUser', effects: ['assign', 'note'] }),
            return: backToStock,
            retire,
          },
        },
        retired: {
          description: 'out of service, awaiting disposal',
          on: {
            ...working,
            ...(options.reinstate.allowed ? { reinstate: t('in_stock', { effects: ['reinstate', 'note'] }) } : {}),
            dispose: t('disposed', { effects: ['dispose', 'note'] }),
          },
        },
        disposed: { description: 'final: sold, recycled, destroyed, lost or returned', on: {} },
        canceled: { description: 'final: the order was dropped or the delivery refused', on: {} },
      },
    },
  ],
  extensibleStates: ['ordered', 'received', 'in_stock', 'in_use', 'in_maintenance'],
  guards,
  effects,
  eventNames: {
    update: 'updated',
    comment: 'commented',
    attach: 'attached',
    receive: 'received',
    stock: 'stocked',
    deploy: 'deployed',
    reassign: 'reassigned',
    return: 'returned',
    send_to_maintenance: 'sent_to_maintenance',
    complete_maintenance: 'maintenance_completed',
    retire: 'retired',
    reinstate: 'reinstated',
    dispose: 'disposed',
    cancel: 'canceled',
  },
  recordSchema: assetSchemaFor,
  eventSchemas: ASSET_EVENT_SCHEMAS,
});

/**
 * Compiles the asset lifecycle with a host's options: whether retired assets may be
 * reinstated, whether hardware needs its serial number on receipt, required fields per event,
 * and states and transitions of the host's own.
 *
 * @param options - the options as data; `{}` gives the defaults
 * @returns the lifecycle, for `applyAssetEvent` and `openAsset`
 * @throws {@link ValidationError} naming the path of every problem
 *
 * @example
 * ```ts
 * const lifecycle = defineAssetLifecycle({
 *   reinstate: { allowed: false },
 *   requiredFields: { deploy: ['location'] },
 *   extend: { states: { on_loan: { behavesAs: 'in_use' } } },
 * });
 * ```
 */
export function defineAssetLifecycle(options: AssetLifecycleOptionsInput = {}): AssetLifecycle {
  const result = safeDefineAssetLifecycle(options);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link defineAssetLifecycle}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for options read from storage.
 *
 * @param options - anything; typically parsed JSON
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeDefineAssetLifecycle(JSON.parse(text));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeDefineAssetLifecycle(options: unknown): SafeResult<AssetLifecycle, ValidationError> {
  return defineLifecycleFromOptions(AssetLifecycleOptions, specFor, options, 'asset lifecycle options');
}

let defaultLifecycle: AssetLifecycle | undefined;
/** The lifecycle with default options, built on first use. @internal */
export function defaultAssetLifecycle(): AssetLifecycle {
  defaultLifecycle ??= defineAssetLifecycle();
  return defaultLifecycle;
}

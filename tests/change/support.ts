// Shared fixtures of the change tests: people, a planned window, opening a change of each type,
// and stepping a change a minute after its last change with a context that is valid unless a
// test says otherwise.
import type { InvalidTransitionError, RecordChange, SafeResult, ValidationError } from '../../src/index';
import {
  openChange,
  safeApplyChangeEvent,
  type ChangeContext,
  type ChangeLifecycle,
  type ChangeRequest,
  type ChangeType,
  type OpenChangeInput,
} from '../../src/change/index';

export const requester = { kind: 'user', id: 'u-requester', name: 'Rita Requester' } as const;
export const owner = { kind: 'user', id: 'u-owner', name: 'Olga Owner' } as const;
export const implementer = { kind: 'user', id: 'u-implementer' } as const;
/** A member of the change management group, the CAB and the ECAB. */
export const approver = { kind: 'user', id: 'u-approver' } as const;
export const outsider = { kind: 'user', id: 'u-outsider' } as const;
export const networkTeam = { kind: 'group', id: 'g-network' } as const;
/** The groups {@link approver} acts for. */
export const APPROVER_GROUPS = ['change_management', 'cab', 'ecab'] as const;

/** Monday 2026-11-23, 09:00 in Berlin. */
export const OPENED = '2026-11-23T08:00:00.000Z';

/** The instant `minutes` after `iso`. */
export const after = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A source of fresh ids: `id-1`, `id-2`, … */
export function idSource(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** A complete plan: Saturday night 22:00–02:00 UTC, a backout plan and a test plan. */
export const PLAN = {
  plannedStart: '2026-11-28T22:00:00.000Z',
  plannedEnd: '2026-11-29T02:00:00.000Z',
  backoutPlan: 'Reinstall the previous firmware from the saved image.',
  testPlan: 'Ping every access switch; run the VLAN smoke test.',
} as const;

/** Opens a change of a type by the requester, with a complete plan and moderate risk unless the input says otherwise. */
export function opened(type: ChangeType, input: Partial<OpenChangeInput> = {}, lifecycle?: ChangeLifecycle): ChangeRequest {
  return openChange(
    {
      type,
      ...(type === 'standard' ? { templateId: 'tpl-patch' } : { risk: 'moderate' as const }),
      shortDescription: 'Upgrade the core switch firmware',
      configurationItems: ['ci-switch-1'],
      assignee: owner,
      implementer,
      ...PLAN,
      ...input,
    },
    { now: OPENED, actor: requester, newId: () => `chg-${type}`, tenantId: 'acme', number: 'CHG0000001', ...(lifecycle === undefined ? {} : { lifecycle }) },
  ).record;
}

type Result = SafeResult<RecordChange<ChangeRequest>, ValidationError | InvalidTransitionError>;

/** Applies an event a minute after the change's last change, by the approver (who acts for the CAB and friends) unless the context says otherwise. */
export function stepChange(change: ChangeRequest, event: unknown, context: Partial<ChangeContext> = {}): Result {
  return safeApplyChangeEvent(change, event, {
    now: after(change.updatedAt, 1),
    actor: approver,
    newId: idSource(`v${change.version}`),
    actorGroups: [...APPROVER_GROUPS],
    ...context,
  });
}

/** {@link stepChange}, failing the test when the event is refused. */
export function applyChange(change: ChangeRequest, event: unknown, context: Partial<ChangeContext> = {}): RecordChange<ChangeRequest> {
  const result = stepChange(change, event, context);
  if (!result.success) throw new Error(`expected ${JSON.stringify(event)} to be accepted, got ${result.error.message}`);
  return result.data;
}

/** Applies the events in turn, failing on the first refused. */
export function play(change: ChangeRequest, events: readonly unknown[], context: Partial<ChangeContext> = {}): ChangeRequest {
  return events.reduce<ChangeRequest>((current, event) => applyChange(current, event, context).record, change);
}

/** The decisions approving every open approval, in order. */
export function approveAll(change: ChangeRequest, context: Partial<ChangeContext> = {}): ChangeRequest {
  let current = change;
  for (;;) {
    const open = current.approvals.find((approval) => approval.state === 'requested');
    if (open === undefined || current.state !== 'authorize') return current;
    current = applyChange(current, { type: 'decide', approvalId: open.id, decision: 'approved' }, context).record;
  }
}

/** A change of the type brought to `scheduled` along its type's path. */
export function scheduled(type: ChangeType, lifecycle?: ChangeLifecycle): ChangeRequest {
  const context = lifecycle === undefined ? {} : { lifecycle };
  const change = opened(type, {}, lifecycle);
  if (type === 'standard') return play(change, [{ type: 'schedule' }], context);
  const toAuthorize = type === 'normal' ? [{ type: 'assess' }, { type: 'request_authorization' }] : [{ type: 'request_authorization' }];
  return approveAll(play(change, toAuthorize, context), context);
}

/** A context whose field cannot be read: a getter that throws, or a value that is a Proxy throwing on every trap. */
export function hostileContext<T extends object>(context: T, field: string, how: 'getter' | 'proxy'): T {
  const copy: Record<string, unknown> = { ...(context as Record<string, unknown>) };
  const fail = (): never => {
    throw new TypeError(`no ${field} today`);
  };
  if (how === 'getter') Object.defineProperty(copy, field, { get: fail, enumerable: true });
  else copy[field] = new Proxy([], { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
  return copy as T;
}

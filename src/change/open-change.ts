import { orThrow, runLifecycleCreation } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { ChangeRequest } from './change-request.schema';
import { newRecordIdentity } from '../core/record-identity';
import { changeExtra, type OpenChangeContext } from './change-context';
import { OpenChangeInput } from './change-event.schema';

/**
 * Opens a change request: validates the input and puts it in its lifecycle's initial state
 * (`new`) at version 1. The requester is the acting user unless the input names one.
 *
 * @param input - type (with the template of a standard change), description, CIs, plan, …
 * @param context - now, actor, newId (the record's id), tenantId and number; optionally the lifecycle
 * @returns the new change, its creation patches and a `change.opened` event
 * @throws {@link ValidationError} naming the path of every problem in the input or context
 *
 * @example
 * ```ts
 * const { record } = openChange(
 *   { type: 'normal', shortDescription: 'Upgrade the core switch firmware', configurationItems: ['ci-switch-1'] },
 *   { now: new Date(), actor: { kind: 'user', id: 'u-ana' }, newId: randomUUID, tenantId: 'acme', number: 'CHG0001001' },
 * );
 * record.state; // => 'new'
 * ```
 */
export function openChange(input: OpenChangeInput, context: OpenChangeContext): RecordChange<ChangeRequest> {
  return orThrow(safeOpenChange(input, context));
}

/**
 * Like {@link openChange}, but returns the error instead of throwing it, and takes `unknown`
 * input: the function for a request body.
 *
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link openChange}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or context; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeOpenChange(body, context);
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeOpenChange(input: unknown, context: OpenChangeContext): SafeResult<RecordChange<ChangeRequest>, ValidationError> {
  const parsed = parseWith(OpenChangeInput, input, 'change');
  if (!parsed.success) return parsed;
  const extra = changeExtra(context);
  if (!extra.success) return extra;
  const identity = newRecordIdentity(context);
  if (!identity.success) return identity;
  const { configurationItems = [], requestedBy, ...data } = parsed.data;
  return runLifecycleCreation(
    extra.data.lifecycle,
    'change',
    ({ now, actor, newId }) => ({
      id: newId(),
      tenantId: identity.data.tenantId,
      number: identity.data.number,
      version: 1,
      createdAt: now,
      updatedAt: now,
      openedBy: actor,
      ...data,
      configurationItems,
      requestedBy: requestedBy ?? actor,
      approvals: [],
      approvalSteps: [],
      openedAt: now,
      journal: [],
    }),
    context,
    { type: data.type },
  );
}

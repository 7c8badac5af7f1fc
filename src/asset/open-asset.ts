import { orThrow, runLifecycleCreation } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { Asset } from './asset.schema';
import { newRecordIdentity } from '../core/record-identity';
import { assetLifecycleOf, type OpenAssetContext } from './asset-context';
import { OpenAssetInput } from './asset-event.schema';

/**
 * Records an asset when it is ordered: validates the input and puts the asset in its
 * lifecycle's initial state (`ordered`) at version 1, ordered at `now`. An asset already on the
 * shelf is recorded the same way and then received and stocked, so its history starts at the
 * same place as every other's.
 *
 * @param input - what the asset manager gave: kind, asset tag, name, cost, warranty, …
 * @param context - now, actor, newId (the record's id), tenantId and number; optionally the lifecycle
 * @returns the new asset, its creation patches and an `asset.opened` event
 * @throws {@link ValidationError} naming the path of every problem in the input or context
 *
 * @example
 * ```ts
 * const { record } = openAsset(
 *   { kind: 'hardware', assetTag: 'LAP-0042', name: 'ThinkPad T14', cost: { amountMinor: 129900, currency: 'EUR' } },
 *   { now: new Date(), actor: { kind: 'user', id: 'am-1' }, newId: randomUUID, tenantId: 'acme', number: 'AST0001001' },
 * );
 * record.state; // => 'ordered'
 * ```
 */
export function openAsset(input: OpenAssetInput, context: OpenAssetContext): RecordChange<Asset> {
  return orThrow(safeOpenAsset(input, context));
}

/**
 * Like {@link openAsset}, but returns the error instead of throwing it, and takes `unknown`
 * input: the function for a request body.
 *
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link openAsset}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or context; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeOpenAsset(body, context);
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeOpenAsset(input: unknown, context: OpenAssetContext): SafeResult<RecordChange<Asset>, ValidationError> {
  const parsed = parseWith(OpenAssetInput, input, 'asset');
  if (!parsed.success) return parsed;
  const identity = newRecordIdentity(context);
  if (!identity.success) return identity;
  const lifecycle = assetLifecycleOf(context);
  if (!lifecycle.success) return lifecycle;
  return runLifecycleCreation(
    lifecycle.data,
    'asset',
    ({ now, actor, newId }) => ({
      id: newId(),
      tenantId: identity.data.tenantId,
      number: identity.data.number,
      version: 1,
      createdAt: now,
      updatedAt: now,
      openedBy: actor,
      ...parsed.data,
      orderedAt: now,
      journal: [],
      attachments: [],
    }),
    context,
  );
}

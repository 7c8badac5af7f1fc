import { orThrow, runLifecycleEvent } from '../core/apply-lifecycle-event';
import type { InvalidTransitionError } from '../core/invalid-transition-error';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import type { ValidationError } from '../core/validation-error';
import type { Asset } from './asset.schema';
import { assetLifecycleOf, type AssetContext } from './asset-context';
import type { AssetEvent } from './asset-event.schema';

/**
 * Applies an event to an asset through its lifecycle and returns the new version, the patches
 * from the old and the domain events. The asset given is not changed.
 *
 * @param asset - the asset at its current version
 * @param event - what happens, e.g. `{ type: 'deploy', assignedTo: { kind: 'user', id: 'u-7' } }`
 * @param context - now, actor, newId; optionally the lifecycle
 * @returns the change
 * @throws {@link ValidationError} for bad input, naming its path;
 *   {@link InvalidTransitionError} when the state does not accept the event or a guard refuses,
 *   listing the allowed events and the guard's reason
 *
 * @example
 * ```ts
 * const { record, events } = applyAssetEvent(asset, { type: 'deploy', assignedTo: { kind: 'user', id: 'u-7' } }, context);
 * record.state; // => 'in_use'
 * events.map((event) => event.type); // => ['asset.deployed', 'asset.assignment_changed']
 * ```
 */
export function applyAssetEvent(asset: Asset, event: AssetEvent, context: AssetContext): RecordChange<Asset> {
  return orThrow(safeApplyAssetEvent(asset, event, context));
}

/**
 * Like {@link applyAssetEvent}, but returns the error instead of throwing it, and takes
 * `unknown` for the asset and the event: the function for a request body.
 *
 * @param asset - the asset at its current version
 * @param event - anything; typically a parsed request body
 * @param context - as for {@link applyAssetEvent}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or a refused event; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeApplyAssetEvent(asset, body, context);
 * if (!result.success && result.error.code === 'invalid_transition') console.log(result.error.refusedBy);
 * ```
 */
export function safeApplyAssetEvent(asset: unknown, event: unknown, context: AssetContext): SafeResult<RecordChange<Asset>, ValidationError | InvalidTransitionError> {
  const lifecycle = assetLifecycleOf(context);
  if (!lifecycle.success) return lifecycle;
  return runLifecycleEvent(lifecycle.data, 'asset', asset, event, context, undefined);
}

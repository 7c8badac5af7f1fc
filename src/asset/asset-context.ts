import { causeText } from '../core/unreadable-argument';
import { isLifecycle } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError } from '../core/validation-error';
import { defaultAssetLifecycle, type AssetLifecycle } from './asset-lifecycle';

/** What `applyAssetEvent` needs beyond the asset and the event. */
export interface AssetContext extends LifecycleContext {
  /** The lifecycle, with the host's options; the defaults when omitted. */
  readonly lifecycle?: AssetLifecycle;
}

/** What `openAsset` needs: who, when, a fresh id, the tenant and the human number. */
export interface OpenAssetContext extends AssetContext {
  /** The tenant the asset belongs to. */
  readonly tenantId: string;
  /** The human number the host's numbering issued, e.g. `AST0001001`. */
  readonly number: string;
}

/**
 * The lifecycle a context names, or the default one. Whether it is an asset lifecycle is the
 * runner's check; a context that cannot even be read is refused here.
 * @internal
 */
export function assetLifecycleOf(context: unknown): SafeResult<AssetLifecycle, ValidationError> {
  const given = typeof context === 'object' && context !== null ? (context as Partial<AssetContext>) : {};
  try {
    const lifecycle = given.lifecycle ?? defaultAssetLifecycle();
    // Probed here, where a hostile value (a throwing proxy) can still be named.
    isLifecycle(lifecycle, 'asset');
    return { success: true, data: lifecycle };
  } catch (cause) {
    return { success: false, error: new ValidationError([issue(['lifecycle'], `could not be read: ${causeText(cause)}`)], 'context') };
  }
}

import { readContextField } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import type { SafeResult } from '../core/safe-result';
import { ValidationError } from '../core/validation-error';
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
  const read = readContextField(given, 'lifecycle');
  if (!read.success) return { success: false, error: new ValidationError([read.issue], 'context') };
  return { success: true, data: (read.value as AssetLifecycle | undefined) ?? defaultAssetLifecycle() };
}

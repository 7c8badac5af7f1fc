import { isLifecycle, readContextField } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import { TenantId } from '../core/record-fields.schema';
import { parseWith } from '../core/from-zod';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
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
    return { success: false, error: new ValidationError([issue(['lifecycle'], `could not be read: ${cause instanceof Error ? cause.message : String(cause)}`)], 'context') };
  }
}

/**
 * The tenant and human number a context gives for a new asset.
 * @internal
 */
export function newAssetIdentity(context: unknown): SafeResult<{ tenantId: string; number: string }, ValidationError> {
  const given = typeof context === 'object' && context !== null ? context : {};
  const issues: ValidationIssue[] = [];
  const readTenant = readContextField(given, 'tenantId');
  const readNumber = readContextField(given, 'number');
  for (const read of [readTenant, readNumber]) if (!read.success) issues.push(read.issue);
  if (!readTenant.success || !readNumber.success) return { success: false, error: new ValidationError(issues, 'context') };
  const tenant = parseWith(TenantId, readTenant.value, 'tenantId');
  if (!tenant.success) {
    // A value that throws when inspected says so; any other says what is expected.
    const unreadable = tenant.error.issues.find((found) => found.message.startsWith('could not be read'));
    issues.push(unreadable === undefined ? issue(['tenantId'], 'must be a non-empty string of at most 128 characters', readTenant.value) : { ...unreadable, path: ['tenantId'] });
  }
  const number = readNumber.value;
  if (typeof number !== 'string' || number.length === 0 || number.length > 32) {
    issues.push(issue(['number'], 'must be the human number, a non-empty string of at most 32 characters', number));
  }
  if (issues.length > 0 || !tenant.success || typeof number !== 'string') return { success: false, error: new ValidationError(issues, 'context') };
  return { success: true, data: { tenantId: tenant.data, number } };
}

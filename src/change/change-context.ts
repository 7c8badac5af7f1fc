import { isLifecycle } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import { RecordId, TenantId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { defaultChangeLifecycle, type ChangeExtra, type ChangeLifecycle } from './change-lifecycle';

/** What `applyChangeEvent` needs beyond the change and the event. */
export interface ChangeContext extends LifecycleContext {
  /** The lifecycle, with the host's options (approval policy …); the defaults when omitted. */
  readonly lifecycle?: ChangeLifecycle;
  /**
   * The ids of the groups the acting user acts for, from the host's directory: a member may
   * decide an approval asked of one of these groups (the CAB, say).
   */
  readonly actorGroups?: readonly string[];
}

/** What `openChange` needs: who, when, a fresh id, the tenant and the human number. */
export interface OpenChangeContext extends ChangeContext {
  /** The tenant the change belongs to. */
  readonly tenantId: string;
  /** The human number the host's numbering issued, e.g. `CHG0001001`. */
  readonly number: string;
}

/** The change-specific parts of a context, validated. @internal */
export function changeExtra(context: unknown): SafeResult<{ lifecycle: ChangeLifecycle; extra: ChangeExtra }, ValidationError> {
  const given = typeof context === 'object' && context !== null ? (context as Partial<Record<keyof ChangeContext, unknown>>) : {};
  const issues: ValidationIssue[] = [];
  let lifecycle = defaultChangeLifecycle();
  if (given.lifecycle !== undefined) {
    if (isLifecycle(given.lifecycle, 'change')) lifecycle = given.lifecycle as ChangeLifecycle;
    else issues.push(issue(['lifecycle'], 'must be made by defineChangeLifecycle()'));
  }
  let actorGroups: readonly string[] = [];
  if (given.actorGroups !== undefined) {
    if (Array.isArray(given.actorGroups) && given.actorGroups.every((id) => RecordId.safeParse(id).success)) actorGroups = given.actorGroups as string[];
    else issues.push(issue(['actorGroups'], 'must be an array of group ids'));
  }
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'context') };
  return { success: true, data: { lifecycle, extra: { actorGroups } } };
}

/** The tenant and human number a context gives for a new change. @internal */
export function newChangeIdentity(context: unknown): SafeResult<{ tenantId: string; number: string }, ValidationError> {
  const given = (typeof context === 'object' && context !== null ? context : {}) as { tenantId?: unknown; number?: unknown };
  const issues: ValidationIssue[] = [];
  const tenant = TenantId.safeParse(given.tenantId);
  if (!tenant.success) issues.push(issue(['tenantId'], 'must be a non-empty string of at most 128 characters', given.tenantId));
  const { number } = given;
  if (typeof number !== 'string' || number.length === 0 || number.length > 32) {
    issues.push(issue(['number'], 'must be the human number, a non-empty string of at most 32 characters', number));
  }
  if (issues.length > 0 || !tenant.success || typeof number !== 'string') return { success: false, error: new ValidationError(issues, 'context') };
  return { success: true, data: { tenantId: tenant.data, number } };
}

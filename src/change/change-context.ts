import { listEntries } from '../core/list-entries';
import { isLifecycle, readContext, readContextField } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import { RecordId } from '../core/record-fields.schema';
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
  return readContext(() => checkedChangeExtra(context));
}

function checkedChangeExtra(context: unknown): SafeResult<{ lifecycle: ChangeLifecycle; extra: ChangeExtra }, ValidationError> {
  const given = typeof context === 'object' && context !== null ? context : {};
  const issues: ValidationIssue[] = [];
  let lifecycle = defaultChangeLifecycle();
  const readLifecycle = readContextField(given, 'lifecycle');
  if (!readLifecycle.success) issues.push(readLifecycle.issue);
  else if (readLifecycle.value !== undefined) {
    if (readable(() => isLifecycle(readLifecycle.value, 'change'))) lifecycle = readLifecycle.value as ChangeLifecycle;
    else issues.push(issue(['lifecycle'], 'must be made by defineChangeLifecycle()'));
  }
  let actorGroups: readonly string[] = [];
  const readGroups = readContextField(given, 'actorGroups');
  if (!readGroups.success) issues.push(readGroups.issue);
  else if (readGroups.value !== undefined) {
    // Copied once, so a proxy cannot answer one way now and another when a guard reads it.
    const groups = copyOf(readGroups.value);
    if (groups === 'unreadable') issues.push(issue(['actorGroups'], 'could not be read'));
    else if (groups !== undefined && groups.every((id) => RecordId.safeParse(id).success)) actorGroups = groups as string[];
    else issues.push(issue(['actorGroups'], 'must be an array of group ids'));
  }
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'context') };
  return { success: true, data: { lifecycle, extra: { actorGroups } } };
}

/** Whether a check holds; a check that throws (a hostile value) does not. */
function readable(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

/** A plain copy of an array, undefined for anything else, or `unreadable` when reading it throws. */
function copyOf(value: unknown): unknown[] | undefined | 'unreadable' {
  try {
    return Array.isArray(value) ? listEntries(value as unknown[]) : undefined;
  } catch {
    return 'unreadable';
  }
}

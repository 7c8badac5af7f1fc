import type { BusinessCalendar } from '../calendar/business-calendar';
import { compiledCalendar } from '../calendar/business-calendar';
import { compiledPriorityMatrix, type PriorityMatrix } from '../core/priority-matrix';
import { DEFAULT_PRIORITY_MATRIX } from '../core/default-priority-matrix';
import { isLifecycle, readContext } from '../core/apply-lifecycle-event';
import type { LifecycleContext } from '../core/lifecycle';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { Incident } from './incident.schema';
import { defaultIncidentLifecycle, type IncidentExtra, type IncidentLifecycle } from './incident-lifecycle';

/** What {@link applyIncidentEvent} needs beyond the incident and the event. */
export interface IncidentContext extends LifecycleContext {
  /** The lifecycle, with the host's options; the defaults when omitted. */
  readonly lifecycle?: IncidentLifecycle;
  /** The matrix that derives priority from impact and urgency; the ITIL 3×3 when omitted. */
  readonly priorityMatrix?: PriorityMatrix;
  /** Calendars by id, for automatic closing after business days. */
  readonly calendars?: Readonly<Record<string, BusinessCalendar>>;
  /**
   * The incident's children, when it is an accepted major incident and the lifecycle resolves
   * children with their parent. Incidents whose `parentIncident` is not this one are ignored.
   */
  readonly children?: readonly Incident[];
}

/** What {@link openIncident} needs: who, when, a fresh id, the tenant and the human number. */
export interface OpenIncidentContext extends LifecycleContext {
  /** The tenant the incident belongs to. */
  readonly tenantId: string;
  /** The human number the host's numbering issued, e.g. `INC0001001`. */
  readonly number: string;
  readonly lifecycle?: IncidentLifecycle;
  readonly priorityMatrix?: PriorityMatrix;
}

/** The incident-specific parts of a context, validated. @internal */
export function incidentExtra(
  context: unknown,
): SafeResult<{ lifecycle: IncidentLifecycle; extra: IncidentExtra; children: readonly unknown[] | undefined }, ValidationError> {
  return readContext(() => checkedIncidentExtra(context));
}

function checkedIncidentExtra(
  context: unknown,
): SafeResult<{ lifecycle: IncidentLifecycle; extra: IncidentExtra; children: readonly unknown[] | undefined }, ValidationError> {
  const issues: ValidationIssue[] = [];
  const given = typeof context === 'object' && context !== null ? (context as Partial<IncidentContext>) : {};
  const lifecycle = given.lifecycle ?? defaultIncidentLifecycle();
  if (!isLifecycle(lifecycle, 'incident')) issues.push(issue(['lifecycle'], 'must be made by defineIncidentLifecycle()'));
  const priorityMatrix = given.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX;
  try {
    compiledPriorityMatrix(priorityMatrix, 'priorityMatrix');
  } catch (error) {
    if (error instanceof ValidationError) issues.push(...error.issues);
    else throw error;
  }
  const calendars = given.calendars ?? {};
  if (typeof calendars !== 'object' || calendars === null || Array.isArray(calendars)) {
    issues.push(issue(['calendars'], 'must be an object of calendars by id'));
  } else {
    for (const [id, calendar] of Object.entries(calendars)) {
      try {
        compiledCalendar(calendar);
      } catch (error) {
        if (error instanceof ValidationError) issues.push(issue(['calendars', id], 'must be a calendar made by defineCalendar()'));
        else throw error;
      }
    }
  }
  const children = given.children;
  if (children !== undefined && !Array.isArray(children)) issues.push(issue(['children'], 'must be an array of incidents'));
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'context') };
  return { success: true, data: { lifecycle, extra: { priorityMatrix, calendars }, children } };
}

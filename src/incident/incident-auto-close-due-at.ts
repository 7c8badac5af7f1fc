import { readArgument } from '../core/unreadable-argument';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseWith } from '../core/from-zod';
import { issue, ValidationError } from '../core/validation-error';
import type { Incident } from './incident.schema';
import { autoCloseDueAt } from './incident-auto-close';
import { incidentExtra } from './incident-context';
import type { IncidentLifecycle } from './incident-lifecycle';

/**
 * When a resolved incident is due to close automatically under its lifecycle's `autoClose`
 * option: the end of the N-th business day after the day it was resolved. The host's scheduler
 * sends `{ type: 'auto_close' }` at or after that instant.
 *
 * @param incident - the incident
 * @param options - the lifecycle (its `autoClose` option) and the calendars by id
 * @returns the instant, or undefined when the incident is not resolved or the lifecycle does not close automatically
 * @throws {@link ValidationError} for an invalid incident, lifecycle or calendar, or a calendar
 *   id the lifecycle names that is missing from `calendars`
 *
 * @example
 * ```ts
 * const lifecycle = defineIncidentLifecycle({ autoClose: { businessDays: 3, calendar: 'desk' } });
 * incidentAutoCloseDueAt(resolvedIncident, { lifecycle, calendars: { desk } }); // => Date
 * ```
 */
export function incidentAutoCloseDueAt(
  incident: Incident,
  options: { readonly lifecycle: IncidentLifecycle; readonly calendars: Readonly<Record<string, BusinessCalendar>> },
): Date | undefined {
  const extra = incidentExtra(options);
  if (!extra.success) throw extra.error;
  const { lifecycle } = extra.data;
  // One of ours is frozen, but a proxy around it can still throw when its parts are read.
  const { schema, autoClose } = readArgument(['options', 'lifecycle'], () => {
    const given = lifecycle.options.autoClose;
    return { schema: lifecycle.schema, autoClose: given === undefined ? undefined : { businessDays: given.businessDays, calendar: given.calendar } };
  });
  const parsed = parseWith(schema, incident, 'incident');
  if (!parsed.success) throw parsed.error;
  if (autoClose === undefined || parsed.data.state !== 'resolved') return undefined;
  const due = autoCloseDueAt(parsed.data, autoClose, extra.data.extra.calendars);
  if (typeof due === 'string') throw new ValidationError([issue(['calendars', autoClose.calendar], due)], 'argument');
  return due;
}

import { parseWith } from '../core/from-zod';
import type { Incident } from '../incident/incident.schema';
import { OpenIncidentInput } from '../incident/incident-event.schema';
import { safeApplyIncidentEvent } from '../incident/apply-incident-event';
import { safeOpenIncident } from '../incident/open-incident';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice } from './practice';

/**
 * Incidents as a practice of the service. Children are not passed to the domain function, so
 * resolving a major incident does not cascade to its children here.
 * @internal
 */
export function incidentPractice(options: ResolvedItsmOptions): OpeningPractice<Incident> {
  const shared = {
    ...(options.lifecycles.incident === undefined ? {} : { lifecycle: options.lifecycles.incident }),
    ...(options.priorityMatrix === undefined ? {} : { priorityMatrix: options.priorityMatrix }),
  };
  return {
    kind: 'incident',
    numberFormat: options.numberFormats.incident,
    policy: options.slaPolicies.incident,
    usesActorGroups: false,
    parseInput: (input) => parseWith(OpenIncidentInput, input, 'incident'),
    open: (input, context) => safeOpenIncident(input, { ...context, ...shared }),
    apply: (record, event, { now, actor, newId }) => safeApplyIncidentEvent(record, event, { now, actor, newId, ...shared, calendars: options.calendars }),
  };
}

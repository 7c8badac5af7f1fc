export { Incident, IncidentState, MajorIncidentState } from './incident.schema';
export { IncidentEvent, OpenIncidentInput } from './incident-event.schema';
export {
  IncidentLifecycleOptions,
  defineIncidentLifecycle,
  safeDefineIncidentLifecycle,
  type IncidentLifecycle,
  type IncidentLifecycleOptionsInput,
} from './incident-lifecycle';
export type { IncidentContext, OpenIncidentContext } from './incident-context';
export { openIncident, safeOpenIncident } from './open-incident';
export { applyIncidentEvent, safeApplyIncidentEvent, type IncidentChange, type CascadeRefusal } from './apply-incident-event';
export { incidentAutoCloseDueAt } from './incident-auto-close-due-at';
export { incidentJsonSchema } from './incident-json-schema';

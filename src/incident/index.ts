export { Incident, IncidentState, MajorIncidentState } from './incident.schema';

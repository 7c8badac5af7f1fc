// Small helpers shared by the incident lifecycle tests: people, instants, and opening and
// stepping an incident with a context that is valid unless a test says otherwise.
import {
  openIncident,
  safeApplyIncidentEvent,
  type Incident,
  type IncidentChange,
  type IncidentContext,
  type InvalidTransitionError,
  type OpenIncidentContext,
  type OpenIncidentInput,
  type SafeResult,
  type ValidationError,
} from '../../src/index';

export const caller = { kind: 'user', id: 'caller-1', name: 'Carla Caller' } as const;
export const agent = { kind: 'user', id: 'agent-1', name: 'Ada Agent' } as const;
export const otherAgent = { kind: 'user', id: 'agent-2' } as const;
export const scheduler = { kind: 'system', id: 'scheduler' } as const;
export const desk = { kind: 'group', id: 'service-desk' } as const;

/** Monday 2026-11-23, 09:00 in Berlin. */
export const OPENED = '2026-11-23T08:00:00.000Z';

/** The instant `minutes` after `iso`, as an instant string. */
export const after = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A source of fresh ids: `j-1`, `j-2`, … */
export function idSource(prefix = 'j'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** Opens an incident at {@link OPENED} with sensible input; each argument overrides a part. */
export function open(input: Partial<OpenIncidentInput> = {}, context: Partial<OpenIncidentContext> = {}): Incident {
  return openIncident(
    { shortDescription: 'VPN drops every ten minutes', caller, impact: 2, urgency: 2, ...input },
    { now: OPENED, actor: agent, newId: idSource('inc'), tenantId: 'acme', number: 'INC0001001', ...context },
  ).record;
}

/** Applies an event a minute after the incident's last change, by the agent, unless the context says otherwise. */
export function step(incident: Incident, event: unknown, context: Partial<IncidentContext> = {}): SafeResult<IncidentChange, ValidationError | InvalidTransitionError> {
  return safeApplyIncidentEvent(incident, event, { now: after(incident.updatedAt, 1), actor: agent, newId: idSource(), ...context });
}

/** Like {@link step}, but the event must be accepted. */
export function apply(incident: Incident, event: unknown, context: Partial<IncidentContext> = {}): IncidentChange {
  const result = step(incident, event, context);
  if (!result.success) throw new Error(`expected ${JSON.stringify(event)} to be accepted, got ${result.error.message}`);
  return result.data;
}

/** Applies events in order, each one a minute after the last, and returns the final incident. */
export function drive(incident: Incident, events: readonly unknown[], context: Partial<IncidentContext> = {}): Incident {
  return events.reduce<Incident>((current, event) => apply(current, event, context).record, incident);
}

/** Like {@link step}, but the event must be refused; returns the error. */
export function refusal(incident: Incident, event: unknown, context: Partial<IncidentContext> = {}): ValidationError | InvalidTransitionError {
  const result = step(incident, event, context);
  if (result.success) throw new Error(`expected ${JSON.stringify(event)} to be refused, but it was accepted`);
  return result.error;
}

/** The paths of a validation error's issues, as dotted strings; [] for any other error. */
export function issuePaths(error: { readonly issues?: readonly { readonly path: readonly (string | number)[] }[] }): string[] {
  return (error.issues ?? []).map((found) => found.path.join('.'));
}

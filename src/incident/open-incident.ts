import { runLifecycleCreation, orThrow } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import { priorityFor } from '../core/priority-for';
import type { RecordChange } from '../core/record-change';
import { newRecordIdentity } from '../core/record-identity';
import type { SafeResult } from '../core/safe-result';
import { ValidationError } from '../core/validation-error';
import type { Incident } from './incident.schema';
import { incidentExtra, type OpenIncidentContext } from './incident-context';
import { OpenIncidentInput } from './incident-event.schema';

/**
 * Opens an incident: validates the input, derives its priority from impact and urgency, and
 * puts it in its lifecycle's initial state (`new`, not a major incident) at version 1.
 *
 * @param input - what the caller or agent gave: short description, caller, impact, urgency, …
 * @param context - now, actor, newId (the record's id), tenantId and number; optionally the
 *   lifecycle and priority matrix
 * @returns the new incident, its creation patches and an `incident.opened` event
 * @throws {@link ValidationError} naming the path of every problem in the input or context
 *
 * @example
 * ```ts
 * const { record } = openIncident(
 *   { shortDescription: 'VPN down', caller: { kind: 'user', id: 'u-1' }, impact: 2, urgency: 1 },
 *   { now: new Date(), actor: { kind: 'user', id: 'agent-7' }, newId: randomUUID, tenantId: 'acme', number: 'INC0001001' },
 * );
 * record.priority; // => 2
 * ```
 */
export function openIncident(input: OpenIncidentInput, context: OpenIncidentContext): RecordChange<Incident> {
  return orThrow(safeOpenIncident(input, context));
}

/**
 * Like {@link openIncident}, but returns the error instead of throwing it, and takes `unknown`
 * input: the function for a request body.
 *
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link openIncident}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeOpenIncident(body, context);
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeOpenIncident(input: unknown, context: OpenIncidentContext): SafeResult<RecordChange<Incident>, ValidationError> {
  const parsed = parseWith(OpenIncidentInput, input, 'incident');
  if (!parsed.success) return parsed;
  const extra = incidentExtra(context);
  if (!extra.success) return extra;
  // Read as every practice reads them: a field that throws when read is named.
  const identity = newRecordIdentity(context);
  if (!identity.success) return identity;
  const data = parsed.data;
  return runLifecycleCreation(
    extra.data.lifecycle,
    'incident',
    ({ now, actor, newId }) => {
      let priority: number;
      try {
        priority = priorityFor(extra.data.extra.priorityMatrix, data.impact, data.urgency);
      } catch (error) {
        // Name the fields of the input, not the arguments of priorityFor.
        if (error instanceof ValidationError) throw new ValidationError(error.issues, 'incident');
        throw error;
      }
      return {
        id: newId(),
        tenantId: identity.data.tenantId,
        number: identity.data.number,
        version: 1,
        createdAt: now,
        updatedAt: now,
        openedBy: actor,
        ...data,
        priority,
        openedAt: now,
        reopenCount: 0,
        journal: [],
        attachments: [],
      };
    },
    context,
  );
}

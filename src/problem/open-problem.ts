import { runLifecycleCreation, orThrow } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import { priorityFor } from '../core/priority-for';
import type { RecordChange } from '../core/record-change';
import type { SafeResult } from '../core/safe-result';
import { ValidationError } from '../core/validation-error';
import type { Problem } from './problem.schema';
import { newRecordIdentity } from '../core/record-identity';
import { problemExtra, type OpenProblemContext } from './problem-context';
import { OpenProblemInput } from './problem-event.schema';

/**
 * Opens a problem: validates the input, derives its priority from impact and urgency, and puts
 * it in its lifecycle's initial state (`new`) at version 1. A root cause given at opening is
 * identified at the opening instant.
 *
 * @param input - what the problem manager gave: statement, impact, urgency, related incidents, …
 * @param context - now, actor, newId (the record's id), tenantId and number; optionally the
 *   lifecycle and priority matrix
 * @returns the new problem, its creation patches and a `problem.opened` event
 * @throws {@link ValidationError} naming the path of every problem in the input or context
 *
 * @example
 * ```ts
 * const { record } = openProblem(
 *   { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 1, relatedIncidents: ['inc-1', 'inc-2'] },
 *   { now: new Date(), actor: { kind: 'user', id: 'pm-1' }, newId: randomUUID, tenantId: 'acme', number: 'PRB0001001' },
 * );
 * record.priority; // => 2
 * ```
 */
export function openProblem(input: OpenProblemInput, context: OpenProblemContext): RecordChange<Problem> {
  return orThrow(safeOpenProblem(input, context));
}

/**
 * Like {@link openProblem}, but returns the error instead of throwing it, and takes `unknown`
 * input: the function for a request body.
 *
 * @param input - anything; typically a parsed request body
 * @param context - as for {@link openProblem}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never for bad input or context; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeOpenProblem(body, context);
 * if (!result.success) return reply.status(400).send(result.error.toJSON());
 * ```
 */
export function safeOpenProblem(input: unknown, context: OpenProblemContext): SafeResult<RecordChange<Problem>, ValidationError> {
  const parsed = parseWith(OpenProblemInput, input, 'problem');
  if (!parsed.success) return parsed;
  const extra = problemExtra(context);
  if (!extra.success) return extra;
  const identity = newRecordIdentity(context);
  if (!identity.success) return identity;
  const { configurationItems = [], relatedIncidents = [], ...data } = parsed.data;
  return runLifecycleCreation(
    extra.data.lifecycle,
    'problem',
    ({ now, actor, newId }) => {
      let priority: number;
      try {
        priority = priorityFor(extra.data.extra.priorityMatrix, data.impact, data.urgency);
      } catch (error) {
        // Name the fields of the input, not the arguments of priorityFor.
        if (error instanceof ValidationError) throw new ValidationError(error.issues, 'problem');
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
        ...(data.rootCause === undefined ? {} : { rootCauseIdentifiedAt: now }),
        configurationItems,
        priority,
        relatedIncidents,
        knownErrors: [],
        relatedChanges: [],
        openedAt: now,
        journal: [],
        attachments: [],
      };
    },
    context,
  );
}

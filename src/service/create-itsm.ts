import type { Instant } from '../core/record-fields.schema';
import { isItsmError, type ItsmError } from '../core/itsm-error';
import type { SafeResult } from '../core/safe-result';
import type { ChangeEvent, OpenChangeInput } from '../change/change-event.schema';
import type { ChangeRequest } from '../change/change-request.schema';
import type { IncidentEvent, OpenIncidentInput } from '../incident/incident-event.schema';
import type { OpenProblemInput, ProblemEvent } from '../problem/problem-event.schema';
import type { Problem } from '../problem/problem.schema';
import type { Incident } from '../incident/incident.schema';
import type { StorableRecord } from '../store/record-repository';
import { changePractice } from './change-practice';
import { incidentPractice } from './incident-practice';
import { resolveItsmOptions, type ItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import type { PracticeApi } from './practice-api';
import { problemPractice } from './problem-practice';
import { processDueSlaOf, type SlaScanResult } from './process-due-sla';
import { practiceApi } from './record-commands';
import { safely } from './service-arguments';

/** The incident commands and queries of {@link Itsm}. */
export type IncidentApi = PracticeApi<Incident, OpenIncidentInput, IncidentEvent>;
/** The problem commands and queries of {@link Itsm}. */
export type ProblemApi = PracticeApi<Problem, OpenProblemInput, ProblemEvent>;
/** The change request commands and queries of {@link Itsm}. */
export type ChangeApi = PracticeApi<ChangeRequest, OpenChangeInput, ChangeEvent>;

/** The service `createItsm` returns: the practice APIs and the SLA breach scan. */
export interface Itsm {
  readonly incidents: IncidentApi;
  readonly problems: ProblemApi;
  readonly changes: ChangeApi;
  /**
   * The breach scan: announces in the outbox, once each, the SLA thresholds and breaches of
   * records whose deadline is at or before `now` (the clock by default), and moves their
   * deadline on. Run it from the host's scheduler; running it twice announces nothing twice.
   */
  processDueSla(tenantId: string, now?: Date | Instant): Promise<SlaScanResult>;
  safeProcessDueSla(tenantId: unknown, now?: unknown): Promise<SafeResult<SlaScanResult, ItsmError>>;
}

/**
 * Wires the domain to a store: each command validates its input, asks `authorize`, runs the
 * lifecycle transition, recomputes the record's SLA clocks and next deadline, and writes the new
 * version with its audit entry and outgoing events in one transaction, or nothing at all.
 *
 * @param options - the store, and optionally calendars, SLA policies, the priority matrix,
 *   lifecycles, number formats, the authorize hook, the clock and the id source
 * @returns the service
 * @throws {@link ValidationError} naming every bad option
 *
 * @example
 * ```ts
 * const itsm = createItsm({
 *   store: createMemoryStore(),
 *   calendars: { service_desk: desk },
 *   slaPolicies: { incident: DEFAULT_INCIDENT_SLA_POLICY },
 *   authorize: (actor, action) => action !== 'incident.cancel' || actor.kind === 'user',
 * });
 * const incident = await itsm.incidents.open('acme', agent, { shortDescription: 'VPN down', caller, impact: 2, urgency: 1 }, { idempotencyKey: requestId });
 * await itsm.processDueSla('acme');
 * ```
 */
export function createItsm(options: ItsmOptions): Itsm {
  const resolved = resolveItsmOptions(options);
  const incidents = incidentPractice(resolved);
  const problems = problemPractice(resolved);
  const changes = changePractice(resolved);
  const practices = [incidents, problems, changes] as unknown as readonly Practice<StorableRecord>[];
  const processDueSla = (tenantId: string, now?: Date | Instant): Promise<SlaScanResult> => processDueSlaOf(resolved, practices, tenantId, now);
  return {
    incidents: practiceApi<Incident, OpenIncidentInput, IncidentEvent>(incidents, resolved),
    problems: practiceApi<Problem, OpenProblemInput, ProblemEvent>(problems, resolved),
    changes: practiceApi<ChangeRequest, OpenChangeInput, ChangeEvent>(changes, resolved),
    processDueSla,
    safeProcessDueSla: (tenantId, now) => safely(() => processDueSla(tenantId as string, now as Date | Instant)),
  };
}

/**
 * Like {@link createItsm}, but returns the error instead of throwing it.
 *
 * @param options - as for {@link createItsm}; anything
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeCreateItsm(config);
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeCreateItsm(options: unknown): SafeResult<Itsm, ItsmError> {
  try {
    return { success: true, data: createItsm(options as ItsmOptions) };
  } catch (error) {
    if (isItsmError(error)) return { success: false, error };
    throw error;
  }
}

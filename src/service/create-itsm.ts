import type { Instant } from '../core/record-fields.schema';
import { isItsmError, type ItsmError } from '../core/itsm-error';
import type { SafeResult } from '../core/safe-result';
import type { Asset } from '../asset/asset.schema';
import type { AssetEvent, OpenAssetInput } from '../asset/asset-event.schema';
import type { ChangeEvent, OpenChangeInput } from '../change/change-event.schema';
import type { ChangeRequest } from '../change/change-request.schema';
import type { IncidentEvent, OpenIncidentInput } from '../incident/incident-event.schema';
import type { OpenProblemInput, ProblemEvent } from '../problem/problem-event.schema';
import type { Problem } from '../problem/problem.schema';
import type { KnownError } from '../problem/known-error.schema';
import type { KnownErrorEvent } from '../problem/known-error-event.schema';
import type { Incident } from '../incident/incident.schema';
import type { FulfilmentTask } from '../request/fulfilment-task.schema';
import type { FulfilmentTaskEvent } from '../request/fulfilment-task-event.schema';
import type { RequestItem } from '../request/request-item.schema';
import type { RequestItemEvent } from '../request/request-item-event.schema';
import type { ServiceRequest } from '../request/service-request.schema';
import type { ServiceRequestEvent } from '../request/service-request-event.schema';
import type { StorableRecord } from '../store/record-repository';
import { assetPractice } from './asset-practice';
import { changePractice } from './change-practice';
import { ciRelationshipCommands, type CiRelationshipApi } from './ci-relationship-command';
import { ciRelationshipPractice } from './ci-relationship-practice';
import { configurationItemApi, type ConfigurationItemApi } from './configuration-item-command';
import { configurationItemPractice } from './configuration-item-practice';
import { commandSteps } from './command-runner';
import { incidentPractice } from './incident-practice';
import { knownErrorPractice } from './known-error-practice';
import { resolveItsmOptions, type ItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import type { PracticeApi, RecordApi } from './practice-api';
import { problemPractice } from './problem-practice';
import { processDueSlaOf, type SlaScanResult } from './process-due-sla';
import { repairSlaOf, type SlaRepairResult } from './repair-sla';
import { knownErrorPublishing, type KnownErrorPublishing } from './publish-known-error-command';
import { practiceApi, recordApi } from './record-commands';
import { requestPractices } from './request-practices';
import { closeRequestAfterItem } from './close-request-after-item';
import { fulfilmentStarting, type FulfilmentStarting } from './start-fulfilment-command';
import { serviceRequestSubmitting, type ServiceRequestSubmitting } from './submit-service-request-command';
import { safely } from './service-arguments';

/** The incident commands and queries of {@link Itsm}. */
export type IncidentApi = PracticeApi<Incident, OpenIncidentInput, IncidentEvent>;
/** The problem commands and queries of {@link Itsm}, with the publication of known errors. */
export type ProblemApi = PracticeApi<Problem, OpenProblemInput, ProblemEvent> & KnownErrorPublishing;
/** The known error commands and queries of {@link Itsm}; a known error is created by `itsm.problems.publishKnownError`. */
export type KnownErrorApi = RecordApi<KnownError, KnownErrorEvent>;
/** The service request commands and queries of {@link Itsm}: submit from the catalog, then apply events. */
export type ServiceRequestApi = RecordApi<ServiceRequest, ServiceRequestEvent> & ServiceRequestSubmitting;
/** The request item commands and queries of {@link Itsm}; items are created by `itsm.requests.submit`. */
export type RequestItemApi = RecordApi<RequestItem, RequestItemEvent> & FulfilmentStarting;
/** The fulfilment task commands and queries of {@link Itsm}. */
export type FulfilmentTaskApi = RecordApi<FulfilmentTask, FulfilmentTaskEvent>;
/** The asset commands and queries of {@link Itsm}. */
export type AssetApi = PracticeApi<Asset, OpenAssetInput, AssetEvent>;
/** The change request commands and queries of {@link Itsm}. */
export type ChangeApi = PracticeApi<ChangeRequest, OpenChangeInput, ChangeEvent>;

/** The service `createItsm` returns: the practice APIs and the SLA breach scan. */
export interface Itsm {
  readonly incidents: IncidentApi;
  /** Problems, and `publishKnownError`, which creates a known error and links it in one transaction. */
  readonly problems: ProblemApi;
  /** Known errors, made by `problems.publishKnownError`: apply (update, publish, retire) and read. */
  readonly knownErrors: KnownErrorApi;
  readonly changes: ChangeApi;
  /** Hardware and software assets, from order to disposal. */
  readonly assets: AssetApi;
  /** Service requests: `submit` creates the request and its items; a cancellation or rejection cascades to them. */
  readonly requests: ServiceRequestApi;
  /**
   * Request items, made by `requests.submit`; `startFulfilment` creates their fulfilment tasks.
   * An `apply` that ends a request's last open item then closes the request, in a command of its
   * own by the same actor (unless the request lifecycle's `closeWithLastItem` is off).
   */
  readonly requestItems: RequestItemApi;
  /** Fulfilment tasks, made by `requestItems.startFulfilment`. */
  readonly fulfilmentTasks: FulfilmentTaskApi;
  /** The CMDB's configuration items, checked against `ciClasses`, and impact analysis over them. */
  readonly configurationItems: ConfigurationItemApi;
  /** The typed relationships between configuration items. */
  readonly ciRelationships: CiRelationshipApi;
  /**
   * The breach scan: announces in the outbox, once each, the SLA thresholds and breaches of
   * records whose deadline is at or before `now` (the clock by default), and moves their
   * deadline on. Run it from the host's scheduler; running it twice announces nothing twice.
   * `now` (or the clock) must lie within the calendars' horizon, 1900 to 2200.
   */
  processDueSla(tenantId: string, now?: Date | Instant): Promise<SlaScanResult>;
  safeProcessDueSla(tenantId: unknown, now?: unknown): Promise<SafeResult<SlaScanResult, ItsmError>>;
  /**
   * After the host changed an SLA policy or a calendar: replays, from their audit trails, the
   * clocks of every record kept under the old configuration (or of records opened before their
   * kind had a policy), stores their deadlines again for the breach scan, and says whose due
   * instant or breaches changed. Records whose clocks still run get what they now owe
   * announced; ended ones are rewritten quietly. Reads and commands already use the new
   * configuration without it; the scan needs it to find deadlines the change moved earlier.
   * `now` (or the clock) must lie within the calendars' horizon, 1900 to 2200.
   */
  repairSla(tenantId: string, now?: Date | Instant): Promise<SlaRepairResult>;
  safeRepairSla(tenantId: unknown, now?: unknown): Promise<SafeResult<SlaRepairResult, ItsmError>>;
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
  const knownErrors = knownErrorPractice(resolved);
  const assets = assetPractice(resolved);
  const requests = requestPractices(resolved);
  const steps = commandSteps(resolved);
  const configurationItems = configurationItemPractice(resolved);
  const ciRelationships = ciRelationshipPractice(resolved);
  const practices = [incidents, problems, changes, requests.requests, requests.items, requests.tasks] as unknown as readonly Practice<StorableRecord>[];
  const processDueSla = (tenantId: string, now?: Date | Instant): Promise<SlaScanResult> => processDueSlaOf(resolved, practices, tenantId, now);
  const requestApi = recordApi<ServiceRequest, ServiceRequestEvent>(requests.requests, resolved, steps);
  return {
    incidents: practiceApi<Incident, OpenIncidentInput, IncidentEvent>(incidents, resolved, steps),
    problems: { ...practiceApi<Problem, OpenProblemInput, ProblemEvent>(problems, resolved, steps), ...knownErrorPublishing(problems, knownErrors, resolved, steps) },
    knownErrors: recordApi<KnownError, KnownErrorEvent>(knownErrors, resolved, steps),
    changes: practiceApi<ChangeRequest, OpenChangeInput, ChangeEvent>(changes, resolved, steps),
    assets: practiceApi<Asset, OpenAssetInput, AssetEvent>(assets, resolved, steps),
    requests: { ...requestApi, ...serviceRequestSubmitting(requests, resolved, steps) },
    requestItems: { ...recordApi<RequestItem, RequestItemEvent>(requests.items, resolved, steps, closeRequestAfterItem(resolved, requestApi, requests.lifecycles)), ...fulfilmentStarting(requests, resolved, steps) },
    fulfilmentTasks: recordApi<FulfilmentTask, FulfilmentTaskEvent>(requests.tasks, resolved, steps),
    configurationItems: configurationItemApi(configurationItems, resolved, steps),
    ciRelationships: ciRelationshipCommands(configurationItems, ciRelationships, resolved, steps),
    processDueSla,
    safeProcessDueSla: (tenantId, now) => safely(() => processDueSla(tenantId as string, now as Date | Instant)),
    repairSla: (tenantId, now) => repairSlaOf(resolved, practices, tenantId, now),
    safeRepairSla: (tenantId, now) => safely(() => repairSlaOf(resolved, practices, tenantId as string, now as Date | Instant)),
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

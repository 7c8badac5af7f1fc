import type { BusinessCalendar } from '../calendar/business-calendar';
import { compiledCalendar } from '../calendar/business-calendar';
import { isLifecycle } from '../core/apply-lifecycle-event';
import { compiledPriorityMatrix, type PriorityMatrix } from '../core/priority-matrix';
import { DEFAULT_RECORD_NUMBER_FORMATS, RecordNumberFormat } from '../core/record-number';
import type { ActorRef } from '../core/record-fields.schema';
import { isItsmError } from '../core/itsm-error';
import { isArrayArgument, optionsSnapshot, unreadableIssue } from '../core/unreadable-argument';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { AssetLifecycle } from '../asset/asset-lifecycle';
import { compiledCatalogue, defineCiClasses, safeDefineCiClasses, type CiClassCatalogue } from '../cmdb/ci-class-catalogue';
import type { CiRelationshipTypeInput } from '../cmdb/ci-relationship-type.schema';
import type { ChangeLifecycle } from '../change/change-lifecycle';
import type { IncidentLifecycle } from '../incident/incident-lifecycle';
import type { KnownErrorLifecycle } from '../problem/known-error-lifecycle';
import type { FulfilmentTaskLifecycle } from '../request/fulfilment-task-lifecycle';
import type { RequestItemLifecycle } from '../request/request-item-lifecycle';
import type { ServiceRequestLifecycle } from '../request/service-request-lifecycle';
import type { ProblemLifecycle } from '../problem/problem-lifecycle';
import { compiledSlaPolicy, type SlaPolicy } from '../sla/sla-policy';
import type { ItsmStore } from '../store/store';

/**
 * The host's authorisation hook: may `actor` do `action` (`incident.open`, `incident.resolve`,
 * …) to `record` (the record as it is now; for a creation, the record about to be created)?
 * A false answer refuses the command with a `forbidden` error and nothing is written.
 */
export type AuthorizeHook = (actor: ActorRef, action: string, record: Readonly<Record<string, unknown>>, request: AuthorizationRequest) => boolean | Promise<boolean>;

/** What else {@link AuthorizeHook} is told about a command. */
export interface AuthorizationRequest {
  readonly tenantId: string;
  readonly kind: string;
  /** The record after the command, when the command changes one. */
  readonly next?: Readonly<Record<string, unknown>>;
}

/** The record kinds `createItsm` serves, as its options name them. */
export type ServiceKind = 'incident' | 'problem' | 'knownError' | 'change' | 'asset' | 'request' | 'requestItem' | 'task' | 'configurationItem' | 'ciRelationship';

/**
 * The record kinds that may have an SLA policy: service requests, request items and fulfilment
 * tasks too (a fulfilment target on items, an OLA on tasks).
 */
export type SlaServiceKind = 'incident' | 'problem' | 'change' | 'request' | 'requestItem' | 'task';

/** The lifecycle of each kind, with the host's options. */
export interface ServiceLifecycles {
  readonly incident?: IncidentLifecycle;
  readonly problem?: ProblemLifecycle;
  readonly change?: ChangeLifecycle;
  readonly knownError?: KnownErrorLifecycle;
  readonly asset?: AssetLifecycle;
  readonly request?: ServiceRequestLifecycle;
  readonly requestItem?: RequestItemLifecycle;
  readonly task?: FulfilmentTaskLifecycle;
}

/**
 * The ids of the groups an actor acts for, from the host's directory: a member may decide a
 * change approval asked of one of these groups (the CAB, say).
 */
export type ActorGroupsHook = (actor: ActorRef, tenantId: string) => readonly string[] | Promise<readonly string[]>;

/** Options of {@link createItsm}. Every one but `store` has a default. */
export interface ItsmOptions {
  /** Where records, audit entries and outgoing events are kept: `createMemoryStore()` or `createPostgresStore(…)`. */
  readonly store: ItsmStore;
  /** Business calendars by id; every SLA target's calendar must be here. */
  readonly calendars?: Readonly<Record<string, BusinessCalendar>>;
  /** The SLA policy of each kind; a kind without one has no SLA clocks. */
  readonly slaPolicies?: Readonly<Partial<Record<SlaServiceKind, SlaPolicy>>>;
  /** Derives priority from impact and urgency; the ITIL 3×3 when omitted. */
  readonly priorityMatrix?: PriorityMatrix;
  /** The lifecycle of each kind, with the host's options; the defaults when omitted. */
  readonly lifecycles?: ServiceLifecycles;
  /** How each kind is numbered for people; {@link DEFAULT_RECORD_NUMBER_FORMATS} when omitted. */
  readonly numberFormats?: Readonly<Partial<Record<ServiceKind, RecordNumberFormat>>>;
  /** Asked before every command; allows everything when omitted. */
  readonly authorize?: AuthorizeHook;
  /** Asked for the groups of the actor of a change command; none when omitted. */
  readonly actorGroups?: ActorGroupsHook;
  /** The time of a command; the system clock when omitted. It must answer Dates between 1900 and 2200, the calendars' horizon. */
  readonly clock?: () => Date;
  /** Fresh ids for records and journal entries; `crypto.randomUUID` when omitted. */
  readonly ids?: () => string;
  /**
   * How many times a command that lost a race is run again on fresh data, 0 to 10; 2 by default.
   * Only commands safe to repeat are: an `apply` without `expectedVersion` and an `open`.
   */
  readonly conflictRetries?: number;
  /** Who the breach scan's events name as actor; `{ kind: 'system', id: 'sla' }` by default. */
  readonly systemActor?: ActorRef;
  /**
   * The configuration item classes and relationship types the CMDB commands check against, from
   * `defineCiClasses`; `defineCiClasses([])` (the built-in classes and types) when omitted.
   */
  readonly ciClasses?: CiClassCatalogue;
  /**
   * The relationship types the CMDB accepts, replacing the catalogue's; the catalogue's own
   * (for the default one, `DEFAULT_CI_RELATIONSHIP_TYPES`) when omitted. To add a type to the
   * built-in ones, pass `[...DEFAULT_CI_RELATIONSHIP_TYPES, mine]`.
   */
  readonly ciRelationshipTypes?: readonly CiRelationshipTypeInput[];
}

/** The options after validation, every default filled in. @internal */
export interface ResolvedItsmOptions {
  readonly store: ItsmStore;
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
  readonly slaPolicies: Readonly<Partial<Record<SlaServiceKind, SlaPolicy>>>;
  readonly priorityMatrix: PriorityMatrix | undefined;
  readonly lifecycles: ServiceLifecycles;
  readonly numberFormats: Readonly<Record<ServiceKind, RecordNumberFormat>>;
  readonly authorize: AuthorizeHook;
  readonly actorGroups: ActorGroupsHook;
  readonly clock: () => Date;
  readonly ids: () => string;
  readonly conflictRetries: number;
  readonly systemActor: ActorRef;
  /** `ciClasses` with `ciRelationshipTypes` applied. */
  readonly ciCatalogue: CiClassCatalogue;
}

const KNOWN = ['store', 'calendars', 'slaPolicies', 'priorityMatrix', 'lifecycles', 'numberFormats', 'authorize', 'actorGroups', 'clock', 'ids', 'conflictRetries', 'systemActor', 'ciClasses', 'ciRelationshipTypes'];
const KINDS: readonly ServiceKind[] = ['incident', 'problem', 'knownError', 'change', 'asset', 'request', 'requestItem', 'task', 'configurationItem', 'ciRelationship'];
/** The kinds that have a lifecycle the host may configure. */
type LifecycleKind = keyof ServiceLifecycles;
/** How relationships are numbered when the host does not say; not among the core formats, as only the service stores relationships. */
const CI_RELATIONSHIP_FORMAT: RecordNumberFormat = Object.freeze({ prefix: 'REL', digits: 7 });
const SLA_KINDS: readonly SlaServiceKind[] = ['incident', 'problem', 'change', 'request', 'requestItem', 'task'];
/** The maker of each kind's lifecycle, and the kind that lifecycle is made for. */
const LIFECYCLES: Readonly<Record<LifecycleKind, readonly [maker: string, kind: string]>> = {
  incident: ['defineIncidentLifecycle', 'incident'],
  problem: ['defineProblemLifecycle', 'problem'],
  knownError: ['defineKnownErrorLifecycle', 'known_error'],
  change: ['defineChangeLifecycle', 'change'],
  asset: ['defineAssetLifecycle', 'asset'],
  request: ['defineServiceRequestLifecycle', 'service_request'],
  requestItem: ['defineRequestItemLifecycle', 'request_item'],
  task: ['defineFulfilmentTaskLifecycle', 'fulfilment_task'],
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a kind-keyed option: an object whose keys are kinds this service knows. */
function byKind(value: unknown, name: string, issues: ValidationIssue[], each: (entry: unknown, path: (string | number)[]) => void, kinds: readonly string[] = KINDS): void {
  if (value === undefined) return;
  let keys: string[] = [];
  checking([name], issues, () => {
    if (isObject(value)) keys = Object.keys(value);
    else issues.push(issue([name], 'must be an object keyed by record kind'));
  });
  for (const key of keys) {
    if (!kinds.includes(key)) issues.push(issue([name, key], `is not a kind this service knows here (${kinds.join(', ')})`));
    else {
      checking([name, key], issues, () => {
        const entry = (value as Record<string, unknown>)[key];
        if (entry !== undefined) each(entry, [name, key]);
      });
    }
  }
}

/**
 * Runs the check of one option: what reading the caller's objects throws there (a getter, a
 * revoked proxy) is an issue naming the option; the library's own errors pass unchanged.
 */
function checking(path: (string | number)[], issues: ValidationIssue[], check: () => void): void {
  try {
    check();
  } catch (cause) {
    if (isItsmError(cause)) throw cause;
    issues.push(unreadableIssue(path, cause));
  }
}

/**
 * Validates the options of `createItsm` and fills in the defaults. The defaults for the clock
 * and ids read the outside world: this is the shell, the one place allowed to.
 * @internal
 */
export function resolveItsmOptions(input: unknown): ResolvedItsmOptions {
  // Read once, into a plain copy: options that throw when read are bad input like any other.
  const options = typeof input === 'object' && input !== null && !isArrayArgument(input, ['options']) ? optionsSnapshot(input, ['options'], KNOWN) : input;
  if (!isObject(options)) throw new ValidationError([issue([], 'must be an object with at least a store')], 'options');
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(options)) if (!KNOWN.includes(key)) issues.push(issue([key], 'is not a known option'));
  const given = options as Partial<ItsmOptions>;
  const store = given.store as unknown;
  checking(['store'], issues, () => {
    if (!isObject(store) || typeof store.transaction !== 'function') issues.push(issue(['store'], 'must be a store, from createMemoryStore() or createPostgresStore()'));
  });

  const calendars = given.calendars ?? {};
  let calendarIds: string[] = [];
  checking(['calendars'], issues, () => {
    if (isObject(calendars)) calendarIds = Object.keys(calendars);
    else issues.push(issue(['calendars'], 'must be an object of calendars by id'));
  });
  for (const id of calendarIds) {
    checking(['calendars', id], issues, () => {
      try {
        compiledCalendar((calendars as Record<string, unknown>)[id]);
      } catch (error) {
        if (!isItsmError(error)) throw error;
        issues.push(issue(['calendars', id], 'must be a calendar made by defineCalendar()'));
      }
    });
  }
  byKind(given.slaPolicies, 'slaPolicies', issues, (policy, path) => {
    try {
      const compiled = compiledSlaPolicy(policy);
      for (const target of compiled.targets) {
        const id = target.definition.calendar;
        if (!isObject(calendars) || !Object.hasOwn(calendars, id)) issues.push(issue([...path, 'targets', target.index, 'calendar'], `names calendar ${id}, which is not in calendars`));
      }
    } catch {
      issues.push(issue(path, 'must be an SLA policy made by defineSlaPolicy()'));
    }
  }, SLA_KINDS);
  if (given.priorityMatrix !== undefined) {
    try {
      compiledPriorityMatrix(given.priorityMatrix, 'priorityMatrix');
    } catch {
      issues.push(issue(['priorityMatrix'], 'must be a priority matrix made by definePriorityMatrix()'));
    }
  }
  byKind(given.lifecycles, 'lifecycles', issues, (lifecycle, path) => {
    const [maker, kind] = LIFECYCLES[path[1] as LifecycleKind];
    if (!isLifecycle(lifecycle, kind)) issues.push(issue(path, `must be made by ${maker}()`));
  }, Object.keys(LIFECYCLES));
  const numberFormats = Object.fromEntries(KINDS.map((kind) => [kind, kind === 'ciRelationship' ? CI_RELATIONSHIP_FORMAT : DEFAULT_RECORD_NUMBER_FORMATS[kind]])) as Record<ServiceKind, RecordNumberFormat>;
  byKind(given.numberFormats, 'numberFormats', issues, (format, path) => {
    const parsed = RecordNumberFormat.safeParse(format);
    if (parsed.success) numberFormats[path[1] as ServiceKind] = parsed.data;
    else issues.push(issue(path, 'must be { prefix, digits }, e.g. { prefix: "INC", digits: 7 }'));
  });
  for (const hook of ['authorize', 'actorGroups', 'clock', 'ids'] as const) {
    if (given[hook] !== undefined && typeof given[hook] !== 'function') issues.push(issue([hook], 'must be a function'));
  }
  const retries = given.conflictRetries ?? 2;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) issues.push(issue(['conflictRetries'], 'must be a whole number from 0 to 10', retries));
  // Copied as checked: the actor the service writes is the one checked here.
  let systemActor: Partial<Record<'kind' | 'id' | 'name', unknown>> = {};
  checking(['systemActor'], issues, () => {
    const actor: unknown = given.systemActor ?? { kind: 'system', id: 'sla' };
    if (isObject(actor)) systemActor = { kind: actor['kind'], id: actor['id'], name: actor['name'] };
    if (!isObject(actor) || typeof systemActor.id !== 'string' || systemActor.id.length === 0 || !['user', 'group', 'system'].includes(String(systemActor.kind))) {
      issues.push(issue(['systemActor'], 'must be an actor such as { kind: "system", id: "sla" }'));
    }
  });
  let ciCatalogue: CiClassCatalogue | undefined;
  checking(['ciRelationshipTypes'], issues, () => {
    ciCatalogue = resolveCiCatalogue(given.ciClasses, given.ciRelationshipTypes, issues);
  });
  if (issues.length > 0 || ciCatalogue === undefined) throw new ValidationError(issues, 'options');
  return {
    store: given.store!,
    calendars,
    slaPolicies: given.slaPolicies ?? {},
    priorityMatrix: given.priorityMatrix,
    lifecycles: given.lifecycles ?? {},
    numberFormats,
    authorize: given.authorize ?? (() => true),
    actorGroups: given.actorGroups ?? (() => []),
    clock: given.clock ?? (() => new Date()),
    ids: given.ids ?? (() => crypto.randomUUID()),
    conflictRetries: retries,
    systemActor: { kind: systemActor.kind, id: systemActor.id, ...(systemActor.name === undefined ? {} : { name: systemActor.name }) } as ActorRef,
    ciCatalogue,
  };
}

let defaultCiCatalogue: CiClassCatalogue | undefined;

/** The catalogue the CMDB commands use: the host's or the built-in one, its relationship types replaced when the host gives them. */
function resolveCiCatalogue(classes: unknown, types: unknown, issues: ValidationIssue[]): CiClassCatalogue | undefined {
  let catalogue: CiClassCatalogue;
  try {
    catalogue = classes === undefined ? (defaultCiCatalogue ??= defineCiClasses([])) : (classes as CiClassCatalogue);
    compiledCatalogue(catalogue);
  } catch {
    issues.push(issue(['ciClasses'], 'must be a catalogue made by defineCiClasses()'));
    return undefined;
  }
  if (types === undefined) return catalogue;
  // Compiled again over the same classes, so the types are checked against them exactly as
  // defineCiClasses checks its own.
  const rebuilt = safeDefineCiClasses(catalogue.classes, { includeDefaults: false, relationshipTypes: types });
  if (rebuilt.success) return rebuilt.data;
  for (const found of rebuilt.error.issues) {
    const [first, ...rest] = found.path;
    issues.push({ ...found, path: first === 'relationshipTypes' ? ['ciRelationshipTypes', ...rest] : ['ciRelationshipTypes', ...found.path] });
  }
  return undefined;
}

import { listEntries } from '../core/list-entries';
import type { z } from 'zod';
import { isLifecycle, readContext, readContextField } from '../core/apply-lifecycle-event';
import { parseWith } from '../core/from-zod';
import type { Lifecycle, LifecycleContext } from '../core/lifecycle';
import { RecordId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { unreadableIssue } from '../core/unreadable-argument';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { FulfilmentTask } from './fulfilment-task.schema';
import { defaultFulfilmentTaskLifecycle, type FulfilmentTaskExtra, type FulfilmentTaskLifecycle } from './fulfilment-task-lifecycle';
import type { RequestItem } from './request-item.schema';
import { defaultRequestItemLifecycle, type RequestItemExtra, type RequestItemLifecycle } from './request-item-lifecycle';
import type { ServiceRequest } from './service-request.schema';
import { defaultServiceRequestLifecycle, type ServiceRequestExtra, type ServiceRequestLifecycle } from './service-request-lifecycle';

/** The records the host numbers for people: `REQ…`, `RITM…`, `TASK…` (see `DEFAULT_RECORD_NUMBER_FORMATS`). */
export type RequestNumberKind = 'request' | 'requestItem' | 'task';

/**
 * The lifecycles of a request's three records, with the host's options; each one left out is
 * the default. Pass the same ones to every request function: a request's `close` reads its
 * items' states through the item lifecycle, an item's `complete` its tasks' through the task one.
 */
export interface RequestLifecycles {
  readonly request?: ServiceRequestLifecycle;
  readonly item?: RequestItemLifecycle;
  readonly task?: FulfilmentTaskLifecycle;
}

/** What every request function may be given besides now, actor and newId. */
interface WithLifecycles extends LifecycleContext {
  /** The lifecycles with the host's options; the defaults when omitted. */
  readonly lifecycles?: RequestLifecycles;
  /**
   * The ids of the groups the acting user acts for, from the host's directory: a member may
   * decide an approval asked of one of these groups.
   */
  readonly actorGroups?: readonly string[];
}

/** What {@link applyServiceRequestEvent} needs beyond the request and the event. */
export interface ServiceRequestContext extends WithLifecycles {
  /** The request's items: `close` needs all of them; `cancel` and a rejection cancel the open ones. */
  readonly items?: readonly RequestItem[];
  /** The items' fulfilment tasks, canceled with their items. */
  readonly tasks?: readonly FulfilmentTask[];
}

/** What {@link applyRequestItemEvent} needs beyond the item and the event. */
export interface RequestItemContext extends WithLifecycles {
  /** The item's fulfilment tasks: closing the item needs all of them; `cancel` cancels the open ones. */
  readonly tasks?: readonly FulfilmentTask[];
  /** The item's request: when given, fulfilment may start only once the request is approved. */
  readonly request?: ServiceRequest;
  /**
   * The request's items (this one among them or not): with `request`, the event that ends the
   * last open item also closes the request, as its items decide, unless the request lifecycle's
   * `closeWithLastItem` is off.
   */
  readonly items?: readonly RequestItem[];
}

/** What {@link applyFulfilmentTaskEvent} needs beyond the task and the event. */
export interface FulfilmentTaskContext extends LifecycleContext {
  readonly lifecycles?: RequestLifecycles;
  /**
   * All the tasks of the task's request item (the task itself among them or not); one not given
   * is taken not to exist. Tasks run in order of `order`: a task may start, or close as complete
   * or incomplete, only once every task of its item with a lower order is closed or canceled, so
   * those events need the item's tasks for a task whose order is above 0. Skipping, canceling,
   * assigning and commenting never wait.
   */
  readonly tasks?: readonly FulfilmentTask[];
}

/** What {@link submitServiceRequest} needs: who, when, fresh ids, the tenant and the host's numbering. */
export interface SubmitServiceRequestContext extends LifecycleContext {
  /** The tenant the request belongs to. */
  readonly tenantId: string;
  /** The host's numbering: the next human number of a kind, e.g. `REQ0001001`. */
  readonly nextNumber: (kind: RequestNumberKind) => string;
  readonly lifecycles?: RequestLifecycles;
}

/** What {@link startFulfilment} needs: who, when, fresh ids and the host's numbering for the tasks. */
export interface StartFulfilmentContext extends LifecycleContext {
  /** The host's numbering: the next human number of a kind, e.g. `TASK0001001`. */
  readonly nextNumber: (kind: RequestNumberKind) => string;
  readonly lifecycles?: RequestLifecycles;
  /** The item's request: when given, it must be approved, and it moves to `in_fulfilment` with its first item. */
  readonly request?: ServiceRequest;
}

/** The three lifecycles, defaults filled in. @internal */
export interface ResolvedLifecycles {
  readonly request: ServiceRequestLifecycle;
  readonly item: RequestItemLifecycle;
  readonly task: FulfilmentTaskLifecycle;
}

const DEFINERS = { request: 'defineServiceRequestLifecycle', item: 'defineRequestItemLifecycle', task: 'defineFulfilmentTaskLifecycle' } as const;
const KINDS = { request: 'service_request', item: 'request_item', task: 'fulfilment_task' } as const;

/**
 * A field of the context, read once; one that throws when read (a getter, a revoked proxy) is an
 * issue named after the field, and reads as not given.
 */
function field(given: Readonly<Record<string, unknown>>, name: string, issues: ValidationIssue[]): unknown {
  const read = readContextField(given, name);
  if (read.success) return read.value;
  issues.push(read.issue);
  return undefined;
}

/** The context as an object of optional fields; anything else reads as empty (core reports it). */
function fieldsOf(context: unknown): Readonly<Record<string, unknown>> {
  return typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {};
}

function resolveLifecycles(given: unknown, issues: ValidationIssue[]): ResolvedLifecycles {
  const resolved = { request: defaultServiceRequestLifecycle(), item: defaultRequestItemLifecycle(), task: defaultFulfilmentTaskLifecycle() };
  if (given === undefined) return resolved;
  if (typeof given !== 'object' || given === null) {
    issues.push(issue(['lifecycles'], 'must be an object with the request, item and task lifecycles'));
    return resolved;
  }
  for (const key of ['request', 'item', 'task'] as const) {
    const value = (given as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (isLifecycle(value, KINDS[key])) (resolved as Record<string, unknown>)[key] = value;
    else issues.push(issue(['lifecycles', key], `must be made by ${DEFINERS[key]}()`));
  }
  return resolved;
}

/** The built-in state a record's state behaves as, under a lifecycle that may add states. @internal */
export function stateOf(lifecycle: Lifecycle<unknown, unknown>): (state: string) => string {
  const { behavesAs } = lifecycle.internals;
  return (state) => behavesAs.get(state) ?? state;
}

function parseRecords<T>(schema: z.ZodType<T>, value: unknown, field: string, issues: ValidationIssue[]): readonly T[] | undefined {
  if (value === undefined) return undefined;
  let entries: unknown[] | undefined;
  try {
    // By index, up to a hole: a hole is a missing record, refused at its index, not left out.
    entries = Array.isArray(value) ? listEntries(value as unknown[]) : undefined;
  } catch (cause) {
    // A revoked proxy or a throwing entry: named here rather than as the context as a whole.
    issues.push(unreadableIssue([field], cause));
    return undefined;
  }
  if (entries === undefined) {
    issues.push(issue([field], `must be an array of ${field}`));
    return undefined;
  }
  const records: T[] = [];
  entries.forEach((record, index) => {
    const parsed = parseWith(schema, record, 'context');
    if (parsed.success) records.push(parsed.data);
    else issues.push(...parsed.error.issues.map((found) => ({ ...found, path: [field, index, ...found.path] })));
  });
  return records;
}

function parseActorGroups(value: unknown, issues: ValidationIssue[]): readonly string[] {
  if (value === undefined) return [];
  let groups: unknown[] | undefined;
  try {
    groups = Array.isArray(value) ? listEntries(value as unknown[]) : undefined;
  } catch (cause) {
    issues.push(unreadableIssue(['actorGroups'], cause));
    return [];
  }
  if (groups === undefined || !groups.every((id) => RecordId.safeParse(id).success)) {
    issues.push(issue(['actorGroups'], 'must be an array of group ids'));
    return [];
  }
  return groups as string[];
}

function parseRequest(value: unknown, lifecycle: ServiceRequestLifecycle, issues: ValidationIssue[]): ServiceRequest | undefined {
  if (value === undefined) return undefined;
  const parsed = parseWith(lifecycle.schema, value, 'context');
  if (parsed.success) return parsed.data;
  issues.push(...parsed.error.issues.map((found) => ({ ...found, path: ['request', ...found.path] })));
  return undefined;
}

const failed = (issues: readonly ValidationIssue[]) => ({ success: false as const, error: new ValidationError(issues, 'context') });

/** The request-specific parts of a {@link ServiceRequestContext}, validated. @internal */
export function serviceRequestExtra(
  context: unknown,
): SafeResult<{ lifecycles: ResolvedLifecycles; extra: ServiceRequestExtra; tasks: readonly FulfilmentTask[] | undefined }, ValidationError> {
  return readContext(() => checkedServiceRequestExtra(context));
}

function checkedServiceRequestExtra(
  context: unknown,
): SafeResult<{ lifecycles: ResolvedLifecycles; extra: ServiceRequestExtra; tasks: readonly FulfilmentTask[] | undefined }, ValidationError> {
  const given = fieldsOf(context);
  const issues: ValidationIssue[] = [];
  const lifecycles = resolveLifecycles(field(given, 'lifecycles', issues), issues);
  const items = parseRecords(lifecycles.item.schema, field(given, 'items', issues), 'items', issues);
  const tasks = parseRecords(lifecycles.task.schema, field(given, 'tasks', issues), 'tasks', issues);
  const actorGroups = parseActorGroups(field(given, 'actorGroups', issues), issues);
  if (issues.length > 0) return failed(issues);
  return { success: true, data: { lifecycles, extra: { items, itemStateOf: stateOf(lifecycles.item), actorGroups }, tasks } };
}

/** The item-specific parts of a {@link RequestItemContext}, validated; `item` is the raw item, for checking the request given is its own. @internal */
export function requestItemExtra(
  context: unknown,
  item: unknown,
): SafeResult<{ lifecycles: ResolvedLifecycles; extra: RequestItemExtra; request: ServiceRequest | undefined; items: readonly RequestItem[] | undefined }, ValidationError> {
  return readContext(() => checkedRequestItemExtra(context, item));
}

function checkedRequestItemExtra(
  context: unknown,
  item: unknown,
): SafeResult<{ lifecycles: ResolvedLifecycles; extra: RequestItemExtra; request: ServiceRequest | undefined; items: readonly RequestItem[] | undefined }, ValidationError> {
  const given = fieldsOf(context);
  const issues: ValidationIssue[] = [];
  const lifecycles = resolveLifecycles(field(given, 'lifecycles', issues), issues);
  const tasks = parseRecords(lifecycles.task.schema, field(given, 'tasks', issues), 'tasks', issues);
  const items = parseRecords(lifecycles.item.schema, field(given, 'items', issues), 'items', issues);
  const actorGroups = parseActorGroups(field(given, 'actorGroups', issues), issues);
  const request = parseRequest(field(given, 'request', issues), lifecycles.request, issues);
  if (request !== undefined) {
    const { request: requestId, tenantId } = fieldsOf(item);
    // An item that is not an object is reported by the lifecycle runner; here only a mismatch counts.
    if ((typeof requestId === 'string' && requestId !== request.id) || (typeof tenantId === 'string' && tenantId !== request.tenantId)) {
      issues.push(issue(['request'], `must be the item's own request (${typeof requestId === 'string' ? requestId : 'unknown'})`));
    }
  }
  if (issues.length > 0) return failed(issues);
  const requestState = request === undefined ? undefined : { number: request.number, state: stateOf(lifecycles.request)(request.state) };
  return { success: true, data: { lifecycles, extra: { tasks, taskStateOf: stateOf(lifecycles.task), actorGroups, request: requestState }, request, items } };
}

/** The task-specific parts of a {@link FulfilmentTaskContext}, validated. @internal */
export function fulfilmentTaskExtra(context: unknown): SafeResult<{ lifecycles: ResolvedLifecycles; extra: FulfilmentTaskExtra }, ValidationError> {
  return readContext(() => {
    const given = fieldsOf(context);
    const issues: ValidationIssue[] = [];
    const lifecycles = resolveLifecycles(field(given, 'lifecycles', issues), issues);
    const tasks = parseRecords(lifecycles.task.schema, field(given, 'tasks', issues), 'tasks', issues);
    if (issues.length > 0) return failed(issues);
    return { success: true, data: { lifecycles, extra: { tasks, taskStateOf: stateOf(lifecycles.task) } } };
  });
}

/** The lifecycles of any request context, validated. @internal */
export function requestLifecycles(context: unknown): SafeResult<ResolvedLifecycles, ValidationError> {
  const issues: ValidationIssue[] = [];
  const lifecycles = resolveLifecycles(field(fieldsOf(context), 'lifecycles', issues), issues);
  return issues.length > 0 ? failed(issues) : { success: true, data: lifecycles };
}

/**
 * Asks the host's numbering for the next number of a kind and checks what it gave.
 * @internal
 */
export function numberFrom(nextNumber: (kind: RequestNumberKind) => string, kind: RequestNumberKind): SafeResult<string, ValidationError> {
  const number: unknown = nextNumber(kind);
  if (typeof number === 'string' && number.length > 0 && number.length <= 32) return { success: true, data: number };
  return failed([issue(['nextNumber'], `must return the human number of a ${kind}, a non-empty string of at most 32 characters`, number)]);
}

/** Whether the context has a numbering function; an issue otherwise. @internal */
export function numberingOf(context: unknown): SafeResult<(kind: RequestNumberKind) => string, ValidationError> {
  const read = readContextField(fieldsOf(context), 'nextNumber');
  if (!read.success) return failed([read.issue]);
  const nextNumber = read.value;
  if (typeof nextNumber === 'function') return { success: true, data: nextNumber as (kind: RequestNumberKind) => string };
  return failed([issue(['nextNumber'], "must be the host's numbering: a function of 'request', 'requestItem' or 'task' returning the next number")]);
}

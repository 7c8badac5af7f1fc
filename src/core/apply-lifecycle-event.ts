import { enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { getNextTransitions, initialTransition, transition, type AnyMachineSnapshot, type StateValue } from 'xstate';
import { instantTextOf, readDateTimeValue } from './date-time-value';
import { deepFreeze } from './deep-freeze';
import { parseWith } from './from-zod';
import { isItsmError } from './itsm-error';
import { unreadableIssue } from './unreadable-argument';
import { InvalidTransitionError, type RefusedGuard } from './invalid-transition-error';
import { EXTENSION_NOTE_EFFECT, guardRefusal, madeByDefine, type Lifecycle, type MachineContext, type ResolvedContext } from './lifecycle';
import { ActorRef, Instant } from './record-fields.schema';
import type { DomainEvent, RecordChange, RecordPatch } from './record-change';
import { validationResult, type SafeResult } from './safe-result';
import { issue, ValidationError, type ValidationIssue } from './validation-error';
import { z } from 'zod';

/** The fields the runner itself reads and writes on every record. @internal */
export interface LifecycleRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly number: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly state: string;
  readonly journal?: readonly unknown[];
}

const ExtensionEvent = (type: string) =>
  z.strictObject({ type: z.literal(type), note: z.string().min(1, { error: 'must not be empty' }).max(100_000).optional() });

/**
 * Reads one field of a caller's context; a hostile context (a getter that throws, a revoked
 * proxy) gives an issue naming the field instead of the TypeError.
 * @internal
 */
export function readContextField(context: object, field: string): { success: true; value: unknown } | { success: false; issue: ValidationIssue } {
  try {
    return { success: true, value: (context as Record<string, unknown>)[field] };
  } catch (cause) {
    return { success: false, issue: unreadableIssue([field], cause) };
  }
}

/**
 * Runs `read`, which checks the parts of a caller's context a practice adds: what reading the
 * context throws (a getter, a proxy's trap, a revoked proxy) is a failed result naming the
 * context, not a raw error; the library's own errors pass unchanged. @internal
 */
export function readContext<T>(read: () => SafeResult<T, ValidationError>): SafeResult<T, ValidationError> {
  try {
    return read();
  } catch (cause) {
    if (isItsmError(cause)) throw cause;
    return { success: false, error: new ValidationError([unreadableIssue([], cause)], 'context') };
  }
}


/** The instant `now` gives, or the issue with it; a value that throws when inspected is an issue too. */
function instantOf(now: unknown): { at: string } | { issue: ValidationIssue } {
  try {
    // A value that throws when looked at (a revoked proxy, a throwing trap) could not be read.
    const time = readDateTimeValue(now);
    if (time !== undefined) {
      const at = instantTextOf(time);
      return at === undefined ? { issue: issue(['now'], 'must be a valid date from year 0 to 9999') } : { at };
    }
    const parsed = Instant.safeParse(now);
    if (parsed.success) return { at: parsed.data };
    return { issue: issue(['now'], 'must be a Date or an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z', now) };
  } catch (cause) {
    return { issue: unreadableIssue(['now'], cause) };
  }
}

/**
 * Validates the context every domain function takes.
 * @internal
 */
export function resolveContext<C>(context: unknown, extra: C): SafeResult<ResolvedContext<C>, ValidationError> {
  if (typeof context !== 'object' || context === null) {
    return { success: false, error: new ValidationError([issue([], 'must be an object with now, actor and newId')], 'context') };
  }
  const issues: ValidationIssue[] = [];
  const unread = new Set<string>();
  const [now, actor, newId] = (['now', 'actor', 'newId'] as const).map((field) => {
    const read = readContextField(context, field);
    if (read.success) return read.value;
    issues.push(read.issue);
    unread.add(field);
    return undefined;
  });
  let at: string | undefined;
  if (!unread.has('now')) {
    const instant = instantOf(now);
    if ('at' in instant) at = instant.at;
    else issues.push(instant.issue);
  }
  const parsedActor = parseWith(ActorRef, actor, 'actor');
  if (!unread.has('actor') && !parsedActor.success) issues.push(...parsedActor.error.issues.map((found) => ({ ...found, path: ['actor', ...found.path] })));
  if (!unread.has('newId') && typeof newId !== 'function') issues.push(issue(['newId'], 'must be a function returning a fresh id'));
  if (issues.length > 0 || at === undefined || !parsedActor.success || typeof newId !== 'function') {
    return { success: false, error: new ValidationError(issues, 'context') };
  }
  const ids = newId as () => unknown;
  return {
    success: true,
    data: {
      now: at,
      actor: parsedActor.data,
      newId: () => {
        const id: unknown = ids();
        if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw new ValidationError([issue(['newId'], 'must return a non-empty string of at most 128 characters')], 'context');
        return id;
      },
      extra,
    },
  };
}

/**
 * Whether `value` is a lifecycle made by a `defineXLifecycle()` (of `kind`, when given); an
 * object that throws when asked (a revoked proxy, a throwing trap) is none. @internal
 */
export function isLifecycle(value: unknown, kind?: string): value is Lifecycle<unknown, unknown> {
  if (!madeByDefine(value)) return false;
  try {
    return kind === undefined || (value as Partial<Lifecycle<unknown, unknown>>).kind === kind;
  } catch {
    return false;
  }
}

function stateValueOf(lifecycle: Lifecycle<unknown, unknown>, record: Record<string, unknown>): StateValue {
  const regions = lifecycle.internals.spec.regions;
  if (regions.length === 1) return record.state as string;
  return Object.fromEntries(regions.map((region) => [region.field, record[region.field] as string]));
}

function regionStates(lifecycle: Lifecycle<unknown, unknown>, value: StateValue): [string, string][] {
  const regions = lifecycle.internals.spec.regions;
  if (typeof value === 'string') return [['state', value]];
  return regions.map((region) => [region.field, value[region.field] as string]);
}

function describeState(value: StateValue): string {
  if (typeof value === 'string') return value;
  // The main region first, plainly; the others after it: `in_progress (major: candidate)`.
  const [main, ...others] = Object.entries(value).map(([region, state]) => [region, typeof state === 'string' ? state : JSON.stringify(state)] as const);
  return others.length === 0 ? (main?.[1] ?? '') : `${main?.[1] ?? ''} (${others.map(([region, state]) => `${region}: ${state}`).join(', ')})`;
}

function eventTypeOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  try {
    const type = (event as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
}

function parseEvent(lifecycle: Lifecycle<unknown, unknown>, event: unknown): SafeResult<{ type: string } & Record<string, unknown>, ValidationError> {
  const subject = `${lifecycle.kind} event`;
  const type = eventTypeOf(event);
  if (typeof event !== 'object' || event === null) return { success: false, error: new ValidationError([issue([], 'must be an object with a type')], subject) };
  if (type === undefined || !lifecycle.events.includes(type)) {
    return { success: false, error: new ValidationError([issue(['type'], `must be one of ${lifecycle.events.join(', ')}`, type)], subject) };
  }
  const schema = lifecycle.internals.extensionEvents.has(type) ? ExtensionEvent(type) : lifecycle.internals.spec.eventSchemas[type];
  if (schema === undefined) return { success: false, error: new ValidationError([issue(['type'], 'has no payload schema')], subject) };
  return parseWith(schema, event, subject) as SafeResult<{ type: string } & Record<string, unknown>, ValidationError>;
}

function readPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function refusal(
  lifecycle: Lifecycle<unknown, unknown>,
  snapshot: AnyMachineSnapshot,
  record: LifecycleRecord,
  event: { type: string },
  machineContext: MachineContext,
): InvalidTransitionError {
  const transitions = getNextTransitions(snapshot);
  const allowedEvents = allowedEventsOf(snapshot);
  const refusedBy: RefusedGuard[] = [];
  // Refusals that only say the payload chose another transition: reported when nothing else is.
  const notChosen: RefusedGuard[] = [];
  for (const candidate of transitions) {
    if (candidate.eventType !== event.type || typeof candidate.guard !== 'string') continue;
    const guard = lifecycle.internals.guards.get(candidate.guard);
    const answer = guard?.({ record: machineContext.record, event, options: machineContext.options, context: machineContext.context });
    if (answer === undefined) continue;
    const { reason, otherTransition } = guardRefusal(answer);
    const into = otherTransition ? notChosen : refusedBy;
    if (!into.some((known) => known.reason === reason)) into.push({ guard: candidate.guard, reason });
  }
  if (refusedBy.length === 0) refusedBy.push(...notChosen);
  return new InvalidTransitionError({
    recordKind: lifecycle.kind,
    recordId: record.id,
    number: record.number,
    state: describeState(snapshot.value as StateValue),
    event: event.type,
    allowedEvents,
    refusedBy,
  });
}

function allowedEventsOf(snapshot: AnyMachineSnapshot): string[] {
  const types: string[] = getNextTransitions(snapshot).map((candidate): string => String(candidate.eventType));
  return [...new Set(types)].filter((type) => type !== '' && !type.startsWith('xstate.'));
}

/**
 * The events a record's state has a transition for, in the lifecycle's order: what a form
 * offers as buttons. A guard may still refuse one of them for its payload or the record's
 * fields (the error says why).
 *
 * @param lifecycle - a lifecycle from `defineIncidentLifecycle` or a sibling
 * @param record - a record of that lifecycle's kind
 * @returns the event types
 * @throws {@link ValidationError} for a lifecycle not made by this library or an invalid record
 *
 * @example
 * ```ts
 * allowedEvents(defineIncidentLifecycle(), incident); // => ['assign', 'update', …, 'start', 'propose_major']
 * ```
 */
export function allowedEvents<R, O>(lifecycle: Lifecycle<R, O>, record: R): string[] {
  if (!isLifecycle(lifecycle)) throw new ValidationError([issue(['lifecycle'], 'must be made by a defineXLifecycle() function')], 'argument');
  const cycle = lifecycle as Lifecycle<unknown, unknown>;
  const parsed = parseWith(cycle.schema, record, cycle.kind);
  if (!parsed.success) throw parsed.error;
  const snapshot = cycle.machine.resolveState({ value: stateValueOf(cycle, parsed.data as Record<string, unknown>), context: { record: parsed.data, options: cycle.options, context: undefined } });
  return allowedEventsOf(snapshot);
}

let patchesEnabled = false;
/**
 * Turns on immer's patches once. Called per change it would cost little in production, but in
 * development immer keeps a little memory on every call, without end.
 * @internal
 */
export function patchesOn(): void {
  if (patchesEnabled) return;
  enablePatches();
  patchesEnabled = true;
}

/** Immer's patches as the audit trail keeps them. @internal */
export function toPatches(patches: readonly Patch[]): RecordPatch[] {
  return patches.map((patch) =>
    patch.op === 'remove' ? { op: patch.op, path: [...patch.path] } : { op: patch.op, path: [...patch.path], value: patch.value as unknown },
  );
}

function step(
  cycle: Lifecycle<unknown, unknown>,
  record: LifecycleRecord & Record<string, unknown>,
  event: { type: string } & Record<string, unknown>,
  machineContext: MachineContext,
):
  | { refused: InvalidTransitionError }
  | { snapshot: AnyMachineSnapshot; next: AnyMachineSnapshot; updated: unknown; patches: Patch[]; raised: { type: string; data: Record<string, unknown> }[] } {
  const context = machineContext.context;
  const snapshot = cycle.machine.resolveState({ value: stateValueOf(cycle, record), context: machineContext });
  if (!snapshot.can(event)) return { refused: refusal(cycle, snapshot, record, event, machineContext) };

  const [next, actions] = transition(cycle.machine, snapshot, event);
  const raised: { type: string; data: Record<string, unknown> }[] = [];
  const args = { record, event, options: cycle.options, context, raise: (type: string, data: Record<string, unknown> = {}) => raised.push({ type, data }) };
  patchesOn();
  const [updated, patches] = produceWithPatches(record, (draft: Draft<Record<string, unknown>>) => {
    for (const action of actions) {
      const effect = action.type as string;
      if (effect === EXTENSION_NOTE_EFFECT) {
        if (typeof event.note === 'string') addWorkNote(draft, event.note, context);
        continue;
      }
      cycle.internals.spec.effects[effect]?.(draft, args);
    }
    for (const [field, state] of regionStates(cycle, next.value as StateValue)) draft[field] = state;
    draft.version = record.version + 1;
    draft.updatedAt = context.now;
  }) as [unknown, Patch[], Patch[]];
  return { snapshot, next, updated, patches, raised };
}

/**
 * Applies one event to a record through its lifecycle: validates everything, asks the machine,
 * runs the transition's effects on an immer draft, checks the required fields and the record
 * schema, and returns the change. Refusals are returned, never thrown; nothing is mutated.
 * @internal
 */
export function runLifecycleEvent<R, O, C>(
  lifecycle: Lifecycle<R, O>,
  kind: string,
  recordInput: unknown,
  eventInput: unknown,
  contextInput: unknown,
  extra: C,
): SafeResult<RecordChange<R>, ValidationError | InvalidTransitionError> {
  if (!isLifecycle(lifecycle, kind)) {
    return { success: false, error: new ValidationError([issue(['lifecycle'], `must be made by define${capitalised(kind)}Lifecycle()`)], 'argument') };
  }
  const cycle = lifecycle as Lifecycle<unknown, unknown>;
  const context = resolveContext(contextInput, extra);
  if (!context.success) return context;
  const parsedRecord = parseWith(cycle.schema, recordInput, kind);
  if (!parsedRecord.success) return parsedRecord;
  const record = parsedRecord.data as LifecycleRecord & Record<string, unknown>;
  const parsedEvent = parseEvent(cycle, eventInput);
  if (!parsedEvent.success) return parsedEvent;
  const event = parsedEvent.data;
  const { now, actor } = context.data;
  if (now < record.updatedAt) {
    return { success: false, error: new ValidationError([issue(['now'], `must not be before the record's last change (${record.updatedAt})`, now)], 'context') };
  }

  const thrown: { error?: unknown } = {};
  const machineContext: MachineContext = { record, options: cycle.options, context: context.data, thrown };
  let stepped: { snapshot: AnyMachineSnapshot; next: AnyMachineSnapshot; updated: unknown; patches: Patch[]; raised: { type: string; data: Record<string, unknown> }[] };
  try {
    const found = step(cycle, record, event, machineContext);
    // A guard that threw refused; what it threw is the real answer.
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrown as the guard threw it
    if (thrown.error !== undefined) throw thrown.error;
    if ('refused' in found) return { success: false, error: found.refused };
    stepped = found;
  } catch (error) {
    // A guard or effect that met bad context (a calendar not made by defineCalendar, an
    // impact the priority matrix does not list) reports it as a validation error.
    if (error instanceof ValidationError) return { success: false, error };
    throw error;
  }
  const { snapshot, next, updated, patches, raised } = stepped;

  // Own keys only: an added event may be called `constructor`.
  const required = Object.hasOwn(cycle.internals.requiredFields, event.type) ? (cycle.internals.requiredFields[event.type] ?? []) : [];
  const missing = required.filter((path) => isMissing(readPath(updated, path)));
  if (missing.length > 0) {
    return {
      success: false,
      error: new InvalidTransitionError({
        recordKind: cycle.kind,
        recordId: record.id,
        number: record.number,
        state: describeState(snapshot.value as StateValue),
        event: event.type,
        allowedEvents: allowedEventsOf(snapshot),
        refusedBy: missing.map((path) => ({ guard: 'requiredFields', reason: `${path} is required to ${event.type}` })),
      }),
    };
  }
  const checked = parseWith(cycle.schema, updated, `${kind} after ${event.type}`);
  if (!checked.success) return checked;

  const { type, ...payload } = event;
  const base = { tenantId: record.tenantId, recordKind: kind, recordId: record.id, number: record.number, version: record.version + 1, at: now, actor };
  const name = (Object.hasOwn(cycle.internals.spec.eventNames, type) ? cycle.internals.spec.eventNames[type] : undefined) ?? type;
  const events: DomainEvent[] = [
    { type: `${kind}.${name}`, ...base, data: { from: snapshot.value, to: next.value, ...payload } },
    ...raised.map((extraEvent) => ({ type: `${kind}.${extraEvent.type}`, ...base, data: extraEvent.data })),
  ];
  return { success: true, data: deepFreeze({ record: updated as R, previous: record as R, patches: toPatches(patches), events }) };
}

/**
 * Creates a record through its lifecycle's initial transition: the machine's initial state is
 * written into the draft the practice built, and the result is checked against the schema.
 * @internal
 */
export function runLifecycleCreation<R, O>(
  lifecycle: Lifecycle<R, O>,
  kind: string,
  build: (context: ResolvedContext<undefined>) => Record<string, unknown>,
  contextInput: unknown,
  data: Record<string, unknown> = {},
): SafeResult<RecordChange<R>, ValidationError> {
  if (!isLifecycle(lifecycle, kind)) {
    return { success: false, error: new ValidationError([issue(['lifecycle'], `must be made by define${capitalised(kind)}Lifecycle()`)], 'argument') };
  }
  const cycle = lifecycle as Lifecycle<unknown, unknown>;
  const context = resolveContext(contextInput, undefined);
  if (!context.success) return context;
  const built = validationResult(() => build(context.data));
  if (!built.success) return built;
  const draft = built.data;
  const [initial] = initialTransition(cycle.machine, { record: draft, options: cycle.options, context: context.data });
  for (const [field, state] of regionStates(cycle, initial.value as StateValue)) draft[field] = state;
  const checked = parseWith(cycle.schema, draft, kind);
  if (!checked.success) return checked;
  const record = checked.data as LifecycleRecord;
  patchesOn();
  const [, patches] = produceWithPatches({} as Record<string, unknown>, (target) => {
    Object.assign(target, record);
  });
  const event: DomainEvent = {
    type: `${kind}.opened`,
    tenantId: record.tenantId,
    recordKind: kind,
    recordId: record.id,
    number: record.number,
    version: record.version,
    at: context.data.now,
    actor: context.data.actor,
    data: { to: initial.value, ...data },
  };
  return { success: true, data: deepFreeze({ record: record as R, previous: undefined, patches: toPatches(patches), events: [event] }) };
}

/** Appends a work note by the acting user to a record's journal. @internal */
export function addWorkNote(draft: Draft<Record<string, unknown>>, body: string, context: ResolvedContext<unknown>, kind: 'work_note' | 'comment' = 'work_note'): void {
  const journal = draft.journal as unknown[] | undefined;
  journal?.push({ id: context.newId(), kind, body, author: context.actor, at: context.now });
}

/** Throws what a `safeX` function returned as an error. @internal */
export function orThrow<T>(result: SafeResult<T>): T {
  if (!result.success) throw result.error;
  return result.data;
}

function capitalised(kind: string): string {
  return kind.replace(/(^|_)([a-z])/g, (_match, _separator: string, letter: string) => letter.toUpperCase());
}

import type { BusinessCalendar } from '../calendar/business-calendar';
import { compiledCalendar, readCompiledCalendar } from '../calendar/business-calendar';
import type { CalendarIndex } from '../calendar/calendar-index';
import { CALENDAR_HORIZON, HORIZON_END_MS, HORIZON_START_MS } from '../calendar/horizon';
import { parseInstantText, rememberInstantText } from '../calendar/instant-text';
import { dateTimeValue } from '../core/date-time-value';
import { isItsmError } from '../core/itsm-error';
import type { SafeResult } from '../core/safe-result';
import { isArrayArgument, readArgument, unreadableArgument } from '../core/unreadable-argument';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import type { ItsmError } from '../core/itsm-error';
import { initialSlaState, stepSla, steppingFailed, type TargetCalendars } from './advance-sla';
import { copyOf, ownState, OwnSlaState, successorOf, type SteppingState } from './own-sla-state';
import { compiledSlaPolicy, type CompiledPolicy, type SlaPolicy } from './sla-policy';
import { slaStateArgument } from './sla-state-argument';
import type { SlaEvaluation } from './sla-evaluation';
import type { SlaState } from './sla-state';
import { statusOf } from './sla-status';

/** One version of a record and the instant it was written. */
export interface SlaVersion {
  /** When the version was written: a `Date` or an instant such as `2026-11-23T08:00:00.000Z`. */
  readonly at: Date | string;
  /** The record at that version; conditions read its fields. */
  readonly record: Readonly<Record<string, unknown>>;
}

/** Options of {@link evaluateSla} and {@link slaStatus}. */
export interface EvaluateSlaOptions {
  /** The business calendars by id; every target's `calendar` must be here. */
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
  /** The instant to evaluate at; not before the last version. */
  readonly now: Date | string;
}

/** Options of {@link advanceSla}. */
export interface AdvanceSlaOptions {
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
}

const fail = (issues: ValidationIssue[], subject = 'argument'): never => {
  throw new ValidationError(issues, subject);
};

/**
 * An instant argument in ms, or a validation error at `path`. The calendar's horizon is checked
 * here, so an instant it cannot answer for is named where the caller gave it, not as a
 * parameter of a calendar function the caller never called. @internal
 */
export function instantArgument(value: unknown, path: readonly (string | number)[]): number {
  const ms = typeof value === 'string' ? parseInstantText(value) : dateTimeValue(value);
  if (ms === undefined || !Number.isFinite(ms)) return fail([issue(path, 'must be a Date or an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z', value)]);
  // Echoed as Date writes it: the fast formatter knows only years 1000–9999.
  if (ms < HORIZON_START_MS || ms > HORIZON_END_MS) return fail([issue(path, `must be between ${CALENDAR_HORIZON.start} and ${CALENDAR_HORIZON.end}`, new Date(ms).toISOString())]);
  // `now` is written back into an evaluation, as the end of every open stretch.
  if (typeof value === 'string') rememberInstantText(ms, value);
  return ms;
}

/**
 * The calendars resolved last, for which policy: the write path calls with the same policy and
 * calendars step after step, and a list equal to the last one is handed back instead of a new
 * one. Replaced whole, never written, so a call made while another runs (from a record's
 * getter) cannot spoil it; it holds the compiled indexes only, not the caller's objects.
 */
let resolvedLast: { readonly policy: CompiledPolicy; readonly found: TargetCalendars } | undefined;

/** Each target's calendar, in target order, checked, as its compiled index. @internal */
export function targetCalendars(policy: CompiledPolicy, calendars: unknown): TargetCalendars {
  if (typeof calendars !== 'object' || calendars === null || isArrayArgument(calendars, ['calendars'])) return fail([issue(['calendars'], 'must be an object of calendars by id')]);
  const targets = policy.targets;
  const last = resolvedLast;
  const cached = last !== undefined && last.policy === policy ? last.found : undefined;
  // Every calendar is read and checked at every call, once; only the list is reused, while each
  // entry is the one the last call found. Anything amiss is left to resolvedCalendars, which
  // names every problem.
  let found: CalendarIndex[] | undefined;
  for (let index = 0; index < targets.length; index++) {
    const id = targets[index]!.definition.calendar;
    const compiled = readCompiledCalendar(calendarAt(calendars, id));
    if (compiled === undefined) return resolvedCalendars(policy, calendars);
    if (found === undefined) {
      if (cached !== undefined && cached[index] === compiled.index) continue;
      // The first that differs: a new list, with the entries before it as they were.
      found = new Array<CalendarIndex>(targets.length);
      for (let before = 0; before < index; before++) found[before] = cached![before]!;
    }
    found[index] = compiled.index;
  }
  if (found === undefined && cached !== undefined) return cached;
  resolvedLast = { policy, found: found ?? [] };
  return resolvedLast.found;
}

function resolvedCalendars(policy: CompiledPolicy, calendars: object): CalendarIndex[] {
  const issues: ValidationIssue[] = [];
  const resolved = policy.targets.map((target) => {
    const id = target.definition.calendar;
    const calendar = calendarAt(calendars, id);
    try {
      return compiledCalendar(calendar).index;
    } catch {
      issues.push(issue(['calendars', id], calendar === undefined ? `is missing: target ${target.definition.id} runs on it` : 'must be a calendar made by defineCalendar()'));
      return undefined;
    }
  });
  if (issues.length > 0) fail(issues);
  return resolved as CalendarIndex[];
}

/**
 * The calendar under `id`, an own property only; calendars that cannot be read are bad input.
 * Written out rather than through `readArgument`: every call reads it, for every target.
 */
function calendarAt(calendars: object, id: string): unknown {
  try {
    return Object.hasOwn(calendars, id) ? (calendars as Record<string, unknown>)[id] : undefined;
  } catch (cause) {
    return unreadableArgument(['calendars', id], cause);
  }
}

/**
 * A field of the options, read once; options that are no object, or that throw when read (a
 * revoked proxy, a throwing getter), are bad input.
 */
function optionOf(options: unknown, field: 'calendars' | 'now', expected: string): unknown {
  if (typeof options !== 'object' || options === null) return fail([issue(['options'], expected)]);
  try {
    return (options as Record<string, unknown>)[field];
  } catch (cause) {
    return unreadableArgument(['options', field], cause);
  }
}

/** Where a version is: in a history at `index`, or the one `advanceSla` was given. */
const versionPath = (index: number | undefined): (string | number)[] => (index === undefined ? ['version'] : ['history', index]);

/**
 * What {@link versionAt} read of the version it checked last: the record, and the instant's text
 * when it was one. Each field of a version is read once, so a getter cannot show the checks one
 * value and the engine another; one object, reused, as this runs for every version.
 */
const lastRead: { record: Readonly<Record<string, unknown>>; text: string | undefined } = { record: {}, text: undefined };

/** The instant of a version, checked; the path to name in an error is built only for one. */
function versionAt(version: unknown, index: number | undefined): number {
  if (typeof version !== 'object' || version === null) return fail([issue(versionPath(index), 'must be an object { at, record }')]);
  let at: unknown;
  let record: unknown;
  // Read in place rather than in helpers of their own: this runs for every version, and each
  // call V8 inlines here spends the budget the stepping needs.
  let isArray = false;
  let isList = false;
  // How far the reads came: a revoked proxy throws at the first, so it is the version that
  // could not be read; a getter that throws is named as its field.
  let reached: 'version' | 'at' | 'record' = 'version';
  try {
    isList = Array.isArray(version);
    reached = 'at';
    at = (version as Partial<SlaVersion>).at;
    reached = 'record';
    record = (version as Partial<SlaVersion>).record;
    isArray = Array.isArray(record);
  } catch (cause) {
    return unreadableArgument(reached === 'version' ? versionPath(index) : [...versionPath(index), reached], cause);
  }
  if (isList) return fail([issue(versionPath(index), 'must be an object { at, record }')]);
  // The common case, an instant string as records hold them, is read without building a path.
  const parsed = typeof at === 'string' ? parseInstantText(at) : Number.NaN;
  const ms = parsed >= HORIZON_START_MS && parsed <= HORIZON_END_MS ? parsed : instantArgument(at, [...versionPath(index), 'at']);
  if (typeof record !== 'object' || record === null || isArray) return fail([issue([...versionPath(index), 'record'], 'must be the record, an object')]);
  lastRead.record = record as Readonly<Record<string, unknown>>;
  lastRead.text = typeof at === 'string' ? at : undefined;
  return ms;
}

function guarded<T>(run: () => T): SafeResult<T, ItsmError> {
  try {
    return { success: true, data: run() };
  } catch (error) {
    if (isItsmError(error)) return { success: false, error };
    throw error;
  }
}

/**
 * A record's SLAs at `now`, replayed from its history: for each target of the policy, its
 * cycles with their state, elapsed and paused business time, remaining time, due and breach
 * instants, thresholds, and the segments that explain every figure. Pure: the same policy,
 * calendars, history and `now` always give the same answer, so live status, what-if and repair
 * after a change of policy are all this one function.
 *
 * @param policy - from {@link defineSlaPolicy}
 * @param history - the record's versions, oldest first, each with the instant it was written
 * @param options - the calendars by id, and `now`
 * @returns the evaluation
 * @throws {@link ValidationError} for a bad policy, calendar, history or `now`, naming the path
 *
 * @example
 * ```ts
 * const { targets } = evaluateSla(policy, [{ at: incident.createdAt, record: incident }], { calendars: { desk }, now: new Date() });
 * targets[0]?.cycles[0]?.dueAt; // => '2026-11-23T12:00:00.000Z'
 * ```
 */
export function evaluateSla(policy: SlaPolicy, history: readonly SlaVersion[], options: EvaluateSlaOptions): SlaEvaluation {
  const compiled = compiledSlaPolicy(policy);
  const calendars = targetCalendars(compiled, optionOf(options, 'calendars', 'must be an object with calendars and now'));
  if (!isArrayArgument(history, ['history'])) fail([issue(['history'], 'must be an array of versions { at, record }')]);
  const now = instantArgument(optionOf(options, 'now', 'must be an object with calendars and now'), ['now']);
  const state = initialSlaState(compiled);
  // The length read once: a history that grows while it is read (from a record's getter) does
  // not keep the loop going. What reading it throws (a proxy's trap, a getter) is bad input.
  let count = 0;
  try {
    count = history.length;
  } catch (cause) {
    unreadableArgument(['history'], cause);
  }
  // An index loop, not forEach: a hole in the array is a missing version, not one to skip.
  let index = 0;
  try {
    for (; index < count; index++) {
      let version: unknown;
      try {
        version = history[index];
      } catch (cause) {
        unreadableArgument(['history', index], cause);
      }
      const at = versionAt(version, index);
      if (state.lastAt !== null && at < state.lastAt) fail([issue(['history', index, 'at'], 'must not be before the version before it')]);
      // A version that changes a cycle is an instant the evaluation writes (a segment's end, a
      // start, an end): its own text is kept to be written back, instead of a new one.
      const { record, text } = lastRead;
      if (stepSla(compiled, state, record, at, calendars) && text !== undefined) rememberInstantText(at, text);
    }
  } catch (error) {
    // A record that throws while the conditions read it is named where the history holds it.
    steppingFailed(error, ['history', index, 'record'], ['history', index - 1, 'record']);
  }
  if (state.lastAt !== null && now < state.lastAt) fail([issue(['now'], 'must not be before the last version')]);
  return statusOf(compiled, state.targets, now, calendars);
}

/**
 * Like {@link evaluateSla}, but returns the error instead of throwing it.
 *
 * @param policy - from {@link defineSlaPolicy}
 * @param history - the record's versions
 * @param options - calendars and now
 * @returns `{ success: true, data }` or `{ success: false, error }`
 *
 * @example
 * ```ts
 * const result = safeEvaluateSla(policy, history, { calendars, now });
 * ```
 */
export function safeEvaluateSla(policy: SlaPolicy, history: unknown, options: EvaluateSlaOptions): SafeResult<SlaEvaluation, ItsmError> {
  return guarded(() => evaluateSla(policy, history as readonly SlaVersion[], options));
}

/**
 * The incremental form, for the write path: the state after one more version. Equal to a full
 * replay with {@link evaluateSla} (a property test proves it), at the cost of one step. The
 * state is plain JSON: keep it beside the record. The given state is not changed.
 *
 * @param policy - from {@link defineSlaPolicy}
 * @param state - the state after the previous version; undefined before the first
 * @param version - the new version and its instant, not before the previous one
 * @param options - the calendars by id
 * @returns the new state
 * @throws {@link ValidationError} for a bad argument, naming it
 *
 * @example
 * ```ts
 * let state = advanceSla(policy, undefined, { at: v1.updatedAt, record: v1 }, { calendars });
 * state = advanceSla(policy, state, { at: v2.updatedAt, record: v2 }, { calendars });
 * slaStatus(policy, state, { calendars, now });
 * ```
 */
export function advanceSla(policy: SlaPolicy, state: SlaState | undefined, version: SlaVersion, options: AdvanceSlaOptions): SlaState {
  const compiled = compiledSlaPolicy(policy);
  const calendars = targetCalendars(compiled, optionOf(options, 'calendars', 'must be an object with calendars'));
  const at = versionAt(version, undefined);
  // Taken now: checking the state below reads the caller's objects, which could call in again.
  const { record } = lastRead;
  let next;
  if (state === undefined) next = initialSlaState(compiled);
  else {
    const checked = slaStateArgument(compiled, state);
    // A state of ours is frozen, so what a step leaves can be shared; any other is copied whole.
    next = OwnSlaState.is(checked) ? successorOf(checked) : checkedCopy(compiled, checked);
  }
  if (next.lastAt !== null && at < next.lastAt) fail([issue(['version', 'at'], 'must not be before the previous version')]);
  try {
    stepSla(compiled, next, record, at, calendars);
  } catch (error) {
    // The version before is the state's: a state read back from storage holds it as `previous`.
    steppingFailed(error, ['version', 'record'], ['state', 'previous']);
  }
  return ownState(next, compiled);
}

/**
 * Reads an incremental state at `now`: the same answer {@link evaluateSla} gives for the
 * versions the state has seen.
 *
 * @param policy - from {@link defineSlaPolicy}
 * @param state - from {@link advanceSla}
 * @param options - calendars and now (not before the last version)
 * @returns the evaluation
 * @throws {@link ValidationError} for a bad argument, naming it
 *
 * @example
 * ```ts
 * const evaluation = slaStatus(policy, state, { calendars, now: new Date() });
 * ```
 */
export function slaStatus(policy: SlaPolicy, state: SlaState, options: EvaluateSlaOptions): SlaEvaluation {
  const compiled = compiledSlaPolicy(policy);
  const calendars = targetCalendars(compiled, optionOf(options, 'calendars', 'must be an object with calendars and now'));
  const checked = slaStateArgument(compiled, state);
  const now = instantArgument(optionOf(options, 'now', 'must be an object with calendars and now'), ['now']);
  // A state of ours is read as it is; any other through a copy checked again, so that what is
  // evaluated is what was checked, whatever the caller's getters answer the second time.
  const read = OwnSlaState.is(checked) ? checked : checkedCopy(compiled, checked);
  if (read.lastAt !== null && now < read.lastAt) fail([issue(['now'], 'must not be before the last version')]);
  return statusOf(compiled, read.targets, now, calendars);
}

/**
 * A state from outside, copied and the copy checked: the copy reads the caller's objects a
 * second time, and only what the library itself holds is taken on.
 */
function checkedCopy(policy: CompiledPolicy, state: SlaState): SteppingState {
  const copy = readArgument(['state'], () => copyOf(state));
  slaStateArgument(policy, copy);
  return copy;
}

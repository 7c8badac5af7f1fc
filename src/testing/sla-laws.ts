import { AssertionError } from 'node:assert/strict';
import * as fc from 'fast-check';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { listArgument, optionsSnapshot, readArgument } from '../core/unreadable-argument';
import { issue, ValidationError, type IssuePath } from '../core/validation-error';
import { safeApplyIncidentEvent } from '../incident/apply-incident-event';
import { targetCalendars, type SlaVersion } from '../sla/evaluate-sla';
import { compiledSlaPolicy, type SlaPolicy } from '../sla/sla-policy';
import type { SlaConfiguration } from '../sla/sla-what-if';
import { timeZoneOption } from './arbitrary-options';
import { incidentHistoryArbitrary } from './incident-history-arbitrary';
import {
  checkBreachedExactly,
  checkElapsedNeverDecreases,
  checkElapsedWithinWallTime,
  checkHolidayNeverEarlier,
  checkPauseNeverEarlier,
  checkProcessTimeZoneIndependence,
  checkReplayEqualsIncremental,
  PICK_COUNT,
  PICK_RANGE,
  type LawSettings,
  type SlaLawCase,
  type SlaPauseOf,
} from './sla-law-checks';
import { EDGE_CASE_TIME_ZONES } from './time-zones';

export type { SlaLawCase, SlaPauseOf } from './sla-law-checks';

/** The SLA laws, by name, in the order {@link slaLaws} returns them. */
export const SLA_LAW_NAMES = Object.freeze([
  'elapsed never decreases as now advances',
  'elapsed never exceeds wall time since start',
  'a pause never makes a breach earlier',
  'adding a holiday never makes a breach earlier',
  'replay equals incremental',
  'breached exactly when elapsed ≥ target',
  'results do not depend on the process time zone',
] as const);
/** The name of an SLA law. */
export type SlaLawName = (typeof SLA_LAW_NAMES)[number];

/**
 * One SLA law, ready for any runner: `property` for `fc.assert` or `fc.check`, or `arbitrary`
 * and `predicate` for `test.prop([law.arbitrary])(law.name, law.predicate)` of
 * `@fast-check/vitest` (and `@fast-check/jest`).
 */
export interface SlaLaw {
  readonly name: SlaLawName;
  /** The cases it is checked on. */
  readonly arbitrary: fc.Arbitrary<SlaLawCase>;
  /**
   * Checks one case: returns when the law holds, throws an `AssertionError` that says what
   * broke when it does not. A case the law cannot use is skipped with `fc.pre`.
   */
  readonly predicate: (lawCase: SlaLawCase) => void;
  /** `fc.property(arbitrary, predicate)`. */
  readonly property: fc.IProperty<[SlaLawCase]>;
}

export interface SlaLawsCommonOptions {
  /**
   * The record histories to check on, oldest version first. Default
   * `incidentHistoryArbitrary()`: incidents of the built-in lifecycle, opened in 2026 and 2027.
   * Give your own for other record kinds, lifecycles, or the years your calendars' holidays are in.
   */
  readonly history?: fc.Arbitrary<readonly SlaVersion[]>;
  /**
   * How a record looks while its SLA clocks are paused, for the law that a pause never makes a
   * breach earlier; undefined where it cannot be paused. Default: the incident put on hold
   * (`put_on_hold` for `awaiting_caller`) through the built-in incident lifecycle.
   */
  readonly pause?: SlaPauseOf;
  /** The process time zones results are compared under, IANA names; at least one. Default `EDGE_CASE_TIME_ZONES`. */
  readonly timeZones?: readonly string[];
  /** The laws to check, by name; at least one. Default all of {@link SLA_LAW_NAMES}. */
  readonly laws?: readonly SlaLawName[];
}

/**
 * Options of {@link slaLaws}: your policy and its calendars, or for a vendor whose users edit
 * policies, `configurations` drawn at random; and how records and pauses look.
 */
export type SlaLawsOptions = SlaLawsCommonOptions &
  (
    | {
        /** The policy under test, from `defineSlaPolicy`. */
        readonly policy: SlaPolicy;
        /** Its calendars by id: every target's calendar. */
        readonly calendars: Readonly<Record<string, BusinessCalendar>>;
        readonly configurations?: undefined;
      }
    | {
        /** Policies with their calendars, e.g. from `slaPolicyArbitrary` and `businessCalendarArbitrary`. */
        readonly configurations: fc.Arbitrary<SlaConfiguration>;
        readonly policy?: undefined;
        readonly calendars?: undefined;
      }
  );

/** Options of {@link checkSlaLaws}: those of {@link slaLaws}, and how many runs. */
export type CheckSlaLawsOptions = SlaLawsOptions & {
  /** Cases per law, at least 1. Default 100. */
  readonly numRuns?: number;
  /** The seed, to replay a failure fast-check reported. */
  readonly seed?: number;
  /**
   * The path reported beside the seed (`"12:3:0"`): with both, the failing case is replayed at
   * once, without searching or shrinking again. Needs `seed`, and `laws` naming the one law
   * that failed (a path belongs to one law's cases).
   */
  readonly path?: string;
};

const SUBJECT = 'SLA law options';
const DEFAULT_NUM_RUNS = 100;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Where `now` is for an empty history. */
const EMPTY_HISTORY_NOW_MS = Date.UTC(2026, 0, 1);

function invalid(path: IssuePath, message: string, ...value: [unknown?]): never {
  throw new ValidationError([value.length > 0 ? issue(path, message, value[0]) : issue(path, message)], SUBJECT);
}

/**
 * The SLA laws as fast-check properties over your policy and calendars: what every correct SLA
 * engine must satisfy, whatever the policy says. Run them on your own policy to find the
 * histories where your configuration and this library disagree with your intuition, or where
 * the library is wrong.
 *
 * - **elapsed never decreases as now advances**: evaluated at every version's instant, two
 *   more and `now`, each time with the versions written by then, no cycle's elapsed time ever
 *   goes down from one instant to the next.
 * - **elapsed never exceeds wall time since start**: a cycle's elapsed business time is at most
 *   the wall time from its start to `now`, and to its end once it ended.
 * - **a pause never makes a breach earlier**: the record paused (see `pause`) after one version
 *   and resumed before the next; for each target to which this is a pause and changes nothing
 *   else, no cycle breaches earlier. A breach is the breach instant, or for a running cycle the
 *   instant it is due.
 * - **adding a holiday never makes a breach earlier**: a day closed all day added to a target's
 *   calendar (`calendar.definition` with one more holiday, defined again); no cycle of a target
 *   on that calendar breaches earlier.
 * - **replay equals incremental**: `evaluateSla` over the history equals `advanceSla` version by
 *   version then `slaStatus`, with the state stored as JSON between some steps.
 * - **breached exactly when elapsed ≥ target**: `breached`, `breachedAt` and the `breached` state
 *   agree with elapsed ≥ target; the breach instant is where elapsed reaches the target; a
 *   running cycle's due instant is where it will (breached there, not 1 ms before).
 * - **results do not depend on the process time zone**: the evaluation and next deadline are the
 *   same with `process.env.TZ` switched to another zone. The engine reads instants only as UTC
 *   milliseconds and local times only through `Intl` with the calendar's zone named, so nothing
 *   should change; the law shows it. Node switches the zone only on the main thread of a
 *   process, so run this law there (vitest's default pool, `forks`, does), or leave it out.
 *
 * @param options - the policy and calendars (or `configurations`), and optionally the histories,
 *   how a record is paused, the zones, and which laws
 * @returns the laws, each with its name, arbitrary, predicate and property
 * @throws {@link "itsm-kit"!ValidationError} naming the option, for a policy not made by
 * `defineSlaPolicy`, a missing calendar, a zone the runtime does not know, an unknown law, or
 * a `history` or `configurations` that is not an arbitrary
 *
 * @example
 * ```ts
 * import { fc, test } from '@fast-check/vitest';
 * import { DEFAULT_INCIDENT_SLA_POLICY, defineCalendar } from 'itsm-kit';
 * import { slaLaws } from 'itsm-kit/testing';
 *
 * const desk = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } });
 * for (const law of slaLaws({ policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: { service_desk: desk } })) {
 *   test.prop([law.arbitrary], { numRuns: 50 })(law.name, law.predicate);
 * }
 * ```
 */
export function slaLaws(options: SlaLawsOptions): SlaLaw[] {
  if (typeof options !== 'object' || options === null) invalid(['options'], 'must be an object with policy and calendars, or configurations');
  const read = optionsSnapshot(options, ['options']);
  const configurations = configurationsOption(read);
  const history = arbitraryOption<readonly SlaVersion[]>(read.history, 'history') ?? incidentHistoryArbitrary();
  const pause = read.pause ?? putOnHold;
  if (typeof pause !== 'function') invalid(['pause'], 'must be a function (record, at) => the record paused, or undefined');
  const settings: LawSettings = { pause, timeZones: timeZonesOption(read.timeZones) };
  const names = lawsOption(read.laws);

  const arbitrary: fc.Arbitrary<SlaLawCase> = fc
    .record({
      configuration: configurations,
      history,
      nowAfterMs: fc.oneof(
        { weight: 2, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: HOUR_MS }) },
        { weight: 3, arbitrary: fc.integer({ min: HOUR_MS, max: 3 * DAY_MS }) },
        { weight: 1, arbitrary: fc.integer({ min: 3 * DAY_MS, max: 60 * DAY_MS }) },
      ),
      picks: fc.array(fc.integer({ min: 0, max: PICK_RANGE }), { minLength: PICK_COUNT, maxLength: PICK_COUNT }),
    })
    .map(({ configuration, history: versions, nowAfterMs, picks }) => {
      const last = versions.at(-1);
      const lastAt = last === undefined ? EMPTY_HISTORY_NOW_MS : last.at instanceof Date ? last.at.getTime() : Date.parse(last.at);
      return { configuration, history: versions, now: new Date(lastAt + nowAfterMs).toISOString(), picks };
    });

  const predicates: Record<SlaLawName, (lawCase: SlaLawCase) => void> = {
    'elapsed never decreases as now advances': checkElapsedNeverDecreases,
    'elapsed never exceeds wall time since start': checkElapsedWithinWallTime,
    'a pause never makes a breach earlier': (lawCase) => checkPauseNeverEarlier(settings, lawCase),
    'adding a holiday never makes a breach earlier': checkHolidayNeverEarlier,
    'replay equals incremental': checkReplayEqualsIncremental,
    'breached exactly when elapsed ≥ target': checkBreachedExactly,
    'results do not depend on the process time zone': (lawCase) => checkProcessTimeZoneIndependence(settings, lawCase),
  };
  return SLA_LAW_NAMES.filter((name) => names.has(name)).map((name) => {
    const predicate = predicates[name];
    return Object.freeze({ name, arbitrary, predicate, property: fc.property(arbitrary, predicate) });
  });
}

/**
 * Checks every SLA law (see {@link slaLaws}) on your policy and calendars, and throws on the
 * first that fails, naming the law and giving the shrunk counterexample, the error that says
 * what broke, and the seed and path that replay it. Runner-agnostic: call it inside any test.
 *
 * @param options - as for {@link slaLaws}, and `numRuns` (100 by default), `seed` and `path`
 * @throws `AssertionError` naming the law that failed, with its counterexample
 * @throws {@link "itsm-kit"!ValidationError} naming the option, as {@link slaLaws} does, or for a bad `numRuns`, `seed` or `path`
 *
 * @example
 * ```ts
 * import { it } from 'vitest';
 * import { checkSlaLaws } from 'itsm-kit/testing';
 *
 * it('our SLA policy obeys the SLA laws', () => {
 *   checkSlaLaws({ policy: ourPolicy, calendars: { service_desk: desk }, numRuns: 200 });
 * });
 * ```
 */
export function checkSlaLaws(options: CheckSlaLawsOptions): void {
  if (typeof options !== 'object' || options === null) invalid(['options'], 'must be an object with policy and calendars, or configurations');
  // Read once, here, and the same copy handed on: each option is read one time.
  const read = optionsSnapshot(options, ['options']);
  const laws = slaLaws(read);
  const numRuns = read.numRuns ?? DEFAULT_NUM_RUNS;
  if (typeof numRuns !== 'number' || !Number.isSafeInteger(numRuns) || numRuns < 1) invalid(['numRuns'], 'must be a whole number, at least 1', numRuns);
  const seed = read.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) invalid(['seed'], 'must be a whole number', seed);
  const path = read.path;
  if (path !== undefined) {
    if (typeof path !== 'string' || !/^\d{1,9}(?::\d{1,9}){0,9999}$/.test(path)) invalid(['path'], 'must be a path as fast-check reports it, such as "12:3:0"', path);
    if (seed === undefined) invalid(['seed'], 'is required with path: the path replays a case of that seed');
    if (laws.length !== 1) invalid(['laws'], 'must name the one law that failed when path is given: a path replays a case of that law');
  }
  const parameters: fc.Parameters<unknown> = seed === undefined ? { numRuns } : path === undefined ? { numRuns, seed } : { numRuns, seed, path, endOnFailure: true };
  for (const law of laws) {
    const details = fc.check(law.property, parameters);
    if (!details.failed) continue;
    const error = new AssertionError({ message: `SLA law "${law.name}" does not hold.\n${fc.defaultReportMessage(details) ?? ''}` });
    if (details.errorInstance !== null) Object.defineProperty(error, 'cause', { value: details.errorInstance, configurable: true, writable: true });
    throw error;
  }
}

/** The default `pause`: the incident put on hold for the caller, by the built-in lifecycle. */
function putOnHold(record: Readonly<Record<string, unknown>>, at: string): Readonly<Record<string, unknown>> | undefined {
  const result = safeApplyIncidentEvent(record, { type: 'put_on_hold', reason: 'awaiting_caller' }, { now: at, actor: { kind: 'user', id: 'sla-law' }, newId: () => 'sla-law-pause' });
  return result.success ? result.data.record : undefined;
}

function configurationsOption(options: SlaLawsOptions): fc.Arbitrary<SlaConfiguration> {
  const { policy, calendars, configurations } = options;
  if (configurations !== undefined) {
    if (policy !== undefined || calendars !== undefined) invalid([policy === undefined ? 'calendars' : 'policy'], 'must not be given with configurations');
    return arbitraryOption(configurations, 'configurations')!;
  }
  if (policy === undefined) invalid(['policy'], 'is required: the policy under test, from defineSlaPolicy() (or give configurations)');
  try {
    targetCalendars(compiledSlaPolicy(policy, 'policy'), calendars);
  } catch (error) {
    // Targets sharing a missing calendar each report it; once is enough.
    if (error instanceof ValidationError) throw new ValidationError([...new Map(error.issues.map((found) => [JSON.stringify(found.path), found])).values()], SUBJECT);
    throw error;
  }
  return fc.constant(Object.freeze({ policy, calendars: calendars }));
}

/** An arbitrary, told apart by its methods, so one from another copy of fast-check is fine too. */
function arbitraryOption<T>(value: fc.Arbitrary<T> | undefined, field: string): fc.Arbitrary<T> | undefined {
  if (value === undefined) return undefined;
  const candidate = value as Partial<fc.Arbitrary<T>> | null;
  const looksLikeOne = readArgument([field], () => typeof candidate === 'object' && candidate !== null && typeof candidate.generate === 'function' && typeof candidate.shrink === 'function');
  if (!looksLikeOne) invalid([field], 'must be a fast-check arbitrary');
  return value;
}

function timeZonesOption(value: unknown): readonly string[] {
  if (value === undefined) return EDGE_CASE_TIME_ZONES;
  // Copied by index: a hole is a missing zone, refused at its index, not a gap kept.
  const list = listArgument(value, ['timeZones']);
  if (list === undefined) return invalid(['timeZones'], 'must be an array of IANA time zone names', value);
  if (list.length === 0) invalid(['timeZones'], 'must name at least one time zone');
  return list.map((zone, index) => {
    try {
      return timeZoneOption(zone, ['timeZones', index]);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.issues, SUBJECT);
      throw error;
    }
  });
}

function lawsOption(value: unknown): ReadonlySet<SlaLawName> {
  if (value === undefined) return new Set(SLA_LAW_NAMES);
  // Copied by index: a hole is a missing name, refused at its index.
  const list = listArgument(value, ['laws']);
  if (list === undefined) return invalid(['laws'], 'must be an array of law names', value);
  if (list.length === 0) invalid(['laws'], 'must name at least one law');
  list.forEach((name, index) => {
    if (!(SLA_LAW_NAMES as readonly unknown[]).includes(name)) invalid(['laws', index], `must be one of: ${SLA_LAW_NAMES.join('; ')}`, name);
  });
  return new Set(list as SlaLawName[]);
}

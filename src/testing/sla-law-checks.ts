import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import * as fc from 'fast-check';
import { defineCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import type { BusinessCalendarDefinition } from '../calendar/calendar.schema';
import { CALENDAR_HORIZON, HORIZON_END_MS } from '../calendar/horizon';
import { businessTimeBetween } from '../calendar/business-time-between';
import { evaluateCondition, type CompiledCondition } from '../core/condition';
import { advanceSla, evaluateSla, slaStatus, type SlaVersion } from '../sla/evaluate-sla';
import type { SlaCycle, SlaEvaluation } from '../sla/sla-evaluation';
import { nextDeadline } from '../sla/next-deadline';
import { compiledSlaPolicy, defineSlaPolicy, type CompiledTarget } from '../sla/sla-policy';
import type { SlaState } from '../sla/sla-state';
import type { SlaConfiguration } from '../sla/sla-what-if';
import { withProcessTimeZone } from './sla-process-time-zone';

/**
 * The seven SLA laws, each a check of one case that throws an `AssertionError` saying what
 * broke. `sla-laws.ts` turns them into fast-check properties.
 * @internal
 */

/** Picks are whole numbers from 0 to this: a share of a span, or an index modulo a length. */
export const PICK_RANGE = 1_000_000;
/** How many picks a case has; no law needs more. */
export const PICK_COUNT = 6;

/** One case a law is checked on. */
export interface SlaLawCase {
  /** The policy and its calendars. */
  readonly configuration: SlaConfiguration;
  /** The record's versions, oldest first. */
  readonly history: readonly SlaVersion[];
  /** The instant the SLAs are evaluated at: the last version's, or later. */
  readonly now: string;
  /**
   * The choices a law makes (which instants, which version, which target, which zone), as whole
   * numbers from 0 to 1 000 000; they shrink toward the first instant, version and zone.
   */
  readonly picks: readonly number[];
}

/** How a record looks while paused, or undefined where it cannot be paused. */
export type SlaPauseOf = (record: Readonly<Record<string, unknown>>, at: string) => Readonly<Record<string, unknown>> | undefined;

/** What the checks need besides the case. @internal */
export interface LawSettings {
  readonly pause: SlaPauseOf;
  readonly timeZones: readonly string[];
}

const DAY_MS = 86_400_000;

const msOf = (at: Date | string): number => (at instanceof Date ? at.getTime() : Date.parse(at));
const iso = (ms: number): string => new Date(ms).toISOString();
const pickOf = (lawCase: SlaLawCase, index: number): number => lawCase.picks[index % lawCase.picks.length] ?? 0;
/** An instant from `from` to `to`, both included, at the share `pick` gives. */
const within = (from: number, to: number, pick: number): number => from + Math.floor((Math.min(pick, PICK_RANGE) / PICK_RANGE) * (to - from));

function fail(message: string): never {
  throw new AssertionError({ message });
}

function evaluateAt(configuration: SlaConfiguration, history: readonly SlaVersion[], now: number): SlaEvaluation {
  return evaluateSla(configuration.policy, history, { calendars: configuration.calendars, now: iso(now) });
}

/** The versions written by `instant`: what a host knows then. */
function knownBy(history: readonly SlaVersion[], instant: number): readonly SlaVersion[] {
  return history.filter((version) => msOf(version.at) <= instant);
}

/** An instant from the first version to `now`: a version's, `now` itself, or one between. */
function instantOf(lawCase: SlaLawCase, kindPick: number, wherePick: number): number {
  const now = msOf(lawCase.now);
  const { history } = lawCase;
  const first = history.length === 0 ? now : msOf(history[0]!.at);
  const where = pickOf(lawCase, wherePick);
  switch (pickOf(lawCase, kindPick) % 3) {
    case 1:
      return history.length === 0 ? now : msOf(history[where % history.length]!.at);
    case 2:
      return now;
    default:
      return within(first, now, where);
  }
}

/** A cycle in a few words, for messages. */
function describeCycle(cycle: SlaCycle | undefined): string {
  if (cycle === undefined) return 'no such cycle';
  const parts = [`${cycle.state}`, `elapsed ${cycle.elapsedMs} ms of ${cycle.targetMs} ms`, `started ${cycle.startedAt}`];
  if (cycle.endedAt !== undefined) parts.push(`ended ${cycle.endedAt} (${cycle.endReason ?? ''})`);
  if (cycle.breachedAt !== undefined) parts.push(`breached at ${cycle.breachedAt}`);
  if (cycle.dueAt !== undefined) parts.push(`due ${cycle.dueAt}`);
  return parts.join(', ');
}

/** When a cycle breaches: its breach instant, or for a running one the instant it is due; never otherwise. */
function breachInstant(cycle: SlaCycle | undefined): number {
  if (cycle === undefined) return Number.POSITIVE_INFINITY;
  if (cycle.breachedAt !== undefined) return Date.parse(cycle.breachedAt);
  if (cycle.state === 'running' && cycle.dueAt !== undefined) return Date.parse(cycle.dueAt);
  return Number.POSITIVE_INFINITY;
}

/** Fails when a cycle of one of the targets breaches earlier in `after` than in `before`. */
function assertNoEarlierBreach(before: SlaEvaluation, after: SlaEvaluation, targetIds: ReadonlySet<string>, change: string): void {
  before.targets.forEach((target, index) => {
    if (!targetIds.has(target.targetId)) return;
    const changed = after.targets[index]!;
    const count = Math.max(target.cycles.length, changed.cycles.length);
    for (let cycle = 0; cycle < count; cycle++) {
      const was = breachInstant(target.cycles[cycle]);
      const is = breachInstant(changed.cycles[cycle]);
      if (is < was) {
        fail(
          `${change} made a breach earlier: target ${target.targetId}, cycle ${cycle} breaches at ${iso(is)} instead of ${Number.isFinite(was) ? iso(was) : 'never'} (now ${before.now}).\n` +
            `  without: ${describeCycle(target.cycles[cycle])}\n  with:    ${describeCycle(changed.cycles[cycle])}`,
        );
      }
    }
  });
}

/**
 * Law: elapsed never decreases as `now` advances. The record is evaluated as a host sees it at
 * each of a series of instants (every version's, two more, and `now`), with the versions written
 * by then; from one instant to the next, every cycle's elapsed time stays or grows.
 */
export function checkElapsedNeverDecreases(lawCase: SlaLawCase): void {
  const { configuration, history } = lawCase;
  const instants = [...new Set([...history.map((version) => msOf(version.at)), instantOf(lawCase, 0, 1), instantOf(lawCase, 2, 3), msOf(lawCase.now)])].sort((a, b) => a - b);
  let earlier: { at: number; evaluation: SlaEvaluation } | undefined;
  for (const at of instants) {
    const evaluation = evaluateAt(configuration, knownBy(history, at), at);
    earlier?.evaluation.targets.forEach((target, index) => {
      target.cycles.forEach((cycle, number) => {
        const then = evaluation.targets[index]!.cycles[number];
        if (then === undefined || then.elapsedMs < cycle.elapsedMs) {
          fail(
            `target ${target.targetId}, cycle ${number}: elapsed ${cycle.elapsedMs} ms at ${iso(earlier!.at)}, but ${then === undefined ? 'the cycle is gone' : `${then.elapsedMs} ms`} at ${iso(at)}.\n` +
              `  at ${iso(earlier!.at)}: ${describeCycle(cycle)}\n  at ${iso(at)}: ${describeCycle(then)}`,
          );
        }
      });
    });
    earlier = { at, evaluation };
  }
}

/** Law: elapsed never exceeds the wall time since the cycle started (to its end, once it ended). */
export function checkElapsedWithinWallTime(lawCase: SlaLawCase): void {
  const { configuration, history } = lawCase;
  for (const at of [instantOf(lawCase, 0, 1), msOf(lawCase.now)]) {
    const evaluation = evaluateAt(configuration, knownBy(history, at), at);
    for (const target of evaluation.targets) {
      target.cycles.forEach((cycle, number) => {
        const startedAt = Date.parse(cycle.startedAt);
        const until = cycle.endedAt === undefined ? at : Date.parse(cycle.endedAt);
        if (cycle.elapsedMs > at - startedAt || cycle.elapsedMs > until - startedAt) {
          fail(
            `target ${target.targetId}, cycle ${number} at ${iso(at)}: elapsed ${cycle.elapsedMs} ms, but only ${until - startedAt} ms of wall time passed from ${cycle.startedAt} to ${iso(until)}.\n` +
              `  ${describeCycle(cycle)}`,
          );
        }
      });
    }
  }
}

/** What the engine's conditions see at a version: its fields, and the version before under `previous`. */
const viewOf = (record: Readonly<Record<string, unknown>>, previous: Readonly<Record<string, unknown>> | undefined): object => ({ ...record, previous });
const holds = (condition: CompiledCondition | undefined, view: object): boolean | undefined => (condition === undefined ? undefined : evaluateCondition(condition, view));

/**
 * Whether putting `paused` between `record` and a copy of `record` changes nothing for the
 * target but, perhaps, pauses it: every other condition reads as at `record`, the duration is
 * the same, and the clock is paused in between or as it was (never running where it was
 * paused). Only then is the insertion a pause, and nothing else, for the target.
 */
function isPureInsertion(target: CompiledTarget, previous: Readonly<Record<string, unknown>> | undefined, record: Readonly<Record<string, unknown>>, paused: Readonly<Record<string, unknown>>): boolean {
  const atVersion = viewOf(record, previous);
  const whilePaused = viewOf(paused, record);
  const resumed = viewOf(record, paused);
  for (const condition of [target.appliesTo, target.start, target.stop, target.cancel, target.reset]) {
    const was = holds(condition, atVersion);
    if (holds(condition, whilePaused) !== was || holds(condition, resumed) !== was) return false;
  }
  const pausedThen = holds(target.pause, atVersion);
  const pausedBetween = holds(target.pause, whilePaused);
  return (pausedBetween === true || pausedBetween === pausedThen) && holds(target.pause, resumed) === pausedThen && target.durationFor(paused) === target.durationFor(record);
}

/**
 * Law: a pause never makes a breach earlier. The record is paused (with `settings.pause`) at an
 * instant after one of its versions and resumed (restored as it was) later, before the next
 * version or `now`; every target for which that is a pause and nothing else (no other condition
 * or duration changes) must breach no earlier than without it.
 */
export function checkPauseNeverEarlier(settings: LawSettings, lawCase: SlaLawCase): void {
  const { configuration, history } = lawCase;
  fc.pre(history.length > 0);
  const now = msOf(lawCase.now);
  const k = pickOf(lawCase, 0) % history.length;
  const version = history[k]!;
  const from = msOf(version.at);
  const to = k + 1 < history.length ? msOf(history[k + 1]!.at) : now;
  const pausedAt = within(from, to, pickOf(lawCase, 1));
  const resumedAt = within(pausedAt, to, pickOf(lawCase, 2));
  const paused = settings.pause(version.record, iso(pausedAt));
  fc.pre(paused !== undefined);
  const targets = compiledSlaPolicy(configuration.policy).targets.filter((target) => isPureInsertion(target, history[k - 1]?.record, version.record, paused));
  fc.pre(targets.length > 0);
  const withPause = [...history.slice(0, k + 1), { at: iso(pausedAt), record: paused }, { at: iso(resumedAt), record: version.record }, ...history.slice(k + 1)];
  const before = evaluateAt(configuration, history, now);
  const after = evaluateAt(configuration, withPause, now);
  assertNoEarlierBreach(before, after, new Set(targets.map((target) => target.definition.id)), `a pause from ${iso(pausedAt)} to ${iso(resumedAt)} after version ${k}`);
}

/** The local date of an instant in a zone, `YYYY-MM-DD`, by `Intl`. */
function localDate(timeZone: string, instant: number): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${field('year').padStart(4, '0')}-${field('month')}-${field('day')}`;
}

/**
 * Law: adding a holiday never makes a breach earlier. A day closed all day is added to the
 * calendar of one of the targets (on a day the record lived through, often the day of a breach
 * or the day before), and every target on that calendar must breach no earlier than without it.
 */
export function checkHolidayNeverEarlier(lawCase: SlaLawCase): void {
  const { configuration, history } = lawCase;
  const now = msOf(lawCase.now);
  const targets = configuration.policy.definition.targets;
  const calendarId = targets[pickOf(lawCase, 0) % targets.length]!.calendar;
  const calendar = configuration.calendars[calendarId]!;
  const before = evaluateAt(configuration, history, now);
  const onCalendar = before.targets.filter((target) => target.calendar === calendarId);
  const breaches = onCalendar.flatMap((target) => target.cycles.map(breachInstant)).filter((at) => Number.isFinite(at));
  const day =
    pickOf(lawCase, 1) % 2 === 1 && breaches.length > 0
      ? breaches[pickOf(lawCase, 2) % breaches.length]! - (pickOf(lawCase, 3) % 2) * DAY_MS
      : within(history.length === 0 ? now : msOf(history[0]!.at), now, pickOf(lawCase, 2));
  const date = localDate(calendar.timeZone, day);
  const definition = calendar.definition as BusinessCalendarDefinition;
  fc.pre(!(definition.holidays ?? []).some((holiday) => holiday.date === date));
  const withHoliday = defineCalendar({ ...definition, holidays: [...(definition.holidays ?? []), { date, name: 'Added by the SLA law' }] });
  const after = evaluateAt({ policy: configuration.policy, calendars: { ...configuration.calendars, [calendarId]: withHoliday } }, history, now);
  assertNoEarlierBreach(before, after, new Set(onCalendar.map((target) => target.targetId)), `a holiday on ${date} in calendar ${calendarId}`);
}

/**
 * Law: replay equals incremental. `advanceSla` over the versions one by one, then `slaStatus`,
 * equals `evaluateSla` over the whole history, at `now` and after some version along the way.
 * The state is stored as JSON and read back between some steps, as a host keeps it, and a step
 * never changes the state it is given.
 */
export function checkReplayEqualsIncremental(lawCase: SlaLawCase): void {
  const { configuration, history } = lawCase;
  const { policy, calendars } = configuration;
  if (history.length === 0) return;
  const storedAfter = pickOf(lawCase, 0);
  const checkedAfter = pickOf(lawCase, 1) % history.length;
  let state: SlaState | undefined;
  history.forEach((version, index) => {
    const given = state === undefined ? undefined : JSON.stringify(state);
    const next = advanceSla(policy, state, version, { calendars });
    if (given !== undefined && JSON.stringify(state) !== given) fail(`advanceSla changed the state it was given, at version ${index}`);
    // Every other step, by the pick's bits, goes through storage.
    state = (storedAfter >> index % 20) % 2 === 1 ? (JSON.parse(JSON.stringify(next)) as SlaState) : next;
    if (index === checkedAfter) {
      const at = msOf(version.at);
      deepStrictEqual(
        slaStatus(policy, state, { calendars, now: iso(at) }),
        evaluateAt(configuration, history.slice(0, index + 1), at),
        `incremental and replayed evaluations differ after version ${index}, at ${iso(at)}`,
      );
    }
  });
  deepStrictEqual(slaStatus(policy, state!, { calendars, now: lawCase.now }), evaluateAt(configuration, history, msOf(lawCase.now)), `incremental and replayed evaluations differ at ${lawCase.now}`);
}

/** Running business time of a cycle up to an instant, from its segments. */
function elapsedUntil(cycle: SlaCycle, calendar: BusinessCalendar, instant: number): number {
  let elapsed = 0;
  for (const segment of cycle.segments) {
    if (segment.clock !== 'running') continue;
    const from = Date.parse(segment.from);
    const to = Date.parse(segment.to);
    if (to <= instant) elapsed += segment.businessMs;
    else if (from < instant) elapsed += businessTimeBetween(calendar, new Date(from), new Date(instant));
  }
  return elapsed;
}

/**
 * Law: breached exactly when elapsed ≥ target. At any instant, a cycle is breached (and has a
 * breach instant, and an open one is in state `breached`) exactly when its elapsed time has
 * reached its target; the breach instant is where the elapsed time reaches the target; and a
 * running cycle's due instant is exactly when it will: breached there, at that instant, and not
 * 1 ms before. A running cycle has no due instant only when its calendar has too little
 * business time left before the end of the horizon (2200).
 */
export function checkBreachedExactly(lawCase: SlaLawCase): void {
  const { configuration, history } = lawCase;
  const versionInstants = new Set(history.map((version) => msOf(version.at)));
  for (const at of [instantOf(lawCase, 0, 1), msOf(lawCase.now)]) {
    const known = knownBy(history, at);
    const evaluation = evaluateAt(configuration, known, at);
    for (const [index, target] of evaluation.targets.entries()) {
      const calendar = configuration.calendars[target.calendar]!;
      target.cycles.forEach((cycle, number) => {
        const where = `target ${target.targetId}, cycle ${number} at ${iso(at)}`;
        const reached = cycle.elapsedMs >= cycle.targetMs;
        if (cycle.breached !== reached) fail(`${where}: breached is ${cycle.breached}, but elapsed ${cycle.elapsedMs} ms ${reached ? '≥' : '<'} target ${cycle.targetMs} ms.\n  ${describeCycle(cycle)}`);
        if ((cycle.breachedAt !== undefined) !== reached) fail(`${where}: breachedAt is ${cycle.breachedAt ?? 'absent'}, but elapsed ${cycle.elapsedMs} ms ${reached ? '≥' : '<'} target ${cycle.targetMs} ms.\n  ${describeCycle(cycle)}`);
        if (cycle.endedAt === undefined && (cycle.state === 'breached') !== reached) fail(`${where}: the open cycle is ${cycle.state}, but elapsed ${cycle.elapsedMs} ms ${reached ? '≥' : '<'} target ${cycle.targetMs} ms.\n  ${describeCycle(cycle)}`);
        if (cycle.breachedAt !== undefined) {
          const breachedAt = Date.parse(cycle.breachedAt);
          const until = elapsedUntil(cycle, calendar, breachedAt);
          if (until < cycle.targetMs) fail(`${where}: breached at ${cycle.breachedAt}, but only ${until} ms had elapsed by then, of ${cycle.targetMs} ms.\n  ${describeCycle(cycle)}`);
          // A breach may wait for the version that brought a shorter target; otherwise it is the first instant the target is reached.
          if (!versionInstants.has(breachedAt) && breachedAt > Date.parse(cycle.startedAt)) {
            const justBefore = elapsedUntil(cycle, calendar, breachedAt - 1);
            if (justBefore >= cycle.targetMs) fail(`${where}: breached at ${cycle.breachedAt}, but ${justBefore} ms of ${cycle.targetMs} ms had already elapsed 1 ms before.\n  ${describeCycle(cycle)}`);
          }
        }
        if (cycle.state === 'running') {
          if (cycle.dueAt === undefined) {
            // Only a target the calendar cannot reach before the end of its horizon has no due instant.
            const left = businessTimeBetween(calendar, new Date(at), new Date(HORIZON_END_MS));
            if (left >= cycle.targetMs - cycle.elapsedMs) fail(`${where}: a running cycle has no due instant, though ${left} ms of business time are left before ${CALENDAR_HORIZON.end}.\n  ${describeCycle(cycle)}`);
            return;
          }
          const dueAt = Date.parse(cycle.dueAt);
          const atDue = evaluateAt(configuration, known, dueAt).targets[index]!.cycles[number];
          if (atDue?.breached !== true || atDue.breachedAt !== cycle.dueAt) {
            fail(`${where}: due at ${cycle.dueAt}, but evaluated then it is ${describeCycle(atDue)}.\n  ${describeCycle(cycle)}`);
          }
          const beforeDue = evaluateAt(configuration, known, dueAt - 1).targets[index]!.cycles[number];
          if (beforeDue?.breached !== false) fail(`${where}: due at ${cycle.dueAt}, but 1 ms before it is ${describeCycle(beforeDue)}.\n  ${describeCycle(cycle)}`);
        }
      });
    }
  }
}

/**
 * Law: results do not depend on the process time zone. The evaluation and the next deadline
 * are computed again with the process switched to another zone, with the policy and calendars
 * defined afresh there (so that no calendar index built under one zone is reused under
 * another), and must be the same. The UTC offset table of each zone is shared by the whole
 * process and built once; that it does not depend on the zone the process started in is shown
 * by running a suite in a process started under another zone (ours runs its calendar and testing
 * suites under Pacific/Chatham too).
 */
export function checkProcessTimeZoneIndependence(settings: LawSettings, lawCase: SlaLawCase): void {
  const { configuration, history, now } = lawCase;
  const timeZone = settings.timeZones[pickOf(lawCase, 0) % settings.timeZones.length]!;
  const results = (policy: SlaConfiguration['policy'], calendars: SlaConfiguration['calendars']) => {
    const evaluation = evaluateSla(policy, history, { calendars, now });
    return { evaluation, next: nextDeadline(evaluation) ?? null };
  };
  const here = results(configuration.policy, configuration.calendars);
  const there = withProcessTimeZone(timeZone, () =>
    results(
      defineSlaPolicy(configuration.policy.definition),
      Object.fromEntries(Object.entries(configuration.calendars).map(([id, calendar]) => [id, defineCalendar(calendar.definition as BusinessCalendarDefinition)])),
    ),
  );
  deepStrictEqual(there, here, `the results differ with the process time zone set to ${timeZone}`);
}

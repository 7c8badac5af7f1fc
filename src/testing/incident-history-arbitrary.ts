import * as fc from 'fast-check';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { HORIZON_END_MS } from '../calendar/horizon';
import type { PriorityMatrix } from '../core/priority-matrix';
import { DEFAULT_PRIORITY_MATRIX } from '../core/default-priority-matrix';
import { ValidationError } from '../core/validation-error';
import { safeApplyIncidentEvent } from '../incident/apply-incident-event';
import { incidentExtra } from '../incident/incident-context';
import { defaultIncidentLifecycle, type IncidentLifecycle } from '../incident/incident-lifecycle';
import type { Incident } from '../incident/incident.schema';
import { openIncident } from '../incident/open-incident';
import type { SlaVersion } from '../sla/evaluate-sla';
import { countOption, instantOption, invalidOption, optionsObject, timeZoneOption } from './arbitrary-options';
import { instantsBetween } from './instant-arbitrary';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DEFAULT_OPENED_FROM_MS = Date.UTC(2026, 0, 1);
const DEFAULT_OPENED_TO_MS = Date.UTC(2028, 0, 1);
const DEFAULT_MAX_EVENTS = 25;
const MAX_EVENTS = 500;
const LONGEST_GAP_MS = 42 * DAY_MS;

/** One version of an incident and the instant it was written (its `updatedAt`). */
export interface IncidentSlaVersion extends SlaVersion {
  readonly at: string;
  readonly record: Incident;
}

/** Options of {@link incidentHistoryArbitrary}. */
export interface IncidentHistoryArbitraryOptions {
  /**
   * The earliest instant an incident is opened, a valid `Date` within the calendar horizon and
   * at least 500 × 42 days before its end (the most a history can run on). Default
   * 2026-01-01T00:00Z, or `openedTo` when that is earlier.
   */
  readonly openedFrom?: Date;
  /**
   * The latest instant an incident is opened, not before `openedFrom` and at least 500 × 42
   * days before the end of the calendar horizon (the most a history can run on). Default
   * 2028-01-01T00:00Z, or `openedFrom` when that is later.
   */
  readonly openedTo?: Date;
  /**
   * An IANA zone: when given, about half of the incidents are opened within 36 hours of one of
   * its daylight-saving changes, as `instantArbitrary` does.
   */
  readonly timeZone?: string;
  /**
   * The most events tried after opening, 0 to 500; the refused ones leave no version, so a
   * history has at most this many versions after the first. Default 25.
   */
  readonly maxEvents?: number;
  /** The lifecycle to drive, from `defineIncidentLifecycle`; its added events are tried too. Default the built-in one. */
  readonly lifecycle?: IncidentLifecycle;
  /** The matrix that derives priority; impact and urgency are drawn from its levels. Default the ITIL 3×3. */
  readonly priorityMatrix?: PriorityMatrix;
  /** Calendars by id, given to the lifecycle for automatic closing (`autoClose`). Default none. */
  readonly calendars?: Readonly<Record<string, BusinessCalendar>>;
}

const CALLER = Object.freeze({ kind: 'user', id: 'caller-1', name: 'Carla Caller' } as const);
const AGENT = Object.freeze({ kind: 'user', id: 'agent-1', name: 'Ada Agent' } as const);
const OTHER_AGENT = Object.freeze({ kind: 'user', id: 'agent-2' } as const);
const SCHEDULER = Object.freeze({ kind: 'system', id: 'scheduler' } as const);
const DESK = Object.freeze({ kind: 'group', id: 'service-desk' } as const);
const BUILT_IN_EVENTS = new Set([
  'assign',
  'start',
  'update',
  'comment',
  'attach',
  'link',
  'put_on_hold',
  'resume',
  'resolve',
  'reopen',
  'close',
  'auto_close',
  'cancel',
  'propose_major',
  'accept_major',
  'reject_major',
]);

/**
 * Realistic histories of incidents, as `evaluateSla` takes them: the real lifecycle is driven
 * with random events (`openIncident`, then each event through `safeApplyIncidentEvent`), and
 * every accepted event gives a version at its instant; refused ones leave none, as in a real
 * service desk. Time moves on by random gaps: none (two changes at one instant), minutes,
 * hours, a night, a weekend, and pauses of weeks. Events put incidents on hold and resume them,
 * resolve, reopen, close and cancel them, make them major incidents, record first responses
 * (an agent's comment to the caller, or starting work), and change their priority through
 * `update` with a new impact or urgency. Now and then a change is taken back at the instant it
 * was made (put on hold and resumed, resolved and reopened, reopened and resolved again), the
 * edge where a clock turns and turns back at once.
 *
 * Every record is a valid incident of the lifecycle; versions are numbered 1, 2, 3 … and `at`
 * is each record's `updatedAt`. Shrinking drops events and shortens gaps.
 *
 * @param options - when incidents open, how many events, the lifecycle and priority matrix
 * @returns an arbitrary of histories, oldest version first, never empty
 * @throws {@link "itsm-kit"!ValidationError} naming the option, for a bad instant or range, a
 * count out of range, an unknown zone, or a lifecycle, matrix or calendar not made by this library
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { evaluateSla, DEFAULT_INCIDENT_SLA_POLICY } from 'itsm-kit';
 * import { incidentHistoryArbitrary } from 'itsm-kit/testing';
 *
 * fc.assert(
 *   fc.property(incidentHistoryArbitrary({ timeZone: 'Europe/Berlin' }), (history) => {
 *     const now = history.at(-1)!.at;
 *     const { targets } = evaluateSla(DEFAULT_INCIDENT_SLA_POLICY, history, { calendars: { service_desk: desk }, now });
 *     return targets.every((target) => target.cycles.every((cycle) => cycle.elapsedMs >= 0));
 *   }),
 * );
 * ```
 */
export function incidentHistoryArbitrary(options: IncidentHistoryArbitraryOptions = {}): fc.Arbitrary<IncidentSlaVersion[]> {
  const given = optionsObject(options);
  const range = openedRangeOption(given.openedFrom, given.openedTo);
  const timeZone = given.timeZone === undefined ? undefined : timeZoneOption(given.timeZone, ['timeZone']);
  const maxEvents = countOption(given.maxEvents, 'maxEvents', 0, DEFAULT_MAX_EVENTS, MAX_EVENTS);
  const checked = incidentExtra({ lifecycle: given.lifecycle, priorityMatrix: given.priorityMatrix, calendars: given.calendars });
  if (!checked.success) throw new ValidationError(checked.error.issues, 'arbitrary options');
  const lifecycle = given.lifecycle ?? defaultIncidentLifecycle();
  const priorityMatrix = given.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX;
  const calendars = given.calendars ?? {};

  const impact = fc.constantFrom(...priorityMatrix.impacts.map((level) => level.value));
  const urgency = fc.constantFrom(...priorityMatrix.urgencies.map((level) => level.value));
  const opening = fc.record(
    {
      impact,
      urgency,
      category: fc.constantFrom('network', 'email', 'hardware'),
      assignmentGroup: fc.constant(DESK),
    },
    { requiredKeys: ['impact', 'urgency'], noNullPrototype: true },
  );
  const actor = fc.constantFrom(AGENT, AGENT, OTHER_AGENT, CALLER);
  const step = fc.record({ event: eventArbitrary(lifecycle, impact, urgency), actor, gapMs: gapArbitrary() }).map((one) => [one]);
  // A change taken back at the instant it was made: the edge where a clock turns and turns back
  // at once, which independent events with random gaps reach only rarely.
  const undone = fc.record({ pair: undonePairArbitrary(lifecycle), actor, gapMs: gapArbitrary() }).map(({ pair: [event, undo], actor: by, gapMs }) => [
    { event, actor: by, gapMs },
    { event: undo, actor: by, gapMs: 0 },
  ]);
  return fc
    .record({
      openedAt: instantsBetween(range, timeZone),
      opening,
      groups: fc.array(fc.oneof({ weight: 9, arbitrary: step }, { weight: 1, arbitrary: undone }), { maxLength: maxEvents, size: 'max' }),
    })
    .map(({ openedAt, opening: input, groups }) => {
      const steps = groups.flat().slice(0, maxEvents);
      let ids = 0;
      const newId = (): string => `j-${++ids}`;
      let incident = openIncident(
        { shortDescription: 'Cannot reach the VPN', caller: CALLER, ...input },
        { now: openedAt, actor: AGENT, newId: () => 'inc-1', tenantId: 'tenant-1', number: 'INC0000001', lifecycle, priorityMatrix },
      ).record;
      const history: IncidentSlaVersion[] = [{ at: incident.updatedAt, record: incident }];
      let at = openedAt.getTime();
      for (const { event, actor, gapMs } of steps) {
        at += gapMs;
        // The scheduler closes incidents automatically; people do the rest.
        const by = event.type === 'auto_close' ? SCHEDULER : actor;
        const result = safeApplyIncidentEvent(incident, event, { now: new Date(at), actor: by, newId, lifecycle, priorityMatrix, calendars });
        if (!result.success) continue;
        incident = result.data.record;
        history.push({ at: incident.updatedAt, record: incident });
      }
      return history;
    });
}

/** Events a service desk gives, with valid payloads, weighted so that histories wander through every state. */
function eventArbitrary(lifecycle: IncidentLifecycle, impact: fc.Arbitrary<number>, urgency: fc.Arbitrary<number>): fc.Arbitrary<{ type: string } & Record<string, unknown>> {
  const { onHoldReasons, resolutionCodes } = lifecycle.options;
  const note = fc.constantFrom('Checked the logs', 'Called the caller back', 'Waiting on the vendor');
  const added = lifecycle.events.filter((type) => !BUILT_IN_EVENTS.has(type));
  const events: fc.WeightedArbitrary<{ type: string } & Record<string, unknown>>[] = [
    { weight: 2, arbitrary: fc.constantFrom({ type: 'assign', assignee: AGENT }, { type: 'assign', assignee: OTHER_AGENT, assignmentGroup: DESK }) },
    { weight: 4, arbitrary: fc.constantFrom({ type: 'start' }, { type: 'start', note: 'Looking into it' }) },
    {
      weight: 3,
      arbitrary: fc
        .record({ impact, urgency }, { requiredKeys: [], noNullPrototype: true })
        .map((levels) => ({ type: 'update', ...(Object.keys(levels).length === 0 ? { category: 'network' } : levels) })),
    },
    { weight: 5, arbitrary: fc.record({ type: fc.constant('comment'), visibility: fc.constantFrom('comment', 'work_note'), body: note }) },
    { weight: 1, arbitrary: fc.constant({ type: 'link', problem: 'prb-1' }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('put_on_hold'), reason: fc.constantFrom(...onHoldReasons) }) },
    { weight: 3, arbitrary: fc.constant({ type: 'resume' }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('resolve'), resolutionCode: fc.constantFrom(...resolutionCodes), resolutionNotes: note }) },
    { weight: 2, arbitrary: fc.constant({ type: 'reopen', reason: 'It happened again' }) },
    { weight: 2, arbitrary: fc.constant({ type: 'close' }) },
    { weight: 1, arbitrary: fc.constant({ type: 'auto_close' }) },
    { weight: 1, arbitrary: fc.constant({ type: 'cancel', reason: 'Logged in error' }) },
    { weight: 2, arbitrary: fc.constant({ type: 'propose_major', reason: 'Many callers' }) },
    { weight: 2, arbitrary: fc.constantFrom({ type: 'accept_major' }, { type: 'accept_major' }, { type: 'reject_major', reason: 'Only one caller' }) },
  ];
  if (added.length > 0) events.push({ weight: 2, arbitrary: fc.constantFrom(...added).map((type) => ({ type })) });
  return fc.oneof(...events);
}

/** Pairs of events where the second takes the first back: on hold and resumed, resolved and reopened, reopened and resolved again. */
function undonePairArbitrary(lifecycle: IncidentLifecycle): fc.Arbitrary<readonly [{ type: string } & Record<string, unknown>, { type: string } & Record<string, unknown>]> {
  const { onHoldReasons, resolutionCodes } = lifecycle.options;
  const hold = fc.record({ type: fc.constant('put_on_hold'), reason: fc.constantFrom(...onHoldReasons) });
  const resolve = fc.record({ type: fc.constant('resolve'), resolutionCode: fc.constantFrom(...resolutionCodes), resolutionNotes: fc.constant('Fixed') });
  const reopen = { type: 'reopen', reason: 'It happened again' };
  return fc.oneof(
    hold.map((event) => [event, { type: 'resume' }] as const),
    resolve.map((event) => [event, reopen] as const),
    resolve.map((event) => [reopen, event] as const),
  );
}

/** Wall-clock gaps between events: none, minutes, hours, a night, a weekend, weeks; often on round minutes or hours. */
function gapArbitrary(): fc.Arbitrary<number> {
  const raw = fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: HOUR_MS }) },
    { weight: 3, arbitrary: fc.integer({ min: HOUR_MS, max: 10 * HOUR_MS }) },
    { weight: 2, arbitrary: fc.integer({ min: 12 * HOUR_MS, max: 20 * HOUR_MS }) },
    { weight: 2, arbitrary: fc.integer({ min: 2 * DAY_MS, max: 4 * DAY_MS }) },
    { weight: 1, arbitrary: fc.integer({ min: 7 * DAY_MS, max: LONGEST_GAP_MS }) },
  );
  return fc.tuple(raw, fc.constantFrom(1, 1000, MINUTE_MS, 15 * MINUTE_MS, HOUR_MS)).map(([gap, unit]) => Math.min(Math.round(gap / unit) * unit, LONGEST_GAP_MS));
}

/** The range incidents open in; the latest leaves room for the longest history within the horizon. */
function openedRangeOption(from: unknown, to: unknown): { min: number; max: number } {
  const latest = HORIZON_END_MS - MAX_EVENTS * LONGEST_GAP_MS;
  const min = from === undefined ? undefined : instantOption(from, 'openedFrom');
  const max = to === undefined ? undefined : instantOption(to, 'openedTo');
  if (min !== undefined && min > latest) invalidOption(['openedFrom'], `must be at least ${MAX_EVENTS} × 42 days before the end of the calendar horizon`, new Date(min).toISOString());
  if (max !== undefined && max > latest) invalidOption(['openedTo'], `must be at least ${MAX_EVENTS} × 42 days before the end of the calendar horizon`, new Date(max).toISOString());
  if (min !== undefined && max !== undefined) {
    if (max < min) invalidOption(['openedTo'], 'must not be before openedFrom', new Date(max).toISOString());
    return { min, max };
  }
  if (min !== undefined) return { min, max: Math.max(min, DEFAULT_OPENED_TO_MS) };
  if (max !== undefined) return { min: Math.min(max, DEFAULT_OPENED_FROM_MS), max };
  return { min: DEFAULT_OPENED_FROM_MS, max: DEFAULT_OPENED_TO_MS };
}

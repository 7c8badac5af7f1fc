import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  defineCalendar,
  defineIncidentLifecycle,
  definePriorityMatrix,
  defineSlaPolicy,
  evaluateSla,
  Incident,
  safeDefineSlaPolicy,
  ValidationError,
  type SlaPolicyDefinition,
  type SlaTargetDefinition,
} from '../../src/index';
import { incidentHistoryArbitrary, type IncidentSlaVersion } from '../../src/testing/incident-history-arbitrary';
import { slaPolicyArbitrary, slaPolicyDefinitionArbitrary } from '../../src/testing/sla-policy-arbitrary';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Statistics are read from a fixed sample, so they do not flicker from run to run. */
const SAMPLE = { numRuns: 300, seed: 20_260_301 };

function share<T>(samples: readonly T[], predicate: (value: T) => boolean): number {
  return samples.filter(predicate).length / samples.length;
}

/** The paths of the issues of the ValidationError that `make` throws, or whatever else it throws or returns. */
function rejectedPaths(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error instanceof ValidationError ? error.issues.map((found) => found.path) : error;
  }
  return 'no error';
}

const gaps = (history: readonly IncidentSlaVersion[]): number[] => history.slice(1).map((version, index) => Date.parse(version.at) - Date.parse(history[index]!.at));

describe('incidentHistoryArbitrary', () => {
  test.prop([incidentHistoryArbitrary()], { numRuns: 100 })(
    'gives histories of valid incidents, numbered 1, 2, 3 …, each at its updatedAt, in time order',
    (history) => {
      expect(history.length).toBeGreaterThan(0);
      expect(history[0]!.record).toMatchObject({ version: 1, state: 'new', major: 'none' });
      history.forEach((version, index) => {
        const parsed = Incident.safeParse(version.record);
        expect(parsed.success ? 'valid' : parsed.error.message).toBe('valid');
        expect(version.record.version).toBe(index + 1);
        expect(version.at).toBe(version.record.updatedAt);
        expect(version.record.id).toBe(history[0]!.record.id);
        if (index > 0) expect(Date.parse(version.at)).toBeGreaterThanOrEqual(Date.parse(history[index - 1]!.at));
      });
    },
  );

  test.prop([incidentHistoryArbitrary()], { numRuns: 100 })('gives histories the SLA engine takes as they are', (history) => {
    const desk = defineCalendar({ timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }], thursday: [{ start: '22:00', end: '06:00' }] } });
    const policy = defineSlaPolicy({
      id: 'p',
      name: 'P',
      targets: [{ id: 'resolution', metric: 'resolution', calendar: 'desk', duration: { ms: 8 * HOUR }, start: { field: 'state', in: ['new', 'in_progress', 'on_hold'] }, stop: { field: 'state', in: ['resolved', 'closed'] } }],
    });
    expect(() => evaluateSla(policy, history, { calendars: { desk }, now: history.at(-1)!.at })).not.toThrow();
  });

  it('drives the incident through every state, pauses and reopens, first responses and priority changes', () => {
    const histories = fc.sample(incidentHistoryArbitrary(), SAMPLE);
    const states = new Set(histories.flatMap((history) => history.map((version) => version.record.state)));
    expect([...states].sort()).toStrictEqual(['canceled', 'closed', 'in_progress', 'new', 'on_hold', 'resolved']);
    const some = (predicate: (history: readonly IncidentSlaVersion[]) => boolean): number => share(histories, predicate);
    expect(some((history) => history.some((version) => version.record.state === 'on_hold'))).toBeGreaterThan(0.2);
    expect(some((history) => history.some((version) => version.record.reopenCount > 0))).toBeGreaterThan(0.05);
    expect(some((history) => history.some((version) => version.record.firstRespondedAt !== undefined))).toBeGreaterThan(0.3);
    expect(some((history) => new Set(history.map((version) => version.record.priority)).size > 1)).toBeGreaterThan(0.1);
    expect(some((history) => history.some((version) => version.record.major === 'accepted'))).toBeGreaterThan(0.01);
    expect(some((history) => history.length >= 8)).toBeGreaterThan(0.1);
  });

  it('lets time pass by nothing, minutes, a night, a weekend and weeks', () => {
    const all = fc.sample(incidentHistoryArbitrary(), SAMPLE).flatMap(gaps);
    const part = (predicate: (gap: number) => boolean): number => share(all, predicate);
    expect(part((gap) => gap === 0)).toBeGreaterThan(0.02);
    expect(part((gap) => gap > 0 && gap < HOUR)).toBeGreaterThan(0.1);
    expect(part((gap) => gap >= 12 * HOUR && gap <= 20 * HOUR)).toBeGreaterThan(0.05);
    expect(part((gap) => gap >= 2 * DAY && gap <= 4 * DAY)).toBeGreaterThan(0.05);
    expect(part((gap) => gap >= 7 * DAY)).toBeGreaterThan(0.02);
    expect(part((gap) => gap % HOUR === 0)).toBeGreaterThan(0.1);
  });

  it('takes changes back at the instant they were made: on hold and resumed, resolved and reopened, reopened and resolved', () => {
    const histories = fc.sample(incidentHistoryArbitrary(), SAMPLE);
    /** Whether some version moves from `from` to `to` and the next moves back at the same instant. */
    const turnsBackAtOnce = (from: string, to: string) => (history: readonly IncidentSlaVersion[]) =>
      history.some((version, index) => {
        const [before, after] = [history[index - 1], history[index + 1]];
        return before?.record.state === from && version.record.state === to && after?.record.state === from && after.at === version.at;
      });
    expect(share(histories, turnsBackAtOnce('in_progress', 'on_hold'))).toBeGreaterThan(0.05);
    expect(share(histories, turnsBackAtOnce('in_progress', 'resolved'))).toBeGreaterThan(0.05);
    expect(share(histories, turnsBackAtOnce('resolved', 'in_progress'))).toBeGreaterThan(0.02);
  });

  it('opens incidents within openedFrom and openedTo, and near the zone’s daylight-saving changes when given one', () => {
    const from = new Date('2030-03-01T00:00:00Z');
    const to = new Date('2030-11-30T00:00:00Z');
    const openings = fc.sample(incidentHistoryArbitrary({ openedFrom: from, openedTo: to, timeZone: 'Europe/Berlin' }), SAMPLE).map((history) => Date.parse(history[0]!.at));
    expect(openings.every((at) => at >= from.getTime() && at <= to.getTime())).toBe(true);
    // Berlin changed its clocks on 2030-03-31 and 2030-10-27, at 01:00 UTC.
    const changes = [Date.UTC(2030, 2, 31, 1), Date.UTC(2030, 9, 27, 1)];
    expect(share(openings, (at) => changes.some((change) => Math.abs(at - change) <= 36 * HOUR))).toBeGreaterThan(0.3);
  });

  it('keeps the default range when only one end is given, or collapses onto that end when the default would be reversed', () => {
    const late = new Date('2040-06-01T00:00:00Z');
    expect(fc.sample(incidentHistoryArbitrary({ openedFrom: late }), 50).every((history) => history[0]!.at === late.toISOString())).toBe(true);
    const early = new Date('2001-06-01T00:00:00Z');
    expect(fc.sample(incidentHistoryArbitrary({ openedTo: early }), 50).every((history) => history[0]!.at === early.toISOString())).toBe(true);
  });

  it('opens only, without events, when maxEvents is 0', () => {
    expect(fc.sample(incidentHistoryArbitrary({ maxEvents: 0 }), 50).every((history) => history.length === 1)).toBe(true);
  });

  test.prop([
    incidentHistoryArbitrary({
      lifecycle: defineIncidentLifecycle({
        onHoldReasons: ['awaiting_parts'],
        resolutionCodes: ['fixed'],
        reopen: { allowed: true, fromClosed: true },
        extend: {
          states: { awaiting_vendor: { behavesAs: 'in_progress' } },
          transitions: [
            { event: 'hand_to_vendor', from: ['in_progress'], to: 'awaiting_vendor' },
            { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'in_progress' },
          ],
        },
      }),
    }),
  ], { numRuns: 100 })('drives a host’s own lifecycle, its reasons, codes and added events included', (history) => {
    for (const { record } of history) {
      if (record.state === 'on_hold') expect(record.onHoldReason).toBe('awaiting_parts');
      if (record.resolutionCode !== undefined) expect(record.resolutionCode).toBe('fixed');
    }
  });

  it('reaches the states a host’s lifecycle adds', () => {
    const lifecycle = defineIncidentLifecycle({
      extend: { states: { awaiting_vendor: { behavesAs: 'in_progress' } }, transitions: [{ event: 'hand_to_vendor', from: ['in_progress'], to: 'awaiting_vendor' }, { event: 'vendor_replied', from: ['awaiting_vendor'], to: 'in_progress' }] },
    });
    const histories = fc.sample(incidentHistoryArbitrary({ lifecycle }), SAMPLE);
    expect(histories.some((history) => history.some((version) => (version.record.state as string) === 'awaiting_vendor'))).toBe(true);
    expect(histories.every((history) => history.every((version) => lifecycle.schema.safeParse(version.record).success))).toBe(true);
  });

  it('draws impact and urgency from the priority matrix it is given', () => {
    const matrix = {
      impacts: [{ value: 10, label: 'Wide' }, { value: 20, label: 'Narrow' }],
      urgencies: [{ value: 1, label: 'Now' }, { value: 2, label: 'Later' }],
      priorities: [{ value: 1, label: 'P1' }, { value: 2, label: 'P2' }],
      cells: [
        { impact: 10, urgency: 1, priority: 1 },
        { impact: 10, urgency: 2, priority: 2 },
        { impact: 20, urgency: 1, priority: 2 },
        { impact: 20, urgency: 2, priority: 2 },
      ],
    };
    const records = fc.sample(incidentHistoryArbitrary({ priorityMatrix: definePriorityMatrix(matrix) }), 200).flat().map((version) => version.record);
    expect(new Set(records.map((record) => record.impact))).toStrictEqual(new Set([10, 20]));
    expect(new Set(records.map((record) => record.priority))).toStrictEqual(new Set([1, 2]));
  });

  it.each<[string, () => unknown, (string | number)[]]>([
    ['options not an object', () => incidentHistoryArbitrary(null as never), ['options']],
    ['openedFrom not a Date', () => incidentHistoryArbitrary({ openedFrom: '2026-01-01' as never }), ['openedFrom']],
    ['openedTo Invalid Date', () => incidentHistoryArbitrary({ openedTo: new Date(Number.NaN) }), ['openedTo']],
    ['openedTo before openedFrom', () => incidentHistoryArbitrary({ openedFrom: new Date('2027-01-01'), openedTo: new Date('2026-01-01') }), ['openedTo']],
    ['openedFrom too close to the end of the horizon', () => incidentHistoryArbitrary({ openedFrom: new Date('2190-01-01') }), ['openedFrom']],
    ['openedFrom before the horizon', () => incidentHistoryArbitrary({ openedFrom: new Date('1899-01-01') }), ['openedFrom']],
    ['an unknown zone', () => incidentHistoryArbitrary({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']],
    ['maxEvents negative', () => incidentHistoryArbitrary({ maxEvents: -1 }), ['maxEvents']],
    ['maxEvents above 500', () => incidentHistoryArbitrary({ maxEvents: 501 }), ['maxEvents']],
    ['maxEvents fractional', () => incidentHistoryArbitrary({ maxEvents: 2.5 }), ['maxEvents']],
    ['a lifecycle not made by defineIncidentLifecycle', () => incidentHistoryArbitrary({ lifecycle: { kind: 'incident' } as never }), ['lifecycle']],
    ['a priority matrix not made by definePriorityMatrix', () => incidentHistoryArbitrary({ priorityMatrix: {} as never }), ['priorityMatrix']],
    ['a calendar not made by defineCalendar', () => incidentHistoryArbitrary({ calendars: { office: { timeZone: 'UTC' } as never } }), ['calendars', 'office']],
  ])('rejects %s, naming the option', (_label, make, path) => {
    expect(rejectedPaths(make)).toStrictEqual([path]);
  });
});

describe('slaPolicyDefinitionArbitrary and slaPolicyArbitrary', () => {
  const targetsOf = (definition: SlaPolicyDefinition): readonly SlaTargetDefinition[] => definition.targets;

  test.prop([slaPolicyDefinitionArbitrary({ calendarIds: ['desk', 'field_service'], maxTargets: 5 })], { numRuns: 300 })(
    'gives plain JSON definitions that safeDefineSlaPolicy accepts, on the calendars named',
    (definition) => {
      const result = safeDefineSlaPolicy(JSON.parse(JSON.stringify(definition)));
      expect(result.success ? 'accepted' : result.error.message).toBe('accepted');
      expect(JSON.parse(JSON.stringify(definition))).toStrictEqual(definition);
      expect(definition.targets.length).toBeGreaterThanOrEqual(1);
      expect(definition.targets.length).toBeLessThanOrEqual(5);
      for (const target of definition.targets) expect(['desk', 'field_service']).toContain(target.calendar);
    },
  );

  test.prop([slaPolicyDefinitionArbitrary({ priorities: [0, 7], maxDurationMs: 90 * MINUTE })], { numRuns: 200 })(
    'gives durations up to maxDurationMs, per priority only for the priorities given',
    (definition) => {
      for (const { duration } of definition.targets) {
        const durations = 'ms' in duration ? [duration.ms] : [...Object.values(duration.byPriority), ...(duration.default === undefined ? [] : [duration.default])];
        for (const ms of durations) {
          expect(Number.isSafeInteger(ms) && ms >= 1 && ms <= 90 * MINUTE).toBe(true);
        }
        if ('byPriority' in duration) for (const key of Object.keys(duration.byPriority)) expect(['0', '7']).toContain(key);
      }
    },
  );

  it('gives every kind of target: fixed and per-priority durations, pauses, cancels, resets, retroactive starts, reopen and priority-change rules, thresholds', () => {
    const targets = fc.sample(slaPolicyDefinitionArbitrary(), SAMPLE).flatMap(targetsOf);
    const part = (predicate: (target: SlaTargetDefinition) => boolean): number => share(targets, predicate);
    expect(part((target) => 'ms' in target.duration)).toBeGreaterThan(0.2);
    expect(part((target) => 'byPriority' in target.duration && target.duration.default === undefined)).toBeGreaterThan(0.05);
    expect(part((target) => target.pause !== undefined)).toBeGreaterThan(0.4);
    expect(part((target) => target.cancel !== undefined)).toBeGreaterThan(0.5);
    expect(part((target) => target.reset !== undefined)).toBeGreaterThan(0.1);
    expect(part((target) => target.retroactiveStart === 'openedAt')).toBeGreaterThan(0.1);
    expect(part((target) => target.onReopen === 'resume')).toBeGreaterThan(0.1);
    expect(part((target) => target.onDurationChange === 'restart')).toBeGreaterThan(0.1);
    expect(part((target) => target.thresholds !== undefined)).toBeGreaterThan(0.1);
    expect(part((target) => target.appliesTo !== undefined)).toBeGreaterThan(0.1);
    expect(part((target) => JSON.stringify(target).includes('previous.state'))).toBeGreaterThan(0.05);
    expect(part((target) => JSON.stringify(target.start) === JSON.stringify({ field: 'state', in: ['new', 'in_progress', 'on_hold'] }))).toBeGreaterThan(0.1);
  });

  test.prop([slaPolicyArbitrary({ calendarIds: ['desk'] })], { numRuns: 100 })('compiles the definitions into policies', (policy) => {
    expect(defineSlaPolicy(JSON.parse(JSON.stringify(policy.definition)) as SlaPolicyDefinition).definition).toStrictEqual(policy.definition);
  });

  it.each<[string, () => unknown, (string | number)[]]>([
    ['options not an object', () => slaPolicyDefinitionArbitrary(null as never), ['options']],
    ['calendarIds not an array', () => slaPolicyDefinitionArbitrary({ calendarIds: 'desk' as never }), ['calendarIds']],
    ['calendarIds empty', () => slaPolicyDefinitionArbitrary({ calendarIds: [] }), ['calendarIds']],
    ['a calendar id with a space', () => slaPolicyDefinitionArbitrary({ calendarIds: ['desk', 'field service'] }), ['calendarIds', 1]],
    ['maxTargets 0', () => slaPolicyDefinitionArbitrary({ maxTargets: 0 }), ['maxTargets']],
    ['maxTargets 101', () => slaPolicyArbitrary({ maxTargets: 101 }), ['maxTargets']],
    ['priorities empty', () => slaPolicyDefinitionArbitrary({ priorities: [] }), ['priorities']],
    ['a priority of 1000', () => slaPolicyDefinitionArbitrary({ priorities: [1, 1000] }), ['priorities', 1]],
    ['a fractional priority', () => slaPolicyDefinitionArbitrary({ priorities: [1.5] }), ['priorities', 0]],
    ['maxDurationMs 0', () => slaPolicyDefinitionArbitrary({ maxDurationMs: 0 }), ['maxDurationMs']],
    ['maxDurationMs beyond ten years', () => slaPolicyDefinitionArbitrary({ maxDurationMs: 11 * 366 * DAY }), ['maxDurationMs']],
  ])('rejects %s, naming the option', (_label, make, path) => {
    expect(rejectedPaths(make)).toStrictEqual([path]);
  });
});

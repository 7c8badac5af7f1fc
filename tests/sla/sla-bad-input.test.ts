// Every public SLA function given bad input: a ValidationError naming the path, never a raw
// TypeError, an out-of-range error for a well-formed question, or a changed input.
import vm from 'node:vm';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { defineCalendar, type BusinessCalendar } from '../../src/calendar/index';
import {
  advanceSla,
  DEFAULT_INCIDENT_SLA_POLICY,
  defineSlaPolicy,
  evaluateSla,
  isItsmError,
  nextDeadline,
  safeDefineSlaPolicy,
  safeEvaluateSla,
  serviceAvailability,
  slaCompliance,
  slaStatus,
  slaWhatIf,
  ValidationError,
  type SlaEvaluation,
  type SlaPolicy,
  type SlaPolicyDefinition,
  type SlaState,
  type SlaVersion,
} from '../../src/sla/index';
import { anyValue, thrown } from '../support';

const HOUR = 3_600_000;
const desk = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }], tuesday: [{ start: '09:00', end: '17:00' }] } });
const calendars = { service_desk: desk };
const policy = DEFAULT_INCIDENT_SLA_POLICY;
const record = (state: string, priority = 3): Record<string, unknown> => ({ state, priority, openedAt: '2026-11-23T09:00:00.000Z' });
const history: SlaVersion[] = [
  { at: '2026-11-23T09:00:00.000Z', record: record('new') },
  { at: '2026-11-23T10:00:00.000Z', record: record('on_hold') },
];
const now = '2026-11-23T12:00:00.000Z';
const evaluation = evaluateSla(policy, history, { calendars, now });
const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

/** What a call did: returned, or threw a validation error (anything else fails the test). */
function outcome(call: () => unknown): 'returned' | ValidationError {
  try {
    call();
    return 'returned';
  } catch (error) {
    if (isItsmError(error) && error.code === 'validation') return error as ValidationError;
    throw error;
  }
}

/** The call threw a validation error whose first issue's path starts with `path`. */
function expectRefusedAt(call: () => unknown, path: readonly (string | number)[]): ValidationError {
  const error = thrown(call);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues[0]!.path.slice(0, path.length)).toEqual(path);
  return error as ValidationError;
}

/** Either it returned, or the validation error names a path starting with one of `roots`. */
function expectReturnedOrRefusedAt(call: () => unknown, roots: readonly string[]): void {
  const result = outcome(call);
  if (result !== 'returned') for (const found of result.issues) expect(roots).toContain(found.path[0]);
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

describe('any value, in any argument', () => {
  test.prop([anyValue])('defineSlaPolicy and safeDefineSlaPolicy refuse anything that is not a policy with a validation error', (value) => {
    expect(() => safeDefineSlaPolicy(value)).not.toThrow();
    expect(safeDefineSlaPolicy(value).success).toBe(false);
    expect(outcome(() => defineSlaPolicy(value as SlaPolicyDefinition))).toBeInstanceOf(ValidationError);
  });

  // Through JSON.parse, as a stored policy arrives: fast-check's JSON values include -0, which
  // JSON writes as 0, so an issue echoing it would not survive the round trip compared below.
  const parsedJson = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown);
  test.prop([parsedJson])('safeDefineSlaPolicy refuses any JSON value that is not a policy, with issues made of plain data', (value) => {
    const result = safeDefineSlaPolicy(value);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(result.error.toJSON()))).toEqual(result.error.toJSON());
    }
  });

  test.prop([anyValue])('evaluateSla, safeEvaluateSla and slaStatus name the policy when it is not one', (value) => {
    expectRefusedAt(() => evaluateSla(value as SlaPolicy, history, { calendars, now }), ['policy']);
    expectRefusedAt(() => slaStatus(value as SlaPolicy, {} as SlaState, { calendars, now }), ['policy']);
    expectRefusedAt(() => advanceSla(value as SlaPolicy, undefined, history[0]!, { calendars }), ['policy']);
    const result = safeEvaluateSla(value as SlaPolicy, history, { calendars, now });
    expect(result.success).toBe(false);
  });

  test.prop([anyValue])('evaluateSla takes any history, options, calendars or now without a raw error', (value) => {
    expectReturnedOrRefusedAt(() => evaluateSla(policy, value as SlaVersion[], { calendars, now }), ['history']);
    expectReturnedOrRefusedAt(() => evaluateSla(policy, [value as SlaVersion], { calendars, now }), ['history']);
    expectReturnedOrRefusedAt(() => evaluateSla(policy, [{ at: value as string, record: record('new') }], { calendars, now }), ['history', 'now']);
    expectReturnedOrRefusedAt(() => evaluateSla(policy, [{ at: history[0]!.at, record: value as Record<string, unknown> }], { calendars, now }), ['history']);
    expectReturnedOrRefusedAt(() => evaluateSla(policy, history, value as { calendars: typeof calendars; now: string }), ['options', 'calendars', 'now']);
    expectReturnedOrRefusedAt(() => evaluateSla(policy, history, { calendars: value as typeof calendars, now }), ['calendars']);
    expectReturnedOrRefusedAt(() => evaluateSla(policy, history, { calendars, now: value as string }), ['now']);
    expect(() => safeEvaluateSla(policy, value, { calendars, now })).not.toThrow();
  });

  test.prop([anyValue])('advanceSla and slaStatus take any state or version without a raw error', (value) => {
    expectReturnedOrRefusedAt(() => advanceSla(policy, value as SlaState, history[0]!, { calendars }), ['state']);
    expectReturnedOrRefusedAt(() => advanceSla(policy, undefined, value as SlaVersion, { calendars }), ['version']);
    expectReturnedOrRefusedAt(() => advanceSla(policy, undefined, history[0]!, value as { calendars: typeof calendars }), ['options', 'calendars']);
    expectReturnedOrRefusedAt(() => slaStatus(policy, value as SlaState, { calendars, now }), ['state']);
  });

  test.prop([anyValue])('nextDeadline and slaCompliance take any evaluation or period without a raw error', (value) => {
    expectReturnedOrRefusedAt(() => nextDeadline(value as SlaEvaluation), ['evaluation']);
    expectReturnedOrRefusedAt(() => nextDeadline({ ...evaluation, targets: [value] } as unknown as SlaEvaluation), ['evaluation']);
    expectReturnedOrRefusedAt(() => slaCompliance(value as SlaEvaluation[], period), ['evaluations']);
    expectReturnedOrRefusedAt(() => slaCompliance([value as SlaEvaluation], period), ['evaluations']);
    expectReturnedOrRefusedAt(() => slaCompliance([evaluation], value as typeof period), ['period']);
  });

  test.prop([anyValue])('serviceAvailability takes any outages, calendar or period without a raw error', (value) => {
    expectReturnedOrRefusedAt(() => serviceAvailability(value as [], desk, period), ['outages']);
    expectReturnedOrRefusedAt(() => serviceAvailability([value as { start: string }], desk, period), ['outages']);
    expectReturnedOrRefusedAt(() => serviceAvailability([], value as BusinessCalendar, period), ['calendar']);
    expectReturnedOrRefusedAt(() => serviceAvailability([], desk, value as typeof period), ['period']);
  });

  test.prop([anyValue])('slaWhatIf takes any records, configuration or now without a raw error', (value) => {
    const records = [{ id: 'INC1', history }];
    const configuration = { policy, calendars };
    expectReturnedOrRefusedAt(() => slaWhatIf(value as [], configuration, configuration, now), ['records']);
    expectReturnedOrRefusedAt(() => slaWhatIf([value as (typeof records)[number]], configuration, configuration, now), ['records']);
    expectReturnedOrRefusedAt(() => slaWhatIf(records, value as typeof configuration, configuration, now), ['before']);
    expectReturnedOrRefusedAt(() => slaWhatIf(records, configuration, value as typeof configuration, now), ['after']);
    expectReturnedOrRefusedAt(() => slaWhatIf(records, configuration, configuration, value as string), ['now']);
  });
});

describe('bad input found the hard way', () => {
  it('names the stored state when advanceSla or slaStatus is given a damaged one, instead of throwing a TypeError', () => {
    const state = advanceSla(policy, undefined, history[0]!, { calendars });
    const damaged = JSON.parse(JSON.stringify(state)) as { targets: { cycles: unknown[] }[] };
    damaged.targets[0]!.cycles[0] = null;
    expectRefusedAt(() => advanceSla(policy, damaged as unknown as SlaState, history[1]!, { calendars }), ['state', 'targets', 0, 'cycles', 0]);
    expectRefusedAt(() => slaStatus(policy, damaged as unknown as SlaState, { calendars, now }), ['state', 'targets', 0, 'cycles', 0]);
    const noSegments = JSON.parse(JSON.stringify(state)) as { targets: { cycles: { segments?: unknown }[] }[] };
    delete noSegments.targets[1]!.cycles[0]!.segments;
    expectRefusedAt(() => slaStatus(policy, noSegments as unknown as SlaState, { calendars, now }), ['state', 'targets', 1, 'cycles', 0, 'segments']);
  });

  it('refuses a state kept for another policy', () => {
    const other = defineSlaPolicy({ ...(structuredClone(policy.definition) as unknown as SlaPolicyDefinition), id: 'other' });
    const state = advanceSla(other, undefined, history[0]!, { calendars });
    expect(expectRefusedAt(() => advanceSla(policy, state, history[1]!, { calendars }), ['state']).message).toContain('default-incident');
  });

  it('refuses a state kept for a policy of the same id whose targets differ', () => {
    const definition = structuredClone(policy.definition) as unknown as SlaPolicyDefinition;
    const renamed = defineSlaPolicy({ ...definition, targets: definition.targets.map((target, index) => (index === 1 ? { ...target, id: 'fix' } : target)) });
    const state = advanceSla(renamed, undefined, history[0]!, { calendars });
    expect(expectRefusedAt(() => advanceSla(policy, state, history[1]!, { calendars }), ['state']).message).toContain('fix');
    const reordered = defineSlaPolicy({ ...definition, targets: [...definition.targets].reverse() });
    expectRefusedAt(() => slaStatus(policy, advanceSla(reordered, undefined, history[0]!, { calendars }), { calendars, now }), ['state']);
  });

  it('steps on a state kept under the same policy defined again from its definition, sharing what the step leaves', () => {
    const again = defineSlaPolicy(structuredClone(policy.definition));
    const state = advanceSla(again, undefined, history[0]!, { calendars });
    const next = advanceSla(policy, state, history[1]!, { calendars });
    expect(next).toEqual(advanceSla(policy, advanceSla(policy, undefined, history[0]!, { calendars }), history[1]!, { calendars }));
    // Still one of ours, so not copied whole: a target the step did not write is the one given.
    const untouched = next.targets.findIndex((target, index) => target === state.targets[index]);
    expect(untouched).toBeGreaterThanOrEqual(0);
  });

  it('names the evaluation when nextDeadline or slaCompliance is given something shaped wrong, instead of throwing a TypeError', () => {
    expectRefusedAt(() => nextDeadline({ now, targets: [null] } as unknown as SlaEvaluation), ['evaluation', 'targets', 0]);
    expectRefusedAt(() => nextDeadline({ now, targets: [{ targetId: 'x', metric: 'x', cycles: [{ state: 'running' }] }] } as unknown as SlaEvaluation), ['evaluation', 'targets', 0, 'cycles', 0]);
    expectRefusedAt(() => slaCompliance([evaluation, { now, targets: [null] } as unknown as SlaEvaluation], period), ['evaluations', 1, 'targets', 0]);
  });

  it('names the history entry, not a calendar parameter, for an instant outside the calendar horizon', () => {
    const far = [{ at: '2300-01-01T00:00:00.000Z', record: record('new') }];
    expect(expectRefusedAt(() => evaluateSla(policy, far, { calendars, now }), ['history', 0, 'at']).issues[0]!.message).toContain('1900');
    expectRefusedAt(() => evaluateSla(policy, history, { calendars, now: '2200-01-01T00:00:00.001Z' }), ['now']);
    expectRefusedAt(() => serviceAvailability([{ start: new Date(Date.UTC(1899, 0, 1)) }], desk, period), ['outages', 0, 'start']);
  });

  it('reads the calendars object afresh at every call, so a calendar replaced or removed in it counts at once', () => {
    const narrow = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '10:00', end: '11:00' }], tuesday: [{ start: '10:00', end: '11:00' }] } });
    const onNarrow = evaluateSla(policy, history, { calendars: { service_desk: narrow }, now });
    expect(onNarrow).not.toEqual(evaluation);
    const state = advanceSla(policy, undefined, history[0]!, { calendars: { service_desk: narrow } });
    const stepped = slaStatus(policy, advanceSla(policy, state, history[1]!, { calendars: { service_desk: narrow } }), { calendars: { service_desk: narrow }, now });
    // Each call below follows one with the same object, changed in between.
    const mutable: Record<string, BusinessCalendar> = { service_desk: desk };
    expect(evaluateSla(policy, history, { calendars: mutable, now })).toEqual(evaluation);
    mutable['service_desk'] = narrow;
    expect(evaluateSla(policy, history, { calendars: mutable, now })).toEqual(onNarrow);
    mutable['service_desk'] = desk;
    const onDesk = advanceSla(policy, state, history[1]!, { calendars: mutable });
    mutable['service_desk'] = narrow;
    expect(slaStatus(policy, advanceSla(policy, state, history[1]!, { calendars: mutable }), { calendars: mutable, now })).toEqual(stepped);
    expect(onDesk).not.toEqual(advanceSla(policy, state, history[1]!, { calendars: mutable }));
    delete mutable['service_desk'];
    expectRefusedAt(() => evaluateSla(policy, history, { calendars: mutable, now }), ['calendars', 'service_desk']);
    expectRefusedAt(() => advanceSla(policy, state, history[1]!, { calendars: mutable }), ['calendars', 'service_desk']);
  });

  it('checks every calendar again at every call, even the same object under the same id', () => {
    const narrow = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '10:00', end: '11:00' }], tuesday: [{ start: '10:00', end: '11:00' }] } });
    const onNarrow = evaluateSla(policy, history, { calendars: { service_desk: narrow }, now });
    // A calendar whose compiled form changes behind the same object.
    const shifting = Object.create(desk) as BusinessCalendar;
    const calendarsOfShifting = { service_desk: shifting };
    expect(evaluateSla(policy, history, { calendars: calendarsOfShifting, now })).toEqual(evaluation);
    Object.setPrototypeOf(shifting, narrow);
    expect(evaluateSla(policy, history, { calendars: calendarsOfShifting, now })).toEqual(onNarrow);
    // A calendar that stops being one.
    const { proxy, revoke } = Proxy.revocable(desk, {});
    const calendarsOfProxy = { service_desk: proxy };
    expect(evaluateSla(policy, history, { calendars: calendarsOfProxy, now })).toEqual(evaluation);
    revoke();
    expectRefusedAt(() => evaluateSla(policy, history, { calendars: calendarsOfProxy, now }), ['calendars', 'service_desk']);
  });

  it('reads each calendar of the calendars object once a call', () => {
    const narrow = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '10:00', end: '11:00' }], tuesday: [{ start: '10:00', end: '11:00' }] } });
    const onNarrow = evaluateSla(policy, history, { calendars: { service_desk: narrow }, now });
    // Both targets run on service_desk, response first: the second call sees desk, then narrow.
    const given = [desk, desk, desk, narrow];
    let reads = 0;
    const calendarsOfGetter = {
      get service_desk(): BusinessCalendar {
        return given[Math.min(reads++, given.length - 1)]!;
      },
    };
    expect(evaluateSla(policy, history, { calendars: calendarsOfGetter, now })).toEqual(evaluation);
    const second = evaluateSla(policy, history, { calendars: calendarsOfGetter, now });
    expect(reads).toBe(4);
    expect(second.targets[0]).toEqual(evaluation.targets[0]);
    expect(second.targets[1]).toEqual(onNarrow.targets[1]);
  });

  it('echoes an instant far outside the horizon as Date writes it, not as a garbled text', () => {
    const latest = new Date(8.64e15);
    expect(expectRefusedAt(() => evaluateSla(policy, history, { calendars, now: latest }), ['now']).issues[0]!.value).toBe('+275760-09-13T00:00:00.000Z');
    expect(expectRefusedAt(() => evaluateSla(policy, history, { calendars, now: new Date(Date.UTC(-1, 0, 1)) }), ['now']).issues[0]!.value).toBe('-000001-01-01T00:00:00.000Z');
    expect(expectRefusedAt(() => evaluateSla(policy, history, { calendars, now: '2300-01-01T00:00:00.000Z' }), ['now']).issues[0]!.value).toBe('2300-01-01T00:00:00.000Z');
  });

  it('accepts a Date from another realm (a vm context, an iframe) as an instant', () => {
    const foreign = vm.runInNewContext('new Date("2026-11-23T12:00:00.000Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(evaluateSla(policy, history, { calendars, now: foreign })).toEqual(evaluation);
  });

  it('gives no due instant, rather than an error, when the calendar has no business time left before 2200', () => {
    // Opened Mon 23 Dec 2199 on a P5 (120 h): the horizon ends before the target does.
    const late = [{ at: '2199-12-23T09:00:00.000Z', record: { ...record('new', 5), openedAt: '2199-12-23T09:00:00.000Z' } }];
    const resolution = evaluateSla(policy, late, { calendars, now: '2199-12-23T10:00:00.000Z' }).targets[1]!.cycles[0]!;
    expect(resolution).toMatchObject({ state: 'running', elapsedMs: HOUR, breached: false });
    expect(resolution.dueAt).toBeUndefined();
    expect(resolution.thresholds.every((threshold) => threshold.dueAt === undefined)).toBe(true);
  });

  it.each(['state', 'priority', 'openedAt'])('names the record, instead of throwing a TypeError, when reading its %s throws', (field) => {
    // A getter that throws (or a revoked proxy): the conditions read `state`, the duration
    // `priority`, a retroactive start `openedAt`.
    const hostile = Object.defineProperty(record('new'), field, {
      enumerable: true,
      get() {
        throw new TypeError(`no ${field} here`);
      },
    });
    const error = expectRefusedAt(() => evaluateSla(policy, [{ at: history[0]!.at, record: hostile }], { calendars, now }), ['history', 0, 'record']);
    expect(error.issues[0]!.message).toBe(`could not be read: no ${field} here`);
    expectRefusedAt(() => advanceSla(policy, undefined, { at: history[0]!.at, record: hostile }, { calendars }), ['version', 'record']);
    const result = safeEvaluateSla(policy, [{ at: history[0]!.at, record: hostile }], { calendars, now });
    expect(result.success === false && result.error.code).toBe('validation');
  });

  it('reads the instant and the record of a version once, so a getter that changes its answer cannot make the evaluation disagree with what was checked', () => {
    // The version put on hold says 10:00 when checked and 11:00 on any later read; and gives
    // its record first, then a record in another state.
    const reads = { at: 0, record: 0 };
    const shifty = {
      get at() {
        return reads.at++ === 0 ? '2026-11-23T10:00:00.000Z' : '2026-11-23T11:00:00.000Z';
      },
      get record() {
        return reads.record++ === 0 ? record('on_hold') : record('resolved');
      },
    } as SlaVersion;
    const cycle = evaluateSla(policy, [history[0]!, shifty], { calendars, now }).targets[1]!.cycles[0]!;
    expect(cycle).toMatchObject({ state: 'paused', elapsedMs: HOUR, pausedMs: 2 * HOUR });
    expect(cycle.segments.map((segment) => [segment.from, segment.to, segment.clock])).toEqual([
      ['2026-11-23T09:00:00.000Z', '2026-11-23T10:00:00.000Z', 'running'],
      ['2026-11-23T10:00:00.000Z', '2026-11-23T12:00:00.000Z', 'paused'],
    ]);
    reads.at = 0;
    reads.record = 0;
    const state = advanceSla(policy, advanceSla(policy, undefined, history[0]!, { calendars }), shifty, { calendars });
    expect(slaStatus(policy, state, { calendars, now }).targets[1]!.cycles[0]).toEqual(cycle);
  });

  it('refuses a hole in an array as a missing entry rather than skipping it', () => {
    const holed = <T>(entry: T): T[] => [, entry] as unknown as T[];
    expectRefusedAt(() => evaluateSla(policy, holed(history[0]!), { calendars, now }), ['history', 0]);
    expectRefusedAt(() => slaCompliance(holed(evaluation), period), ['evaluations', 0]);
    expectRefusedAt(() => serviceAvailability(holed({ start: now }), desk, period), ['outages', 0]);
    expectRefusedAt(() => slaWhatIf(holed({ id: 'INC1', history }), { policy, calendars }, { policy, calendars }, now), ['records', 0]);
  });

  it('refuses a hole inside a stored state or an evaluation as a missing entry, instead of throwing a TypeError', () => {
    const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
    type Loose = { targets: { cycles: { segments: unknown[]; thresholds: unknown[] }[] }[] };
    /** Makes a hole at `index`, as a host's code deleting an entry would. */
    const punch = (list: unknown[], index: number): boolean => Reflect.deleteProperty(list, index);
    const state = copy(advanceSla(policy, undefined, history[0]!, { calendars })) as unknown as Loose;
    punch(state.targets, 1);
    expectRefusedAt(() => slaStatus(policy, state as unknown as SlaState, { calendars, now }), ['state', 'targets', 1]);
    expectRefusedAt(() => advanceSla(policy, state as unknown as SlaState, history[1]!, { calendars }), ['state', 'targets', 1]);
    const withoutTarget = copy(evaluation) as unknown as Loose;
    withoutTarget.targets.length = 3;
    expectRefusedAt(() => nextDeadline(withoutTarget as unknown as SlaEvaluation), ['evaluation', 'targets', 2]);
    const withoutThreshold = copy(evaluation) as unknown as Loose;
    punch(withoutThreshold.targets[1]!.cycles[0]!.thresholds, 0);
    expectRefusedAt(() => nextDeadline(withoutThreshold as unknown as SlaEvaluation), ['evaluation', 'targets', 1, 'cycles', 0, 'thresholds', 0]);
    const withoutCycle = copy(evaluation) as unknown as Loose;
    withoutCycle.targets[1]!.cycles.length = 2;
    expectRefusedAt(() => slaCompliance([withoutCycle as unknown as SlaEvaluation], period), ['evaluations', 0, 'targets', 1, 'cycles', 1]);
  });

  it('says which configuration is wrong in slaWhatIf, even with no records to compare', () => {
    const configuration = { policy, calendars };
    expectRefusedAt(() => slaWhatIf([], { policy: 'default' as unknown as SlaPolicy, calendars }, configuration, now), ['before', 'policy']);
    expectRefusedAt(() => slaWhatIf([{ id: 'INC1', history }], configuration, { policy, calendars: {} }, now), ['after', 'calendars', 'service_desk']);
    expectRefusedAt(() => slaWhatIf([{ id: 'INC1', history: [history[1]!, history[0]!] }], configuration, configuration, now), ['records', 0, 'history', 1, 'at']);
    expectRefusedAt(() => slaWhatIf([], configuration, configuration, 'tomorrow'), ['now']);
  });
});

describe('inputs are never changed', () => {
  it('leaves the state given to advanceSla as it was, even deeply frozen', () => {
    const first = advanceSla(policy, undefined, history[0]!, { calendars });
    const copy = structuredClone(first);
    const second = advanceSla(policy, deepFreeze(first), history[1]!, { calendars });
    expect(first).toEqual(copy);
    expect(second).not.toEqual(first);
    // Advancing the same state twice gives the same answer: nothing leaked between the calls.
    expect(advanceSla(policy, first, history[1]!, { calendars })).toEqual(second);
  });

  it('returns a frozen state from advanceSla, so a host cannot change it by accident and a later step can trust it', () => {
    const first = advanceSla(policy, undefined, history[0]!, { calendars });
    const second = advanceSla(policy, first, history[1]!, { calendars });
    // The resolution clock: the default policy's response clock waits for a record's reopenCount.
    for (const state of [first, second]) {
      expect(Object.isFrozen(state)).toBe(true);
      expect(Object.isFrozen(state.targets[1]!.cycles)).toBe(true);
      expect(Object.isFrozen(state.targets[1]!.cycles[0]!.segments)).toBe(true);
    }
    expect(() => {
      (second.targets[1]!.cycles[0]! as { elapsedMs: number }).elapsedMs = -1;
    }).toThrow(TypeError);
    expect(() => (second.targets[1]!.cycles as unknown[]).push({})).toThrow(TypeError);
  });

  it('copies a state read back from storage instead of freezing the caller\'s objects, and advances it as the original', () => {
    const first = advanceSla(policy, undefined, history[0]!, { calendars });
    const stored = JSON.parse(JSON.stringify(first)) as SlaState;
    const fromStored = advanceSla(policy, stored, history[1]!, { calendars });
    expect(fromStored).toEqual(advanceSla(policy, first, history[1]!, { calendars }));
    expect(Object.isFrozen(stored)).toBe(false);
    expect(Object.isFrozen(stored.targets[1]!.cycles[0]!.segments)).toBe(false);
    expect(JSON.parse(JSON.stringify(fromStored))).toEqual(fromStored);
  });

  it('leaves the history and the records given to evaluateSla as they were', () => {
    const frozen = deepFreeze(structuredClone(history));
    expect(evaluateSla(policy, frozen, { calendars, now })).toEqual(evaluation);
    expect(frozen).toEqual(history);
  });

  it('leaves the evaluations given to the reports as they were', () => {
    const frozen = deepFreeze(structuredClone(evaluation));
    nextDeadline(frozen);
    slaCompliance([frozen], period);
    expect(frozen).toEqual(evaluation);
  });
});

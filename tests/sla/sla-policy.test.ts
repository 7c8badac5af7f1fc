// SLA policies as data: what defineSlaPolicy accepts, and for everything it refuses, a
// ValidationError whose issues name the path a vendor's policy editor can highlight.
import { describe, expect, it } from 'vitest';
import { defineCalendar } from '../../src/calendar/index';
import {
  DEFAULT_INCIDENT_SLA_POLICY,
  defineSlaPolicy,
  evaluateSla,
  safeDefineSlaPolicy,
  ValidationError,
  type SlaPolicyDefinition,
  type SlaTargetDefinition,
} from '../../src/sla/index';
import { thrown } from '../support';

const HOUR = 3_600_000;

const target = (extra: Record<string, unknown> = {}): SlaTargetDefinition => ({
  id: 'resolution',
  metric: 'resolution',
  calendar: 'desk',
  duration: { ms: 8 * HOUR },
  start: { field: 'state', in: ['new', 'in_progress', 'on_hold'] },
  pause: { field: 'state', eq: 'on_hold' },
  stop: { field: 'state', in: ['resolved', 'closed'] },
  ...extra,
});
const policyWith = (...targets: SlaTargetDefinition[]): SlaPolicyDefinition => ({ id: 'incidents', name: 'Incident SLAs', targets });

/** The issues of the error defining `definition` throws, as `path: message` lines. */
function problems(definition: unknown): string[] {
  const error = thrown(() => defineSlaPolicy(definition as SlaPolicyDefinition));
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toMatchObject({ code: 'validation' });
  return (error as ValidationError).issues.map((found) => `${found.path.join('.')}: ${found.message}`);
}
/** Just the paths. */
const pathsOf = (definition: unknown): string[] => problems(definition).map((line) => line.slice(0, line.indexOf(': ')));

describe('defineSlaPolicy', () => {
  it('keeps the definition as data: JSON out, the same policy back in', () => {
    const policy = defineSlaPolicy(policyWith(target({ thresholds: [80, 100], onReopen: 'resume' })));
    const stored = JSON.parse(JSON.stringify(policy)) as SlaPolicyDefinition;
    expect(stored).toEqual(policy.definition);
    const reread = defineSlaPolicy(stored);
    const desk = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
    const history = [{ at: '2026-11-23T09:00:00.000Z', record: { state: 'new' } }];
    const options = { calendars: { desk }, now: '2026-11-23T10:00:00.000Z' };
    expect(evaluateSla(reread, history, options)).toEqual(evaluateSla(policy, history, options));
  });

  it('freezes its own copy and leaves the caller definition as it was', () => {
    const definition = policyWith(target());
    const before = structuredClone(definition);
    const policy = defineSlaPolicy(definition);
    expect(Object.isFrozen(policy.definition.targets[0]!.start)).toBe(true);
    expect(Object.isFrozen(definition.targets[0]!.start)).toBe(false);
    expect(definition).toEqual(before);
  });

  it('ships a default incident policy: response and resolution by priority, paused on hold, resumed on reopen', () => {
    const [response, resolution] = DEFAULT_INCIDENT_SLA_POLICY.definition.targets;
    expect(response).toMatchObject({ id: 'response', calendar: 'service_desk', retroactiveStart: 'openedAt' });
    expect(response!.duration).toEqual({ byPriority: { '1': 0.25 * HOUR, '2': 0.5 * HOUR, '3': 2 * HOUR, '4': 8 * HOUR, '5': 24 * HOUR } });
    expect(resolution).toMatchObject({ id: 'resolution', calendar: 'service_desk', onReopen: 'resume', pause: { field: 'state', eq: 'on_hold' } });
    expect(resolution!.duration).toEqual({ byPriority: { '1': 4 * HOUR, '2': 8 * HOUR, '3': 24 * HOUR, '4': 72 * HOUR, '5': 120 * HOUR } });
    // A vendor starts from its (deeply read-only) definition to make their own, without a cast.
    const ours = defineSlaPolicy({
      ...DEFAULT_INCIDENT_SLA_POLICY.definition,
      id: 'ours',
      targets: DEFAULT_INCIDENT_SLA_POLICY.definition.targets.map((target) => ({ ...target, calendar: 'berlin_desk' })),
    });
    expect(ours.definition).toMatchObject({ id: 'ours', targets: [{ id: 'response', calendar: 'berlin_desk' }, { id: 'resolution', calendar: 'berlin_desk' }] });
  });

  it('returns the error instead of throwing from safeDefineSlaPolicy, for policies read from storage', () => {
    const result = safeDefineSlaPolicy(JSON.parse('{"id":"x","name":"X","targets":[]}'));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((found) => found.path)).toEqual([['targets']]);
  });
});

describe('policy validation', () => {
  it('refuses two targets with the same id, naming the second', () => {
    expect(problems(policyWith(target(), target({ metric: 'other' })))).toEqual(['targets.1.id: repeats targets[0].id']);
  });

  it('refuses thresholds out of order or out of range, naming each', () => {
    expect(pathsOf(policyWith(target({ thresholds: [50, 50] })))).toEqual(['targets.0.thresholds.1']);
    expect(pathsOf(policyWith(target({ thresholds: [75, 50, 100] })))).toEqual(['targets.0.thresholds.1']);
    expect(pathsOf(policyWith(target({ thresholds: [0, 50] })))).toEqual(['targets.0.thresholds.0']);
    expect(pathsOf(policyWith(target({ thresholds: [50, 1001] })))).toEqual(['targets.0.thresholds.1']);
    expect(pathsOf(policyWith(target({ thresholds: [50, '75'] })))).toEqual(['targets.0.thresholds.1']);
  });

  it('says what is wrong inside a malformed condition, at its path', () => {
    expect(problems(policyWith(target({ start: { field: 'state', equals: 'new' } })))).toEqual([
      'targets.0.start.equals: is not an operator (use one of eq, ne, in, notIn, exists, gt, gte, lt, lte)',
      'targets.0.start: must have one operator',
    ]);
    expect(pathsOf(policyWith(target({ pause: { all: [{ field: 'state', eq: 'on_hold' }, { field: 'state', eq: 1, ne: 2 }] } })))).toEqual(['targets.0.pause.all.1']);
    expect(pathsOf(policyWith(target({ stop: { field: 'resolved at', exists: true } })))).toEqual(['targets.0.stop.field']);
    expect(pathsOf(policyWith(target({ cancel: { any: { field: 'state', eq: 'canceled' } } })))).toEqual(['targets.0.cancel.any']);
    expect(pathsOf(policyWith(target({ reset: { not: { field: 'state', in: 'new' } } })))).toEqual(['targets.0.reset.not.in']);
    expect(pathsOf(policyWith(target({ appliesTo: 'priority = 1' })))).toEqual(['targets.0.appliesTo']);
  });

  it('names a hole in a condition list as a missing condition, instead of throwing a SyntaxError from the generated code', () => {
    const holed = [{ field: 'state', eq: 'on_hold' }, { field: 'state', eq: 'new' }];
    Reflect.deleteProperty(holed, 1);
    expect(pathsOf(policyWith(target({ pause: { all: holed } })))).toEqual(['targets.0.pause.all.1']);
    expect(safeDefineSlaPolicy(policyWith(target({ pause: { any: holed } }))).success).toBe(false);
  });

  it('keeps the schema\'s issues when reading the definition again, to say more, throws', () => {
    let reads = 0;
    const flaky = Object.defineProperty(target(), 'pause', {
      enumerable: true,
      get(): unknown {
        if (++reads > 1) throw new Error('read once only');
        return { field: 'state', equals: 'on_hold' };
      },
    });
    const result = safeDefineSlaPolicy(policyWith(flaky));
    expect(result.success).toBe(false);
    expect(!result.success && result.error.issues.map((found) => found.path.join('.'))).toContain('targets.0.pause');
  });

  it('refuses a target without its start or stop condition', () => {
    const { start: _start, ...noStart } = target();
    expect(pathsOf(policyWith(noStart as SlaTargetDefinition))).toEqual(['targets.0.start']);
    const { stop: _stop, ...noStop } = target();
    expect(pathsOf(policyWith(noStop as SlaTargetDefinition))).toEqual(['targets.0.stop']);
  });

  it('names unknown keys, where a typo would otherwise be silently ignored', () => {
    expect(problems({ ...policyWith(target()), owner: 'ops' })).toEqual(['owner: is not a known field']);
    expect(problems(policyWith(target({ pauze: { field: 'state', eq: 'on_hold' } })))).toEqual(['targets.0.pauze: is not a known field']);
    expect(pathsOf(policyWith(target({ duration: { ms: HOUR, perPriority: {} } })))).toEqual(['targets.0.duration.perPriority']);
  });

  it('refuses durations that are not whole positive milliseconds, at the duration path', () => {
    for (const ms of [0, -1, 1.5, '8h', Number.NaN, null]) expect(pathsOf(policyWith(target({ duration: { ms } })))).toEqual(['targets.0.duration.ms']);
    expect(pathsOf(policyWith(target({ duration: { ms: 11 * 366 * 24 * HOUR } })))).toEqual(['targets.0.duration.ms']);
    expect(pathsOf(policyWith(target({ duration: { byPriority: { P1: HOUR } } })))).toEqual(['targets.0.duration.byPriority.P1']);
    expect(pathsOf(policyWith(target({ duration: { byPriority: { '1': 0 } } })))).toEqual(['targets.0.duration.byPriority.1']);
    expect(pathsOf(policyWith(target({ duration: { byPriority: { '1': HOUR }, default: -5 } })))).toEqual(['targets.0.duration.default']);
    expect(pathsOf(policyWith(target({ duration: 8 * HOUR })))).toEqual(['targets.0.duration']);
    expect(pathsOf(policyWith(target({ duration: {} })))).toEqual(['targets.0.duration']);
  });

  it('refuses a duration by priority that gives no duration at all, since the target could never start', () => {
    expect(problems(policyWith(target({ duration: { byPriority: {} } })))).toEqual(['targets.0.duration: must give a duration for at least one priority, or a default']);
    expect(defineSlaPolicy(policyWith(target({ duration: { byPriority: {}, default: HOUR } }))).definition.targets[0]!.duration).toEqual({ byPriority: {}, default: HOUR });
  });

  it('refuses bad options and ids, naming each', () => {
    expect(pathsOf(policyWith(target({ onReopen: 'restart' })))).toEqual(['targets.0.onReopen']);
    expect(pathsOf(policyWith(target({ onDurationChange: 'resume' })))).toEqual(['targets.0.onDurationChange']);
    expect(pathsOf(policyWith(target({ agreement: 'contract' })))).toEqual(['targets.0.agreement']);
    expect(pathsOf(policyWith(target({ retroactiveStart: 'opened at' })))).toEqual(['targets.0.retroactiveStart']);
    expect(pathsOf(policyWith(target({ calendar: '' })))).toEqual(['targets.0.calendar']);
    expect(pathsOf({ ...policyWith(target()), id: 'has spaces' })).toEqual(['id']);
    expect(pathsOf({ id: 'x', name: 'X', targets: [] })).toEqual(['targets']);
  });

  it('reports every problem of a policy at once', () => {
    const lines = pathsOf(policyWith(target({ thresholds: [90, 10] }), target({ start: { field: 'state' } }), target({ id: 'other', duration: { ms: 0 } })));
    expect(lines).toEqual(expect.arrayContaining(['targets.0.thresholds.1', 'targets.1.id', 'targets.1.start', 'targets.2.duration.ms']));
  });
});

describe('fields a record only inherits', () => {
  const allDay = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '00:00', end: '24:00' }] } });
  const policy = defineSlaPolicy(policyWith(target({ duration: { byPriority: { '1': HOUR }, default: 24 * HOUR }, retroactiveStart: 'openedAt' })));
  const evaluated = (record: object) =>
    evaluateSla(policy, [{ at: '2026-11-23T09:00:00.000Z', record: record as Record<string, unknown> }], { calendars: { desk: allDay }, now: '2026-11-23T10:00:00.000Z' }).targets[0]!.cycles[0]!;
  const fields = { priority: 1, openedAt: '2026-11-23T06:00:00.000Z' };

  it('choose no duration and no retroactive start, as conditions see no such field (a polluted prototype changes no clock)', () => {
    const inherited = evaluated(Object.assign(Object.create(fields) as object, { state: 'new' }));
    expect({ targetMs: inherited.targetMs, startedAt: inherited.startedAt }).toEqual({ targetMs: 24 * HOUR, startedAt: '2026-11-23T09:00:00.000Z' });
    // The same fields as the record's own choose both.
    const own = evaluated({ ...fields, state: 'new' });
    expect({ targetMs: own.targetMs, startedAt: own.startedAt }).toEqual({ targetMs: HOUR, startedAt: '2026-11-23T06:00:00.000Z' });
  });
});

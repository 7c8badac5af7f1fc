// A caller's object can throw when it is merely read: a revoked proxy throws even when asked
// whether it is an array, and a getter or a proxy's trap can throw anything. Every SLA function
// names such an argument in a validation error, as it names any other bad input, instead of
// letting a TypeError out.
import { describe, expect, it } from 'vitest';
import {
  advanceSla,
  DEFAULT_INCIDENT_SLA_POLICY as policy,
  defineCalendar,
  defineSlaPolicy,
  evaluateSla,
  nextDeadline,
  serviceAvailability,
  slaCompliance,
  slaStatus,
  slaWhatIf,
  ValidationError,
  type SlaEvaluation,
  type SlaState,
  type SlaVersion,
} from '../../src/index';

const desk = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '08:00', end: '18:00' }] } });
const calendars = { service_desk: desk };
const at = '2026-11-23T09:00:00.000Z';
const now = '2026-11-23T10:00:00.000Z';
const record = { state: 'new', priority: 3, openedAt: at, reopenCount: 0 };
const history: SlaVersion[] = [{ at, record }];
const period = { from: at, to: now };

/** A proxy that has been revoked: every operation on it throws a TypeError. */
function revoked<T>(): T {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy as T;
}

/** An array whose element at `index` throws when read. */
function throwingAt<T>(items: T[], index: number): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (key === String(index)) throw new Error('the element cannot be read');
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function expectUnreadableAt(run: () => unknown, path: readonly (string | number)[]): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  const { issues } = caught as ValidationError;
  expect(issues[0]!.path).toEqual(path);
  expect(issues[0]!.message).toMatch(/^could not be read: /);
}

describe('an argument that throws when read', () => {
  it('is named by evaluateSla: the history, a version, its record, the options and the calendars', () => {
    expectUnreadableAt(() => evaluateSla(policy, revoked(), { calendars, now }), ['history']);
    expectUnreadableAt(() => evaluateSla(policy, [revoked<SlaVersion>()], { calendars, now }), ['history', 0]);
    expectUnreadableAt(() => evaluateSla(policy, throwingAt([...history, ...history], 1), { calendars, now }), ['history', 1]);
    expectUnreadableAt(() => evaluateSla(policy, [{ at, record: revoked() }], { calendars, now }), ['history', 0, 'record']);
    expectUnreadableAt(() => evaluateSla(policy, history, revoked()), ['options', 'calendars']);
    const throwingNow = {
      calendars,
      get now(): string {
        throw new Error('no clock here');
      },
    };
    expectUnreadableAt(() => evaluateSla(policy, history, throwingNow), ['options', 'now']);
    expectUnreadableAt(() => evaluateSla(policy, history, { calendars: revoked(), now }), ['calendars']);
    const throwingCalendar = {
      get service_desk(): never {
        throw new Error('the calendar store is down');
      },
    };
    expectUnreadableAt(() => evaluateSla(policy, history, { calendars: throwingCalendar, now }), ['calendars', 'service_desk']);
  });

  it('is named by advanceSla and slaStatus: the version, its record and the state', () => {
    expectUnreadableAt(() => advanceSla(policy, undefined, revoked(), { calendars }), ['version']);
    expectUnreadableAt(() => advanceSla(policy, undefined, { at, record: revoked() }, { calendars }), ['version', 'record']);
    expectUnreadableAt(() => advanceSla(policy, revoked(), history[0]!, { calendars }), ['state']);
    expectUnreadableAt(() => slaStatus(policy, revoked(), { calendars, now }), ['state']);
    // A state read back from storage whose targets cannot be read.
    const damaged = { ...(JSON.parse(JSON.stringify(advanceSla(policy, undefined, history[0]!, { calendars }))) as SlaState), targets: revoked() };
    expectUnreadableAt(() => slaStatus(policy, damaged as SlaState, { calendars, now }), ['state']);
  });

  it('is named by the reports: nextDeadline, slaCompliance and serviceAvailability', () => {
    const evaluation = evaluateSla(policy, history, { calendars, now });
    expectUnreadableAt(() => nextDeadline(revoked()), ['evaluation']);
    expectUnreadableAt(() => slaCompliance(revoked(), period), ['evaluations']);
    expectUnreadableAt(() => slaCompliance([evaluation, revoked<SlaEvaluation>()], period), ['evaluations', 1]);
    expectUnreadableAt(() => slaCompliance(throwingAt([evaluation], 0), period), ['evaluations', 0]);
    expectUnreadableAt(() => slaCompliance([evaluation], revoked()), ['period', 'from']);
    expectUnreadableAt(() => serviceAvailability(revoked(), desk, period), ['outages']);
    expectUnreadableAt(() => serviceAvailability([revoked()], desk, period), ['outages', 0]);
    expectUnreadableAt(() => serviceAvailability([], desk, revoked()), ['period', 'from']);
  });

  it('is named whatever the getter throws: a revoked proxy, an object without a prototype, an error whose message throws', () => {
    const badMessage = new Error('unused');
    Object.defineProperty(badMessage, 'message', {
      get(): never {
        throw new Error('not even this');
      },
    });
    for (const thrown of [revoked(), Object.create(null) as unknown, badMessage]) {
      const options = {
        calendars,
        get now(): never {
          throw thrown;
        },
      };
      expectUnreadableAt(() => evaluateSla(policy, history, options), ['options', 'now']);
    }
  });

  it('is named as the version\'s record when its opening instant, read for a retroactive start, cannot be read', () => {
    for (const openedAt of [revoked(), new Proxy(new Date(at), {})]) {
      expectUnreadableAt(() => evaluateSla(policy, [{ at, record: { ...record, openedAt } }], { calendars, now }), ['history', 0, 'record']);
    }
    // A Date whose own getTime throws is still a Date: read through Date itself, at its instant.
    class BrokenDate extends Date {
      override getTime(): number {
        throw new Error('no time');
      }
    }
    expect(() => evaluateSla(policy, [{ at, record: { ...record, openedAt: new BrokenDate(at) } }], { calendars, now })).not.toThrow();
  });

  it('is named when a stored state answers differently the second time it is read, and an evaluation is read only once', () => {
    const stored = JSON.parse(JSON.stringify(advanceSla(policy, undefined, history[0]!, { calendars }))) as { targets: { cycles: Record<string, unknown>[] }[] };
    const cycle = stored.targets[1]!.cycles[0]!;
    const segments = cycle['segments'];
    let reads = 0;
    // Valid when checked, gone when read again.
    Object.defineProperty(cycle, 'segments', { enumerable: true, get: () => (++reads === 1 ? segments : undefined) });
    expect(() => slaStatus(policy, stored as unknown as SlaState, { calendars, now })).toThrow(ValidationError);
    const evaluation = evaluateSla(policy, history, { calendars, now });
    let targetReads = 0;
    const flaky = {
      now: evaluation.now,
      get targets(): SlaEvaluation['targets'] {
        if (++targetReads > 1) throw new Error('read once only');
        return evaluation.targets;
      },
    };
    // Read once, into a copy the report reads: the getter is never asked a second time.
    expect(nextDeadline(flaky as SlaEvaluation)).toEqual(nextDeadline(evaluation));
    expect(targetReads).toBe(1);
  });

  it('counts in a report what was checked, whatever a getter answers later', () => {
    const met = evaluateSla(policy, [...history, { at: now, record: { ...record, state: 'resolved' } }], { calendars, now });
    const stored = JSON.parse(JSON.stringify(met)) as { targets: { cycles: Record<string, unknown>[] }[] };
    let reads = 0;
    // Met when checked, running when read again.
    Object.defineProperty(stored.targets[1]!.cycles[0]!, 'state', { enumerable: true, get: () => (++reads === 1 ? 'met' : 'running') });
    const [, resolution] = slaCompliance([stored as unknown as SlaEvaluation], { from: at, to: '2026-11-24T00:00:00.000Z' });
    expect(resolution).toMatchObject({ targetId: 'resolution', metOnTime: 1 });
    expect(reads).toBe(1);
  });

  it('is named as a version\'s field when reading its instant or record throws, and a version that is a list is refused', () => {
    const throwingField = (field: 'at' | 'record'): SlaVersion =>
      Object.defineProperty({ at, record }, field, {
        enumerable: true,
        get(): never {
          throw new Error(`no ${field}`);
        },
      });
    expectUnreadableAt(() => evaluateSla(policy, [history[0]!, throwingField('at')], { calendars, now }), ['history', 1, 'at']);
    expectUnreadableAt(() => evaluateSla(policy, [throwingField('record')], { calendars, now }), ['history', 0, 'record']);
    expectUnreadableAt(() => advanceSla(policy, undefined, throwingField('at'), { calendars }), ['version', 'at']);
    const list = Object.assign([], { at, record }) as unknown as SlaVersion;
    expect(() => evaluateSla(policy, [list], { calendars, now })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: ['history', 0], message: 'must be an object { at, record }' })] }));
  });

  describe('a record that throws while the conditions read it', () => {
    // A reset on the edge of `previous.state`: the conditions read the version before too.
    const sincePolicy = defineSlaPolicy({
      id: 'since',
      name: 'Reset when the state changes',
      targets: [{ id: 'handling', metric: 'handling', calendar: 'service_desk', duration: { ms: 3_600_000 }, start: { field: 'state', eq: 'new' }, stop: { field: 'state', eq: 'resolved' }, reset: { field: 'previous.state', eq: 'on_hold' } }],
    });
    /** A record whose state can be read `times` times, then throws. */
    const readable = (times: number): Record<string, unknown> => {
      let reads = 0;
      return Object.defineProperty({ ...record }, 'state', {
        enumerable: true,
        get(): string {
          if (++reads > times) throw new Error('read too often');
          return 'new';
        },
      });
    };
    const later = '2026-11-23T09:30:00.000Z';

    it('is named where the history holds it: the version stepped, or the version before it', () => {
      expectUnreadableAt(() => evaluateSla(sincePolicy, [history[0]!, { at: later, record: readable(0) }], { calendars, now }), ['history', 1, 'record']);
      // Read once as the record, then again as `previous` by the version after it.
      expectUnreadableAt(() => evaluateSla(sincePolicy, [{ at, record: readable(1) }, { at: later, record }], { calendars, now }), ['history', 0, 'record']);
    });

    it('is named by advanceSla as the version, or as the state\'s previous version', () => {
      expectUnreadableAt(() => advanceSla(sincePolicy, undefined, { at, record: readable(0) }, { calendars }), ['version', 'record']);
      const state = advanceSla(sincePolicy, undefined, { at, record }, { calendars });
      // A state built by hand (or read back by a store that revives getters) whose previous version throws.
      const handBuilt = { ...(JSON.parse(JSON.stringify(state)) as SlaState), previous: readable(0) };
      expectUnreadableAt(() => advanceSla(sincePolicy, handBuilt, { at: later, record }, { calendars }), ['state', 'previous']);
    });

    it('is named by slaWhatIf under the record and its history', () => {
      const configuration = { policy: sincePolicy, calendars };
      expectUnreadableAt(() => slaWhatIf([{ id: 'INC1', history: [history[0]!, { at: later, record: readable(0) }] }], configuration, configuration, now), ['records', 0, 'history', 1, 'record']);
    });
  });

  it('is named by slaWhatIf: the records, a record, its history and a configuration', () => {
    const configuration = { policy, calendars };
    expectUnreadableAt(() => slaWhatIf(revoked(), configuration, configuration, now), ['records']);
    expectUnreadableAt(() => slaWhatIf([revoked()], configuration, configuration, now), ['records', 0]);
    expectUnreadableAt(() => slaWhatIf([{ id: 'INC1', history: revoked() }], configuration, configuration, now), ['records', 0, 'history']);
    expectUnreadableAt(() => slaWhatIf([], revoked(), configuration, now), ['before']);
  });
});

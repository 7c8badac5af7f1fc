// The engine reads the conditions of up to five targets in one call per version; a policy of
// more targets reads them in groups. Whichever group a target falls in, and whatever targets
// stand beside it, its clocks are its own.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { advanceSla, defineCalendar, defineSlaPolicy, evaluateSla, slaStatus, type SlaState, type SlaVersion } from '../../src/index';
import { businessCalendarArbitrary } from '../../src/testing/index';
import { incidentHistoryArbitrary } from '../../src/testing/incident-history-arbitrary';
import { slaPolicyDefinitionArbitrary } from '../../src/testing/sla-policy-arbitrary';

const NUM_RUNS = 60;
const TIMEOUT_MS = 60_000;

const cases = fc.record({
  definition: slaPolicyDefinitionArbitrary({ calendarIds: ['desk', 'night'], maxTargets: 12 }),
  desk: businessCalendarArbitrary({ timeZones: ['Europe/Berlin'] }),
  night: businessCalendarArbitrary({ timeZones: ['America/New_York'] }),
  history: incidentHistoryArbitrary({ timeZone: 'Europe/Berlin' }),
  afterMs: fc.integer({ min: 0, max: 7 * 86_400_000 }),
});

const nowAfter = (history: readonly SlaVersion[], afterMs: number): string => new Date(Date.parse(String(history.at(-1)!.at)) + afterMs).toISOString();

describe('a policy of many targets', () => {
  test.prop([cases], { numRuns: NUM_RUNS })(
    'each target of a policy evaluates as it does in a policy of its own, replayed and stepped',
    ({ definition, desk, night, history, afterMs }) => {
      const calendars = { desk, night };
      const now = nowAfter(history, afterMs);
      const policy = defineSlaPolicy(definition);
      const whole = evaluateSla(policy, history, { calendars, now });
      let state: SlaState | undefined;
      for (const version of history) state = advanceSla(policy, state, version, { calendars });
      expect(slaStatus(policy, state!, { calendars, now })).toEqual(whole);
      definition.targets.forEach((target, index) => {
        const alone = evaluateSla(defineSlaPolicy({ ...definition, targets: [target] }), history, { calendars, now });
        expect(whole.targets[index]).toEqual(alone.targets[0]);
      });
    },
    TIMEOUT_MS,
  );

  test('a policy of twelve targets reads the sixth and the twelfth by their own conditions', () => {
    const calendar = { timeZone: 'UTC', week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '08:00', end: '18:00' }]])) };
    const target = (id: string, pausedIn: string) => ({
      id,
      metric: 'resolution',
      calendar: 'desk',
      duration: { ms: 3_600_000 },
      start: { field: 'state', in: ['new', 'in_progress', 'on_hold'] },
      pause: { field: 'state', eq: pausedIn },
      stop: { field: 'state', eq: 'resolved' },
    });
    // Only the sixth and the twelfth pause on hold; the others pause in a state the record never takes.
    const targets = Array.from({ length: 12 }, (_, index) => target(`t${index + 1}`, index === 5 || index === 11 ? 'on_hold' : 'never'));
    const policy = defineSlaPolicy({ id: 'many', name: 'Many', targets });
    const history = [
      { at: '2026-11-23T09:00:00.000Z', record: { state: 'new' } },
      { at: '2026-11-23T09:20:00.000Z', record: { state: 'on_hold' } },
      { at: '2026-11-23T09:50:00.000Z', record: { state: 'in_progress' } },
    ];
    const evaluation = evaluateSla(policy, history, { calendars: { desk: defineCalendar(calendar) }, now: '2026-11-23T10:00:00.000Z' });
    const elapsed = evaluation.targets.map((result) => result.cycles[0]!.elapsedMs / 60_000);
    expect(elapsed).toEqual([60, 60, 60, 60, 60, 30, 60, 60, 60, 60, 60, 30]);
  });
});

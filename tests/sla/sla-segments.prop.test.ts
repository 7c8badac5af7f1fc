// The segments of a cycle are its timeline: where its clock stood how, from its start to its end
// (or to `now`). They add up to its figures, and a new stretch begins only where the clock turns,
// so a version that changes nothing about a clock (a comment, a reassignment, a new priority)
// leaves its stretch running on.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defineCalendar, DEFAULT_INCIDENT_SLA_POLICY, evaluateSla, type SlaEvaluation, type SlaPolicy, type SlaVersion } from '../../src/index';
import { businessCalendarArbitrary } from '../../src/testing/index';
import { incidentHistoryArbitrary } from '../../src/testing/incident-history-arbitrary';
import { slaPolicyArbitrary } from '../../src/testing/sla-policy-arbitrary';

// Enough runs to meet, several times over, a clock turned and turned back at one instant (the
// history arbitrary draws a change and its taking back at once about one time in ten).
const NUM_RUNS = 300;
const TIMEOUT_MS = 30_000;

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const berlinOffice = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(weekdays.map((day) => [day, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }]])),
  holidays: [{ date: '2026-12-24', hours: [{ start: '08:00', end: '12:00' }] }, { date: '2026-12-25' }],
});

/** `now`: the last version's instant, or up to a week after it. */
const nowAfter = (history: readonly SlaVersion[], afterMs: number): string => new Date(Date.parse(String(history.at(-1)!.at)) + afterMs).toISOString();
const afterMs = fc.integer({ min: 0, max: 7 * 86_400_000 });

function expectTiled(evaluation: SlaEvaluation): void {
  for (const target of evaluation.targets) {
    for (const cycle of target.cycles) {
      const { segments } = cycle;
      const end = cycle.endedAt ?? evaluation.now;
      if (segments.length === 0) expect(cycle.startedAt).toBe(end);
      else {
        expect(segments[0]!.from).toBe(cycle.startedAt);
        expect(segments.at(-1)!.to).toBe(end);
      }
      for (let index = 1; index < segments.length; index++) expect(segments[index]!.from).toBe(segments[index - 1]!.to);
      const sum = (clock: string): number => segments.filter((segment) => segment.clock === clock).reduce((total, segment) => total + segment.businessMs, 0);
      expect(sum('running')).toBe(cycle.elapsedMs);
      expect(sum('paused')).toBe(cycle.pausedMs);
    }
  }
}

function expectTurnsOnly(evaluation: SlaEvaluation): void {
  for (const target of evaluation.targets) {
    for (const cycle of target.cycles) {
      for (let index = 1; index < cycle.segments.length; index++) expect(cycle.segments[index]!.clock).not.toBe(cycle.segments[index - 1]!.clock);
      for (const segment of cycle.segments) expect(Date.parse(segment.to)).toBeGreaterThan(Date.parse(segment.from));
    }
  }
}

const cases = (policy: fc.Arbitrary<SlaPolicy>, calendar: fc.Arbitrary<ReturnType<typeof defineCalendar>>) =>
  fc.record({ policy, calendar, history: incidentHistoryArbitrary({ timeZone: 'Europe/Berlin' }), afterMs });

const evaluate = ({ policy, calendar, history, afterMs: after }: { policy: SlaPolicy; calendar: ReturnType<typeof defineCalendar>; history: readonly SlaVersion[]; afterMs: number }): SlaEvaluation => {
  const calendars = Object.fromEntries(policy.definition.targets.map((target) => [target.calendar, calendar]));
  return evaluateSla(policy, history, { calendars, now: nowAfter(history, after) });
};

describe('the segments of an SLA cycle', () => {
  const defaultPolicy = cases(fc.constant(DEFAULT_INCIDENT_SLA_POLICY), fc.constant(berlinOffice));
  const randomPolicies = cases(
    slaPolicyArbitrary({ calendarIds: ['desk'], maxTargets: 3 }),
    businessCalendarArbitrary({ holidaysFrom: '2026-01-01', holidaysTo: '2028-03-31', maxHolidays: 10 }),
  );

  for (const [which, input] of [['default policy', defaultPolicy], ['random policies and calendars', randomPolicies]] as const) {
    test.prop([input], { numRuns: NUM_RUNS })(`tile the cycle from its start to its end or now, and add up to its elapsed and paused time (${which})`, (drawn) => {
      expectTiled(evaluate(drawn));
    }, TIMEOUT_MS);

    test.prop([input], { numRuns: NUM_RUNS })(`are never empty, and two in a row never stand in the same clock (${which})`, (drawn) => {
      expectTurnsOnly(evaluate(drawn));
    }, TIMEOUT_MS);
  }
});

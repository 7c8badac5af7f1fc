// The SLA laws (src/testing/sla-laws.ts) run on our own policies: the default incident policy on
// calendars that make SLA engines stumble, and random policies on random calendars. A failure
// names the law, and fast-check prints the shrunk policy, calendars, history and `now`.
import { fc, test } from '@fast-check/vitest';
import { describe } from 'vitest';
import { defineCalendar, DEFAULT_INCIDENT_SLA_POLICY, type BusinessCalendar } from '../../src/index';
import { businessCalendarArbitrary } from '../../src/testing/index';
import { incidentHistoryArbitrary } from '../../src/testing/incident-history-arbitrary';
import { slaLaws, type SlaLawsOptions } from '../../src/testing/sla-laws';
import { slaPolicyArbitrary } from '../../src/testing/sla-policy-arbitrary';

const NUM_RUNS = 50;
const TIMEOUT_MS = 30_000;
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** An office in Berlin: a lunch break, a short Friday, the public holidays of 2026 and 2027, and two DST changes a year. */
const berlinOffice = defineCalendar({
  timeZone: 'Europe/Berlin',
  week: {
    ...Object.fromEntries(weekdays.map((day) => [day, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }]])),
    friday: [{ start: '08:00', end: '14:00' }],
  },
  holidays: [
    { date: '2026-01-01', name: 'Neujahr' },
    { date: '2026-04-03', name: 'Karfreitag' },
    { date: '2026-04-06', name: 'Ostermontag' },
    { date: '2026-05-01', name: 'Tag der Arbeit' },
    { date: '2026-12-24', hours: [{ start: '08:00', end: '12:00' }] },
    { date: '2026-12-25', name: 'Weihnachten' },
    { date: '2027-01-01', name: 'Neujahr' },
    { date: '2027-03-26', name: 'Karfreitag' },
    { date: '2027-03-29', name: 'Ostermontag' },
  ],
});

/** A night desk in Lord Howe (+10:30, DST of 30 minutes): windows across midnight, and the weekend around the clock. */
const nightDesk = defineCalendar({
  timeZone: 'Australia/Lord_Howe',
  week: {
    ...Object.fromEntries(weekdays.map((day) => [day, [{ start: '20:00', end: '06:00' }]])),
    saturday: [{ start: '00:00', end: '24:00' }],
    sunday: [{ start: '00:00', end: '24:00' }],
  },
  holidays: [{ date: '2026-12-25' }, { date: '2027-01-01', hours: [{ start: '22:00', end: '02:00' }] }],
});

/** Runs every law as its own test. */
function lawTests(options: SlaLawsOptions, numRuns = NUM_RUNS): void {
  for (const law of slaLaws(options)) {
    test.prop([law.arbitrary], { numRuns })(law.name, law.predicate, TIMEOUT_MS);
  }
}

const defaultPolicyOn = (name: string, calendar: BusinessCalendar, timeZone: string): void => {
  describe(`the SLA laws on DEFAULT_INCIDENT_SLA_POLICY on ${name}`, () => {
    lawTests({ policy: DEFAULT_INCIDENT_SLA_POLICY, calendars: { service_desk: calendar }, history: incidentHistoryArbitrary({ timeZone }) });
  });
};

defaultPolicyOn('an office in Berlin', berlinOffice, 'Europe/Berlin');
defaultPolicyOn('a night desk in Lord Howe', nightDesk, 'Australia/Lord_Howe');

describe('the SLA laws on random policies and calendars', () => {
  const calendar = businessCalendarArbitrary({ holidaysFrom: '2026-01-01', holidaysTo: '2028-03-31', maxHolidays: 10 });
  const configurations = fc.record({
    policy: slaPolicyArbitrary({ calendarIds: ['desk', 'field'], maxTargets: 3 }),
    calendars: fc.record({ desk: calendar, field: calendar }),
  });
  lawTests({ configurations }, 2 * NUM_RUNS);
});

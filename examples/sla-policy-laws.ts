// Property-test your own SLA policy with itsm-kit/testing.
//
// Northwind runs its service desk on a New York calendar: Monday to Saturday, with a Saturday
// night shift that runs into Sunday (and so across both daylight-saving changes), and the US
// holidays of 2026. Its incident policy has a response target and a resolution target by
// priority, counted from the moment the incident was opened; the resolution clock pauses while
// the desk waits on the caller or a vendor, and a reopened incident gets a fresh one.
//
// The program
//   1. runs the seven SLA laws of itsm-kit/testing on that policy with plain fast-check
//      (`fc.assert`, no test runner), over incident histories made by driving the real incident
//      lifecycle with random events, and once more with the calendar itself drawn at random;
//   2. lets fast-check refute a rule a tester might write as an extra property ("a running
//      resolution clock is due its target after opening"), prints the shrunk counterexample and
//      replays it from its seed and path;
//   3. checks the corrected rule.
// The same laws inside vitest with @fast-check/vitest are shown at the end of this file, and in
// docs/testing.md.
//
// Run it: npx tsup --silent && node scripts/run-examples.mjs sla-policy-laws.ts
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addBusinessTime, defineCalendar } from 'itsm-kit/calendar';
import { defineSlaPolicy, evaluateSla, type SlaCycle } from 'itsm-kit/sla';
import { businessCalendarArbitrary, checkSlaLaws, incidentHistoryArbitrary, slaLaws, type IncidentSlaVersion } from 'itsm-kit/testing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OPEN = ['new', 'in_progress', 'on_hold'];

// ---------------------------------------------------------------------------------------------
// The policy under test: Northwind's own, as data.

const weekday = [{ start: '07:00', end: '19:00' }];
const nycDesk = defineCalendar({
  timeZone: 'America/New_York',
  week: {
    monday: weekday,
    tuesday: weekday,
    wednesday: weekday,
    thursday: weekday,
    friday: weekday,
    saturday: [
      { start: '09:00', end: '13:00' },
      { start: '22:00', end: '06:00' }, // the night shift, into Sunday: 7 real hours on 8 March, 9 on 1 November
    ],
  },
  holidays: [
    { date: '2026-01-01', name: "New Year's Day" },
    { date: '2026-05-25', name: 'Memorial Day' },
    { date: '2026-07-03', name: 'Independence Day (observed)' },
    { date: '2026-09-07', name: 'Labor Day' },
    { date: '2026-11-26', name: 'Thanksgiving' },
    { date: '2026-11-27', name: 'Day after Thanksgiving', hours: [{ start: '07:00', end: '12:00' }] },
    { date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '07:00', end: '12:00' }] },
    { date: '2026-12-25', name: 'Christmas Day' },
  ],
});
const calendars = { nyc_desk: nycDesk };

const policy = defineSlaPolicy({
  id: 'northwind-incidents',
  name: 'Northwind incident SLAs',
  targets: [
    {
      id: 'response',
      metric: 'response',
      calendar: 'nyc_desk',
      duration: { byPriority: { '1': 30 * MINUTE, '2': HOUR, '3': 4 * HOUR, '4': 8 * HOUR, '5': 24 * HOUR } },
      // Owed once: a reopened incident starts no new response clock.
      start: { all: [{ field: 'state', in: OPEN }, { field: 'reopenCount', eq: 0 }] },
      stop: { any: [{ field: 'firstRespondedAt', exists: true }, { field: 'state', in: ['resolved', 'closed'] }] },
      cancel: { field: 'state', eq: 'canceled' },
      retroactiveStart: 'openedAt',
    },
    {
      id: 'resolution',
      metric: 'resolution',
      calendar: 'nyc_desk',
      duration: { byPriority: { '1': 4 * HOUR, '2': 8 * HOUR, '3': 24 * HOUR, '4': 60 * HOUR, '5': 120 * HOUR } },
      start: { field: 'state', in: OPEN },
      // Waiting on someone outside the desk stops the clock; waiting on a change or a problem does not.
      pause: { field: 'onHoldReason', in: ['awaiting_caller', 'awaiting_vendor'] },
      stop: { field: 'state', in: ['resolved', 'closed'] },
      cancel: { field: 'state', eq: 'canceled' },
      onReopen: 'new_cycle',
      retroactiveStart: 'openedAt',
      thresholds: [50, 75, 100, 150],
    },
  ],
});

// Incidents opened in 2026, the year the holidays are in, half of them within a day and a half
// of a New York clock change; up to 12 events each, through the built-in incident lifecycle.
const histories = incidentHistoryArbitrary({
  openedFrom: new Date('2026-01-01T00:00:00Z'),
  openedTo: new Date('2026-12-31T00:00:00Z'),
  timeZone: 'America/New_York',
  maxEvents: 12,
});

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// 1. The SLA laws, on this policy and calendar.

const LAW_RUNS = 60;
console.log(`${policy.definition.name} on nyc_desk (America/New_York, Mon–Sat, a Saturday night shift, 8 holidays)`);
console.log(`The SLA laws, ${LAW_RUNS} incident histories each:`);
const laws = slaLaws({ policy, calendars, history: histories });
assert.equal(laws.length, 7);
for (const law of laws) {
  const started = performance.now();
  fc.assert(law.property, { numRuns: LAW_RUNS }); // throws, with the shrunk counterexample, if the law fails
  console.log(`  ✓ ${law.name.padEnd(50)} ${LAW_RUNS} runs  holds  (${seconds(started)})`);
}

// A vendor's users edit calendars. The same laws, with the policy fixed and the calendar drawn at
// random: any zone of EDGE_CASE_TIME_ZONES, overnight and 24:00 windows, holidays in 2026.
const CALENDAR_RUNS = 20;
const randomDesks = fc.record({
  policy: fc.constant(policy),
  calendars: fc.record({ nyc_desk: businessCalendarArbitrary({ holidaysFrom: '2026-01-01', holidaysTo: '2027-06-30' }) }),
});
let started = performance.now();
checkSlaLaws({ configurations: randomDesks, history: histories, numRuns: CALENDAR_RUNS });
console.log(`  ✓ ${'all seven, on random calendars instead of nyc_desk'.padEnd(50)} ${CALENDAR_RUNS} runs  holds  (${seconds(started)})`);

// ---------------------------------------------------------------------------------------------
// 2. A rule of our own that sounds right, and is not: "while the resolution clock runs, the
//    incident is due its target, in business time, after it was opened".

const resolutionAt = (versions: readonly IncidentSlaVersion[], index: number): readonly SlaCycle[] =>
  // What a host sees right after version `index` was written.
  evaluateSla(policy, versions.slice(0, index + 1), { calendars, now: versions[index]!.at }).targets.find((target) => target.targetId === 'resolution')!.cycles;

/** Where the naive rule breaks in a history: the first version after which it does not hold. */
function naiveRuleBreaks(versions: readonly IncidentSlaVersion[]): number {
  const openedAt = new Date(versions[0]!.record.openedAt);
  return versions.findIndex((_, index) => {
    const [first] = resolutionAt(versions, index);
    return first?.state === 'running' && first.dueAt !== addBusinessTime(nycDesk, openedAt, first.targetMs).toISOString();
  });
}
const naiveRule = fc.property(histories, (versions) => naiveRuleBreaks(versions) === -1);

console.log('\nA rule of our own: "a running resolution clock is due its target after the incident was opened"');
started = performance.now();
// The seed is fixed so that the output is the same on every run; leave it out to explore.
const found = fc.check(naiveRule, { numRuns: 1_000, seed: 2026 });
assert.ok(found.failed, 'fast-check should refute the naive rule');
const counterexample = found.counterexample![0];
console.log(`  ✗ refuted after ${found.numRuns} histories, shrunk ${found.numShrinks} times (${seconds(started)})`);
console.log(`    replay it: fc.assert(rule, { seed: ${found.seed}, path: '${found.counterexamplePath}', endOnFailure: true })`);

const newYork = (at: string): string => {
  const text = new Date(at).toLocaleString('en-US', {
    timeZone: 'America/New_York',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return text.replace(/,/g, '');
};
const hours = (ms: number): string => {
  const h = Math.floor(ms / HOUR);
  const rest = ms - h * HOUR;
  return rest === 0 ? `${h} h` : `${h} h ${(rest / MINUTE).toFixed(rest % MINUTE === 0 ? 0 : 3)} min`;
};
/** What changed from one version to the next, in the desk's words. */
function change(before: IncidentSlaVersion['record'] | undefined, after: IncidentSlaVersion['record']): string {
  if (before === undefined) return `opened as P${after.priority}`;
  const parts: string[] = [];
  if (after.reopenCount > before.reopenCount) parts.push('reopened');
  else if (after.state === 'on_hold' && before.state !== 'on_hold') parts.push(`put on hold, ${after.onHoldReason}`);
  else if (before.state === 'on_hold' && after.state === 'in_progress') parts.push('resumed');
  else if (after.state !== before.state) parts.push(after.state.replace('_', ' '));
  else if (after.onHoldReason !== before.onHoldReason) parts.push(`still on hold, now ${after.onHoldReason}`);
  if (after.priority !== before.priority) parts.push(`priority P${before.priority} → P${after.priority}`);
  if (after.firstRespondedAt !== undefined && before.firstRespondedAt === undefined) parts.push('first response');
  return parts.length === 0 ? 'a note or comment' : parts.join(', ');
}

console.log('    the shrunk history (New York time):');
counterexample.forEach((version, index) => {
  console.log(`      v${index + 1}  ${newYork(version.at)}  ${change(counterexample[index - 1]?.record, version.record)}`);
});
const breaksAt = naiveRuleBreaks(counterexample);
const [cycle] = resolutionAt(counterexample, breaksAt);
const naiveDue = addBusinessTime(nycDesk, new Date(counterexample[0]!.record.openedAt), cycle!.targetMs).toISOString();
console.log(`    right after v${breaksAt + 1} the resolution clock runs: target ${hours(cycle!.targetMs)}, elapsed ${hours(cycle!.elapsedMs)}, paused ${hours(cycle!.pausedMs)} of business time`);
console.log(`      the rule says it is due  ${newYork(naiveDue)}`);
console.log(`      the engine says          ${newYork(cycle!.dueAt!)}`);
console.log('    The rule forgets the business time the clock spent paused, waiting on the caller or a vendor.');
// That is the whole difference: the engine is due later by exactly the paused business time.
assert.ok(cycle!.pausedMs > 0);
assert.equal(addBusinessTime(nycDesk, new Date(counterexample[0]!.record.openedAt), cycle!.targetMs + cycle!.pausedMs).toISOString(), cycle!.dueAt);
// And the seed and path reported replay that very counterexample at once.
const replayed = fc.check(naiveRule, { seed: found.seed, path: found.counterexamplePath!, endOnFailure: true });
assert.ok(replayed.failed);
assert.deepEqual(replayed.counterexample, found.counterexample);
console.log(`    replayed from seed and path: the same ${counterexample.length} versions, found in ${replayed.numRuns} run`);

// ---------------------------------------------------------------------------------------------
// 3. The corrected rule. With `onReopen: 'new_cycle'` a cycle is never resumed after being met,
//    so from its start every stretch of business time is either elapsed or paused: a running
//    cycle (not yet breached) is due at its start plus its target plus its paused time, in
//    business time — whatever the pauses, priority changes, reopens and clock changes were.

const FIXED_RUNS = 100;
const correctedRule = fc.property(histories, (versions) =>
  versions.every((_, index) =>
    resolutionAt(versions, index).every(
      ({ state, startedAt, targetMs, pausedMs, dueAt }) =>
        state !== 'running' || dueAt === addBusinessTime(nycDesk, new Date(startedAt), targetMs + pausedMs).toISOString(),
    ),
  ),
);
started = performance.now();
fc.assert(correctedRule, { numRuns: FIXED_RUNS });
console.log(`\nCorrected: "due = start + target + paused, in business time"  ${FIXED_RUNS} runs  holds  (${seconds(started)})`);

// ---------------------------------------------------------------------------------------------
// The same laws inside vitest, one test per law, with @fast-check/vitest (a test file, not run
// here; docs/testing.md has the full version):
//
//   import { test } from '@fast-check/vitest';
//   import { slaLaws } from 'itsm-kit/testing';
//   import { calendars, histories, policy } from './northwind-sla';
//
//   for (const law of slaLaws({ policy, calendars, history: histories })) {
//     test.prop([law.arbitrary], { numRuns: 60 })(law.name, law.predicate, 30_000); // vitest's default limit is 5 s
//   }
//
// A failure prints the law's name, the shrunk case, the error saying what broke, and the seed
// and path to replay it: `test.prop([law.arbitrary], { seed, path, endOnFailure: true })`.

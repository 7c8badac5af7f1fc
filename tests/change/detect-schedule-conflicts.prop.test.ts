import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defineCalendar, isBusinessTime, type BusinessCalendar } from '../../src/calendar/index';
import { detectScheduleConflicts, type ScheduleConflict, type ScheduledChangeRef } from '../../src/change/index';

const MINUTE = 60_000;
/** Friday 2026-11-27 00:00 UTC: schedules fall in the two days after it, to the minute. */
const ORIGIN = Date.parse('2026-11-27T00:00:00.000Z');
const SLOTS = 2 * 24 * 60;
const CIS = ['ci-0', 'ci-1', 'ci-2', 'ci-3', 'ci-4'] as const;
const CALENDARS: Readonly<Record<string, BusinessCalendar>> = {
  nights: defineCalendar({
    timeZone: 'UTC',
    week: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, [{ start: '22:00', end: '06:00' }]])),
  }),
  weekend: defineCalendar({ timeZone: 'UTC', week: { saturday: [{ start: '00:00', end: '24:00' }], sunday: [{ start: '08:00', end: '20:00' }] } }),
};

const iso = (ms: number): string => new Date(ms).toISOString();
const interval = fc.tuple(fc.integer({ min: 0, max: SLOTS - 1 }), fc.integer({ min: 1, max: 360 })).map(([slot, length]) => ({
  start: iso(ORIGIN + slot * MINUTE),
  end: iso(ORIGIN + (slot + length) * MINUTE),
}));
const ciSet = fc.subarray([...CIS], { minLength: 0, maxLength: 3 });

const schedule = fc.record({
  subject: fc.record({ configurationItems: ciSet, window: interval }),
  others: fc.array(fc.record({ state: fc.constantFrom('new', 'scheduled', 'implement', 'closed'), configurationItems: ciSet, window: interval }), { maxLength: 6 }),
  calendarOf: fc.array(fc.constantFrom(undefined, 'nights', 'weekend'), { minLength: CIS.length, maxLength: CIS.length }),
  relationships: fc.array(fc.record({ sourceId: fc.constantFrom(...CIS), targetId: fc.constantFrom(...CIS), type: fc.constantFrom(undefined, 'depends_on', 'runs_on') }), { maxLength: 6 }),
  blackouts: fc.array(fc.record({ window: interval, scope: fc.option(ciSet, { nil: undefined }) }), { maxLength: 3 }),
});
type Schedule = typeof schedule extends fc.Arbitrary<infer T> ? T : never;

const asChange = (id: string, state: string, item: { configurationItems: string[]; window: { start: string; end: string } }): ScheduledChangeRef => ({
  id,
  number: `CHG${id.padStart(7, '0')}`,
  state,
  configurationItems: item.configurationItems,
  plannedStart: item.window.start,
  plannedEnd: item.window.end,
});

function inputsOf(given: Schedule) {
  return {
    subject: asChange('1', 'new', given.subject),
    inputs: {
      scheduledChanges: given.others.map((other, index) => asChange(String(index + 2), other.state, other)),
      calendars: CALENDARS,
      configurationItems: CIS.map((id, index) => {
        const calendar = given.calendarOf[index];
        return calendar === undefined ? { id } : { id, maintenanceCalendarId: calendar };
      }),
      relationships: given.relationships.map(({ type, ...ends }) => (type === undefined ? ends : { ...ends, type })),
      blackoutWindows: given.blackouts.map((blackout, index) => ({
        name: `freeze ${index}`,
        start: blackout.window.start,
        end: blackout.window.end,
        ...(blackout.scope === undefined ? {} : { configurationItems: blackout.scope }),
      })),
    },
  };
}

/** Every minute of `[start, end)`. */
function minutes(start: string, end: string): number[] {
  const out: number[] = [];
  for (let at = Date.parse(start); at < Date.parse(end); at += MINUTE) out.push(at);
  return out;
}
const span = (found: number[]) => ({ start: iso(found[0]!), end: iso(found.at(-1)! + MINUTE) });

/** The conflicts by sampling every minute and comparing every pair, deliberately simple. */
function bruteForce(given: ReturnType<typeof inputsOf>): ScheduleConflict[] {
  const { subject, inputs } = given;
  const window = minutes(subject.plannedStart!, subject.plannedEnd!);
  const mine = [...new Set<string>(subject.configurationItems)];
  const conflicts: ScheduleConflict[] = [];
  for (const ci of mine) {
    const calendarId = inputs.configurationItems.find((item) => item.id === ci)?.maintenanceCalendarId;
    if (calendarId === undefined) continue;
    const outside = window.filter((at) => !isBusinessTime(CALENDARS[calendarId]!, new Date(at))).length;
    if (outside > 0) conflicts.push({ kind: 'outside_maintenance_window', configurationItemId: ci, calendarId, interval: { start: subject.plannedStart!, end: subject.plannedEnd! }, outsideMs: outside * MINUTE });
  }
  for (const blackout of inputs.blackoutWindows) {
    const shared = window.filter((at) => at >= Date.parse(blackout.start) && at < Date.parse(blackout.end));
    const scoped = blackout.configurationItems === undefined ? [] : mine.filter((ci) => (blackout.configurationItems as readonly string[]).includes(ci)).sort();
    if (shared.length > 0 && (blackout.configurationItems === undefined || scoped.length > 0)) {
      conflicts.push({ kind: 'blackout', blackoutName: blackout.name, configurationItemIds: scoped, interval: span(shared) });
    }
  }
  for (const other of inputs.scheduledChanges) {
    if (other.state !== 'scheduled' && other.state !== 'implement') continue;
    const shared = window.filter((at) => at >= Date.parse(other.plannedStart!) && at < Date.parse(other.plannedEnd!));
    if (shared.length === 0) continue;
    for (const ci of mine) {
      for (const otherCi of new Set(other.configurationItems)) {
        const base = { kind: 'change_overlap' as const, otherChangeId: other.id, otherChangeNumber: other.number, configurationItemId: ci, otherConfigurationItemId: otherCi, interval: span(shared) };
        if (ci === otherCi) {
          conflicts.push(base);
          continue;
        }
        const seen = new Set<string>();
        for (const relationship of inputs.relationships) {
          const links = (relationship.sourceId === ci && relationship.targetId === otherCi) || (relationship.sourceId === otherCi && relationship.targetId === ci);
          const key = JSON.stringify(relationship);
          if (links && !seen.has(key)) {
            seen.add(key);
            conflicts.push({ ...base, relationship });
          }
        }
      }
    }
  }
  return conflicts;
}

/** A value with the keys of every object in it sorted, at every depth, so equal conflicts print the same. */
const sortedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortedKeys)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]))
      : value;
const canonical = (conflicts: readonly ScheduleConflict[]): string[] => conflicts.map((conflict) => JSON.stringify(sortedKeys(conflict))).sort();

describe('schedule conflict laws', () => {
  test.prop([schedule], { numRuns: 200 })('conflict detection equals a brute-force check on random schedules', (given) => {
    const built = inputsOf(given);
    const found = detectScheduleConflicts(built.subject, built.inputs);
    expect(canonical(found)).toEqual(canonical(bruteForce(built)));
  });

  test.prop([schedule, fc.nat()], { numRuns: 100 })('the order of the conflicts does not depend on the order of the inputs', (given, seed) => {
    const built = inputsOf(given);
    const rotate = <T>(list: readonly T[]): T[] => (list.length === 0 ? [] : [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)].reverse());
    const shuffled = {
      ...built.inputs,
      scheduledChanges: rotate(built.inputs.scheduledChanges),
      relationships: rotate(built.inputs.relationships),
      blackoutWindows: rotate(built.inputs.blackoutWindows),
    };
    expect(detectScheduleConflicts(built.subject, shuffled)).toEqual(detectScheduleConflicts(built.subject, built.inputs));
  });
});

// The incremental state advanceSla returns is frozen through and through at every step, so a
// later step can take it as it is, whether the step wrote a target or shared all of them.
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { advanceSla, defineCalendar, DEFAULT_INCIDENT_SLA_POLICY, type SlaState } from '../../src/index';
import { incidentHistoryArbitrary } from '../../src/testing/incident-history-arbitrary';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const calendars = {
  service_desk: defineCalendar({ timeZone: 'Europe/Berlin', week: Object.fromEntries(weekdays.map((day) => [day, [{ start: '08:00', end: '18:00' }]])) }),
};

/** The objects of a state's targets that are not frozen, by path. */
function unfrozen(value: unknown, path: string, found: string[]): string[] {
  if (typeof value !== 'object' || value === null) return found;
  if (!Object.isFrozen(value)) found.push(path);
  for (const [key, child] of Object.entries(value)) unfrozen(child, `${path}.${key}`, found);
  return found;
}

describe('the state advanceSla returns', () => {
  // Many versions at one instant, so that clocks turn and turn back, and cycles end and resume.
  test.prop([incidentHistoryArbitrary({ timeZone: 'Europe/Berlin' })], { numRuns: 300 })('is frozen through and through after every step, whether or not the step wrote it', (history) => {
    let state: SlaState | undefined;
    for (const version of history) {
      state = advanceSla(DEFAULT_INCIDENT_SLA_POLICY, state, version, { calendars });
      expect(Object.isFrozen(state)).toBe(true);
      expect(unfrozen(state.targets, 'targets', [])).toEqual([]);
    }
  });
});

// Every function the package exports, given an argument that throws when it is merely read — a
// revoked proxy, which throws even when asked whether it is an array — answers, or throws the
// library's typed error: never a raw TypeError from deep inside.
import { describe, expect, it } from 'vitest';
import * as calendar from '../../src/calendar/index';
import * as root from '../../src/index';
import * as postgres from '../../src/postgres/index';
import * as sla from '../../src/sla/index';
import * as testing from '../../src/testing/index';

const entryPoints: Record<string, Record<string, unknown>> = { 'itsm-kit': root, 'itsm-kit/calendar': calendar, 'itsm-kit/sla': sla, 'itsm-kit/postgres': postgres, 'itsm-kit/testing': testing };

/** A proxy that has been revoked: every operation on it throws a TypeError. */
function revoked(): unknown {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** What a call let out that is not the library's error, or undefined; a promise is awaited. */
async function rawErrorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return root.isItsmError(error) ? undefined : error;
  }
}

describe('an argument that throws when read', () => {
  for (const [entry, exports] of Object.entries(entryPoints)) {
    // Functions only; classes (the error classes) are constructed, not called.
    const functions = Object.entries(exports).filter((found): found is [string, (...args: unknown[]) => unknown] => typeof found[1] === 'function' && !/^[A-Z]/.test(found[0]));

    it(`gets a typed error, not a raw one, from every function of ${entry}, at every argument`, async () => {
      expect(functions.length).toBeGreaterThan(0);
      const raw: string[] = [];
      for (const [name, run] of functions) {
        for (let position = 0; position < 3; position++) {
          const args: unknown[] = [{}, {}, {}];
          args[position] = revoked();
          const error = await rawErrorOf(() => run(...args));
          if (error !== undefined) raw.push(`${name}, argument ${position}: ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : typeof error}`);
        }
      }
      expect(raw).toEqual([]);
    });
  }
});

describe('reading an argument once, safely', () => {
  it('still takes options and records that inherit their fields', () => {
    const store = root.createMemoryStore();
    expect(() => root.createItsm(Object.create({ store }) as root.ItsmOptions)).not.toThrow();
    const relationship = { tenantId: 'acme', id: 'r1', type: 'runs_on', sourceId: 'app', targetId: 'srv', createdAt: '2026-11-23T08:00:00.000Z', createdBy: { kind: 'system', id: 'cmdb' } };
    expect(root.ciRelationshipOf(Object.create(relationship) as Parameters<typeof root.ciRelationshipOf>[0]).id).toBe('r1');
    expect(() => testing.instantArbitrary(Object.create({ min: 'not a date' }) as testing.InstantArbitraryOptions)).toThrow(root.ValidationError);
  });

  it('reads each option of checkSlaLaws one time', () => {
    const desk = calendar.defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '08:00', end: '18:00' }] } });
    let reads = 0;
    const options = {
      policy: sla.DEFAULT_INCIDENT_SLA_POLICY,
      get calendars(): Record<string, calendar.BusinessCalendar> {
        reads++;
        return { service_desk: desk };
      },
      laws: ['elapsed never exceeds wall time since start' as const],
      numRuns: 1,
    };
    testing.checkSlaLaws(options);
    expect(reads).toBe(1);
  });

  it('formats a path given as any list of keys, and names a key that is none', () => {
    expect(root.formatPath(new Set(['week', 'monday']) as unknown as readonly string[])).toBe('week.monday');
    expect(() => root.formatPath([Symbol('key')] as unknown as readonly string[])).toThrow(root.ValidationError);
  });
});

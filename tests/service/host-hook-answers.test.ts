import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index';
import { agent, fixture, readableOnce, snapshot, vpnDown } from './support';

// What a host's hook answers is read as data: an answer that cannot be read, or that says one
// thing to a check and another to the command, is bad input named after the hook, and the
// command writes nothing.

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/** The code and the first issue's path of what a call threw or refused, or 'ok'. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    const { code, issues } = error as { code?: unknown; issues?: { path: unknown }[] };
    return code === undefined ? `raw ${String(error)}` : [code, issues?.[0]?.path];
  }
}

describe('the host’s clock', () => {
  it.each<[string, () => unknown]>([
    ['a revoked proxy', revoked],
    ['a proxy around a Date', () => new Proxy(new Date(), {})],
    ['an invalid Date', () => new Date(Number.NaN)],
    ['a Date past the year 9999', () => new Date(Date.UTC(10_000, 0, 1))],
    ['a Date before 1900, where no SLA can be counted', () => new Date(Date.UTC(1850, 0, 1))],
  ])('answering %s is a validation error naming clock, and nothing is written', async (_name, answer) => {
    const { itsm, tenant, store } = fixture(createMemoryStore(), { clock: answer as () => Date });
    const before = await snapshot(store, tenant);
    expect(await outcome(() => itsm.incidents.open(tenant, agent, vpnDown))).toEqual(['validation', ['clock']]);
    expect(await outcome(() => itsm.processDueSla(tenant))).toEqual(['validation', ['clock']]);
    expect(await snapshot(store, tenant)).toEqual(before);
  });

  it('is read through Date itself: a Date whose own getTime or toISOString says otherwise is taken at its real instant', async () => {
    const liar = Object.assign(new Date('2026-11-23T09:00:00.000Z'), { getTime: () => 1e20, toISOString: () => '1999-01-01T00:00:00.000Z' });
    const { itsm, tenant } = fixture(createMemoryStore(), { clock: () => liar });
    expect((await itsm.incidents.open(tenant, agent, vpnDown)).openedAt).toBe('2026-11-23T09:00:00.000Z');
  });
});

describe('the host’s authorize hook', () => {
  it.each<[string, () => unknown]>([
    ['a revoked proxy', revoked],
    ['an object whose then throws when read', () => Object.defineProperty({}, 'then', { get: () => { throw new Error('no then for you'); } })],
  ])('answering %s is a validation error naming authorize, and nothing is written', async (_name, answer) => {
    const { itsm, tenant, store } = fixture(createMemoryStore(), { authorize: answer as () => boolean });
    const before = await snapshot(store, tenant);
    expect(await outcome(() => itsm.incidents.open(tenant, agent, vpnDown))).toEqual(['validation', ['authorize']]);
    const refused = await itsm.incidents.safeOpen(tenant, agent, vpnDown);
    expect(refused.success ? undefined : refused.error.code).toBe('validation');
    expect(await snapshot(store, tenant)).toEqual(before);
  });
});

describe('a hook answer that is a promise of its own', () => {
  it('has its then read once, as the check saw it: a then that throws when read again changes nothing', async () => {
    const answer = readableOnce('then', (resolve: (value: unknown) => void) => resolve(true));
    const { itsm, tenant } = fixture(createMemoryStore(), { authorize: () => answer.object as unknown as boolean });
    expect(await outcome(() => itsm.incidents.open(tenant, agent, vpnDown))).toBe('ok');
    expect(answer.reads()).toBe(1);
  });

  it('is no promise when its then was none when read: a then that appears later grants nothing', async () => {
    let reads = 0;
    const answer = Object.defineProperty({}, 'then', {
      get: () => {
        reads += 1;
        return reads === 1 ? undefined : (resolve: (value: unknown) => void) => resolve(true);
      },
    });
    const { itsm, tenant, store } = fixture(createMemoryStore(), { authorize: () => answer as unknown as boolean });
    const before = await snapshot(store, tenant);
    expect(await outcome(() => itsm.incidents.open(tenant, agent, vpnDown))).toEqual(['forbidden', undefined]);
    expect(reads).toBe(1);
    expect(await snapshot(store, tenant)).toEqual(before);
  });

  it('that settles to something unreadable, or to itself for ever, is named authorize, and nothing is written', async () => {
    const endless: { then?: unknown } = {};
    endless.then = (resolve: (value: unknown) => void) => resolve(endless);
    for (const answer of [{ then: (resolve: (value: unknown) => void) => resolve(revoked()) }, endless]) {
      const { itsm, tenant, store } = fixture(createMemoryStore(), { authorize: () => answer as unknown as boolean });
      const before = await snapshot(store, tenant);
      expect(await outcome(() => itsm.incidents.open(tenant, agent, vpnDown))).toEqual(['validation', ['authorize']]);
      expect(await snapshot(store, tenant)).toEqual(before);
    }
  });
});

describe('the instant given to processDueSla and repairSla', () => {
  it('is the one the check saw: a Date whose own toISOString says otherwise is taken at its real instant', async () => {
    const { itsm, tenant } = fixture(createMemoryStore());
    await itsm.incidents.open(tenant, agent, vpnDown);
    const now = Object.assign(new Date('2026-11-23T10:30:00.000Z'), { toISOString: () => '2099-01-01T00:00:00.000Z' });
    const scan = await itsm.processDueSla(tenant, now);
    expect(scan.events.map((event) => event.data.breachedAt ?? event.data.crossedAt)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:30:00.000Z', '2026-11-23T10:00:00.000Z']);
  });

  it('that throws from its own toISOString is still read, never thrown', async () => {
    const { itsm, tenant } = fixture(createMemoryStore());
    const now = Object.assign(new Date('2026-11-23T10:30:00.000Z'), {
      toISOString: () => {
        throw new Error('x');
      },
    });
    expect(await outcome(() => itsm.processDueSla(tenant, now))).toBe('ok');
    expect(await outcome(() => itsm.repairSla(tenant, now))).toBe('ok');
  });
});

describe('an instant outside the calendars’ horizon (1900 to 2200)', () => {
  it('is refused by processDueSla, repairSla and a record\'s sla, named now (or clock), whether or not anything is due, and nothing is written', async () => {
    const { itsm, tenant, store } = fixture(createMemoryStore());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const before = await snapshot(store, tenant);
    // Before the horizon nothing can be due, after it everything is: both are refused alike.
    for (const now of ['1850-01-01T00:00:00.000Z', new Date(Date.UTC(2500, 0, 1))]) {
      expect(await outcome(() => itsm.processDueSla(tenant, now))).toEqual(['validation', ['now']]);
      expect(await outcome(() => itsm.repairSla(tenant, now))).toEqual(['validation', ['now']]);
    }
    // The same store and tenant, under a clock that answers 1850.
    const early = fixture(store, { clock: () => new Date(Date.UTC(1850, 0, 1)) }, { tenant, at: '2026-11-23T09:00:00.000Z' });
    expect(await outcome(() => early.itsm.processDueSla(tenant))).toEqual(['validation', ['clock']]);
    expect(await outcome(() => early.itsm.repairSla(tenant))).toEqual(['validation', ['clock']]);
    // A record's SLA read at such an instant names it the same way.
    expect(await outcome(() => itsm.incidents.sla(tenant, incident.id, '2500-01-01T00:00:00.000Z'))).toEqual(['validation', ['now']]);
    expect(await outcome(() => early.itsm.incidents.sla(tenant, incident.id))).toEqual(['validation', ['clock']]);
    expect(await snapshot(store, tenant)).toEqual(before);
  });
});

describe('a Date of another realm', () => {
  it('is a Date to processDueSla and repairSla, as to the clock', async () => {
    const { itsm, tenant } = fixture(createMemoryStore());
    await itsm.incidents.open(tenant, agent, vpnDown);
    const foreign = runInNewContext('new Date("2026-11-23T10:30:00.000Z")') as Date;
    expect((await itsm.processDueSla(tenant, foreign)).events).toHaveLength(3);
    expect(await outcome(() => itsm.repairSla(tenant, foreign))).toBe('ok');
  });
});

describe('a now that is no Date', () => {
  it('says why: could not be read, or must be a valid Date or an instant', async () => {
    const { itsm, tenant } = fixture(createMemoryStore());
    const messages = async (now: unknown): Promise<unknown> => {
      const result = await itsm.safeProcessDueSla(tenant, now);
      if (result.success) return 'ok';
      return (result.error as unknown as { issues: { path: (string | number)[]; message: string }[] }).issues.map((found) => `${found.path.join('.')}: ${found.message}`);
    };
    expect(await messages(revoked())).toEqual([expect.stringMatching(/^now: could not be read/)]);
    expect(await messages(new Date(Number.NaN))).toEqual(['now: must be a valid Date or an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z']);
  });
});

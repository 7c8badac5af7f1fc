import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, startSlaTimer, ValidationError, type SlaScanner, type SlaScanResult } from '../../src/index';
import { agent, fixture, vpnDown } from './support';

const nothing: SlaScanResult = { processed: 0, events: [] };

/** A scanner that records each call and answers what the test tells it to, when it tells it to. */
function scripted(answer: (tenantId: string, call: number) => Promise<SlaScanResult> = () => Promise.resolve(nothing)) {
  const calls: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const scanner: SlaScanner = {
    async processDueSla(tenantId) {
      calls.push(tenantId);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        return await answer(tenantId, calls.length);
      } finally {
        inFlight--;
      }
    },
  };
  return { scanner, calls, mostInFlight: () => mostInFlight };
}

describe('startSlaTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('scans every tenant at once, then again intervalMs after each round ends', async () => {
    const { scanner, calls } = scripted();
    const timer = startSlaTimer(scanner, { tenants: ['acme', 'globex'], intervalMs: 5_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['acme', 'globex']);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['acme', 'globex', 'acme', 'globex']);
    await timer.stop();
  });

  it('never runs two scans at once, however long a scan takes', async () => {
    const { scanner, calls, mostInFlight } = scripted(() => new Promise((resolve) => setTimeout(() => resolve(nothing), 30_000)));
    const timer = startSlaTimer(scanner, { tenants: ['acme'], intervalMs: 1_000 });
    const asked = timer.runNow();
    await vi.advanceTimersByTimeAsync(100_000);
    await asked;
    expect(mostInFlight()).toBe(1);
    // 100 s: a first round of 30 s, the asked one of 30 s, then 1 s pause and another 30 s round.
    expect(calls).toEqual(['acme', 'acme', 'acme', 'acme']);
    const stopping = timer.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    await stopping;
    expect(calls).toHaveLength(4);
  });

  it('hands each result to onScan', async () => {
    const event = { type: 'incident.sla_breached' } as unknown as SlaScanResult['events'][number];
    const { scanner } = scripted((tenantId) => Promise.resolve(tenantId === 'acme' ? { processed: 1, events: [event] } : nothing));
    const seen: [string, number][] = [];
    const timer = startSlaTimer(scanner, { tenants: ['acme', 'globex'], onScan: (tenantId, result) => void seen.push([tenantId, result.events.length]) });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([['acme', 1], ['globex', 0]]);
    await timer.stop();
  });

  it('reports a failing tenant to onError and goes on with the others and the next round', async () => {
    const failure = new Error('connection reset');
    const { scanner, calls } = scripted((tenantId, call) => (tenantId === 'acme' && call === 1 ? Promise.reject(failure) : Promise.resolve(nothing)));
    const errors: [unknown, string | undefined][] = [];
    const timer = startSlaTimer(scanner, { tenants: ['acme', 'globex'], intervalMs: 1_000, onError: (error, tenantId) => void errors.push([error, tenantId]) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toEqual([[failure, 'acme']]);
    expect(calls).toEqual(['acme', 'globex', 'acme', 'globex']);
    await timer.stop();
  });

  it('reports a failing onScan and a failing tenants function to onError, and keeps running', async () => {
    const { scanner, calls } = scripted();
    let round = 0;
    const errors: (string | undefined)[] = [];
    const timer = startSlaTimer(scanner, {
      tenants: () => {
        round++;
        if (round === 2) throw new Error('directory down');
        return ['acme'];
      },
      intervalMs: 1_000,
      onScan: () => {
        throw new Error('log full');
      },
      onError: (error, tenantId) => void errors.push(`${(error as Error).message} ${tenantId ?? '(no tenant)'}`),
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(errors).toEqual(['log full acme', 'directory down (no tenant)', 'log full acme']);
    expect(calls).toEqual(['acme', 'acme']);
    await timer.stop();
  });

  it('asks the tenants function at every round, so tenants can come and go', async () => {
    const { scanner, calls } = scripted();
    const tenants = ['acme'];
    const timer = startSlaTimer(scanner, { tenants: () => [...tenants], intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    tenants.push('globex');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual(['acme', 'acme', 'globex']);
    await timer.stop();
  });

  it('stops after the round under way has finished, and starts none after it', async () => {
    let finish: (() => void) | undefined;
    const { scanner, calls } = scripted(() => new Promise((resolve) => (finish = () => resolve(nothing))));
    const timer = startSlaTimer(scanner, { tenants: ['acme', 'globex'], intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['acme']);
    let stopped = false;
    const stopping = timer.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    expect(timer.active).toBe(false);
    finish?.();
    await stopping;
    // The tenant after the one under way is left for the next start.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual(['acme']);
    await timer.runNow();
    expect(calls).toEqual(['acme']);
  });

  it('runs a round on runNow without waiting for the interval, and settles when it has run', async () => {
    const { scanner, calls } = scripted();
    const timer = startSlaTimer(scanner, { tenants: ['acme'], intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    await timer.runNow();
    expect(calls).toEqual(['acme', 'acme']);
    // The interval counts from the end of the asked round.
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    await timer.stop();
  });

  it('refuses bad options with a ValidationError naming each, and scans nothing', () => {
    const { scanner, calls } = scripted();
    const refused = (run: () => unknown): ValidationError => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return error as ValidationError;
      }
      throw new Error('not refused');
    };
    const paths = (error: ValidationError) => error.issues.map((found) => found.path.join('.'));
    expect(paths(refused(() => startSlaTimer(scanner, { tenants: ['acme', ''], intervalMs: 10, onScan: 'log' as never, onError: 1 as never })))).toEqual(['tenants.1', 'intervalMs', 'onScan', 'onError']);
    expect(paths(refused(() => startSlaTimer(scanner, { tenants: 'acme' as never })))).toEqual(['tenants']);
    expect(paths(refused(() => startSlaTimer(scanner, null as never)))).toEqual(['']);
    expect(paths(refused(() => startSlaTimer({} as never, { tenants: ['acme'] })))).toEqual(['itsm']);
    // A misspelt option would leave the default interval in force unnoticed.
    expect(refused(() => startSlaTimer(scanner, { tenants: ['acme'], intervalMS: 5_000 } as never)).issues.map((found) => [found.path.join('.'), found.message])).toEqual([
      ['intervalMS', 'is not an option of startSlaTimer: tenants, intervalMs, onScan, onError'],
    ]);
    expect(calls).toEqual([]);
  });
});

describe('startSlaTimer over the service', () => {
  it('announces a breach the clock moved past, through onScan', async () => {
    const { itsm, tenant, advance } = fixture(createMemoryStore());
    await itsm.incidents.open(tenant, agent, vpnDown);
    // P3 on an always-open calendar: the response is due after 2 h.
    advance(3 * 3_600_000);
    const announced: string[] = [];
    const timer = startSlaTimer(itsm, { tenants: [tenant], onScan: (_, { events }) => void announced.push(...events.map((event) => `${event.number} ${event.type}`)) });
    // The first round and the asked one: the second finds nothing new to announce.
    await timer.runNow();
    await timer.stop();
    expect(announced).toEqual(['INC0000001 incident.sla_threshold_crossed', 'INC0000001 incident.sla_threshold_crossed', 'INC0000001 incident.sla_breached']);
  });
});

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openIncident, safeOpenIncident } from '../../src/index';

// A context's `now` is read through Date itself: a Date of another realm is a Date, and a Date
// whose own methods say otherwise is taken at its real instant.

const caller = { kind: 'user', id: 'caller-1' } as const;
const agent = { kind: 'user', id: 'agent-1' } as const;
const opening = (now: unknown) => ({ now: now as Date, actor: agent, newId: () => 'inc-1', tenantId: 'acme', number: 'INC0000001' });
const input = { shortDescription: 'VPN down', caller, impact: 2, urgency: 2 } as const;

describe('a context’s now', () => {
  it('may be a Date of another realm, such as a vm context', () => {
    const foreign = runInNewContext('new Date("2026-11-23T08:00:00.000Z")') as unknown;
    expect(foreign instanceof Date).toBe(false);
    expect(openIncident(input, opening(foreign)).record.openedAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it('is taken at the Date’s real instant, whatever its own getTime says', () => {
    const liar = Object.assign(new Date('2026-11-23T08:00:00.000Z'), { getTime: () => 0 });
    expect(openIncident(input, opening(liar)).record.openedAt).toBe('2026-11-23T08:00:00.000Z');
  });

  it('that cannot be looked at is named as one that could not be read', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = safeOpenIncident(input, opening(proxy));
    expect(result.success ? [] : result.error.issues.map((found) => found.message)).toEqual([expect.stringMatching(/^could not be read/)]);
  });

  it('is refused, naming now, when it is a proxy around a Date', () => {
    const result = safeOpenIncident(input, opening(new Proxy(new Date(), {})));
    expect(result.success ? [] : result.error.issues.map((found) => found.path)).toEqual([['now']]);
  });
});

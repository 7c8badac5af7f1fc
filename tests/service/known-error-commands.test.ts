import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import { defineKnownErrorLifecycle, type KnownError, type Problem } from '../../src/problem/index';
import type { Itsm } from '../../src/service/index';
import { agent, closeDatabases, fixture, snapshot, STORES } from './support';

enablePatches();
afterAll(closeDatabases);

const rekey = { title: 'VPN drops at rekey', symptom: 'Sessions end every 30 minutes with "peer not responding"' };

/** A problem under analysis with a workaround, ready to publish a known error from. */
async function analysed(itsm: Itsm, tenant: string, workaround = true): Promise<Problem> {
  const problem = await itsm.problems.open(tenant, agent, { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2, configurationItems: ['ci-vpn-1'] });
  await itsm.problems.apply(tenant, agent, problem.id, { type: 'assess' });
  const analysing = await itsm.problems.apply(tenant, agent, problem.id, { type: 'start_analysis' });
  return workaround ? itsm.problems.apply(tenant, agent, problem.id, { type: 'record_workaround', workaround: 'Reconnect; set the rekey interval to 8 h' }) : analysing;
}

const rebuild = (entries: readonly { patches: unknown }[]): unknown[] => {
  let rebuilt: unknown = {};
  return entries.map((entry) => (rebuilt = applyPatches(rebuilt as object, entry.patches as never)));
};

describe.each(STORES)('known errors over the $name store, through the same pipeline', ({ make }) => {
  it('publishes a known error from a problem: two records, each with its number, audit entry and events, in one transaction', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store, advance } = fixture(await make());
    const problem = await analysed(itsm, tenant);
    advance(60_000);
    const { problem: linked, knownError } = await itsm.problems.publishKnownError(tenant, agent, problem.id, rekey, { expectedVersion: 4, reason: 'desk keeps asking' });
    expect(knownError).toMatchObject({ number: 'KE0000001', version: 1, state: 'published', problem: problem.id, workaround: 'Reconnect; set the rekey interval to 8 h', affectedConfigurationItems: ['ci-vpn-1'] });
    expect(linked).toMatchObject({ id: problem.id, number: 'PRB0000001', version: 5, knownErrors: [knownError.id] });
    expect(await itsm.problems.get(tenant, problem.id)).toEqual(linked);
    expect(await itsm.knownErrors.get(tenant, knownError.id)).toEqual(knownError);
    expect((await itsm.knownErrors.list(tenant)).items).toEqual([{ record: knownError, slaDueAt: null }]);
    expect(await itsm.knownErrors.sla(tenant, knownError.id)).toBeUndefined();

    const problemHistory = await itsm.problems.history(tenant, problem.id);
    expect(problemHistory.at(-1)).toMatchObject({ version: 5, action: 'problem.known_error_published', reason: 'desk keeps asking', at: '2026-11-23T08:01:00.000Z' });
    expect((rebuild(problemHistory)).at(-1)).toEqual(linked);
    const knownErrorHistory = await itsm.knownErrors.history(tenant, knownError.id);
    expect(knownErrorHistory).toHaveLength(1);
    expect(knownErrorHistory[0]).toMatchObject({ recordKind: 'known_error', version: 1, action: 'known_error.opened', reason: 'desk keeps asking' });
    expect(rebuild(knownErrorHistory)).toEqual([knownError]);

    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.slice(-3).map((message) => [message.event.type, message.event.number])).toEqual([
      ['problem.known_error_published', 'PRB0000001'],
      ['known_error.opened', 'KE0000001'],
      ['known_error.published', 'KE0000001'],
    ]);
  });

  it('publishes a draft later and moves a known error through its lifecycle; the audit trail rebuilds every version', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const problem = await analysed(itsm, tenant);
    const first = await itsm.problems.publishKnownError(tenant, agent, problem.id, { ...rekey, state: 'draft' }, { idempotencyKey: 'ke-1' });
    expect(first.knownError.state).toBe('draft');
    // A retry with the same key and input returns the first result and makes nothing new.
    expect(await itsm.problems.publishKnownError(tenant, agent, problem.id, { ...rekey, state: 'draft' }, { idempotencyKey: 'ke-1' })).toEqual(first);
    const reused = await itsm.problems.safePublishKnownError(tenant, agent, problem.id, rekey, { idempotencyKey: 'ke-1' });
    expect(reused.success ? undefined : reused.error.code).toBe('conflict');
    // Another reason for the audit trail is other input too, as for apply.
    const otherReason = await itsm.problems.safePublishKnownError(tenant, agent, problem.id, { ...rekey, state: 'draft' }, { idempotencyKey: 'ke-1', reason: 'Second thoughts' });
    expect(otherReason.success ? undefined : otherReason.error.code).toBe('conflict');
    const id = first.knownError.id;
    const versions: KnownError[] = [first.knownError];
    for (const event of [{ type: 'update', symptom: 'Sessions end at every IKE rekey' }, { type: 'publish' }, { type: 'retire', reason: 'Fixed by CHG0000001' }] as const) {
      advance(60_000);
      versions.push(await itsm.knownErrors.apply(tenant, agent, id, event));
    }
    expect(versions.map((version) => [version.version, version.state])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'published'],
      [4, 'retired'],
    ]);
    const history = await itsm.knownErrors.history(tenant, id);
    expect(history.map((entry) => entry.action)).toEqual(['known_error.opened', 'known_error.updated', 'known_error.published', 'known_error.retired']);
    expect(rebuild(history)).toEqual(versions);
    expect((await itsm.problems.get(tenant, problem.id)).knownErrors).toEqual([id]);
    const second = await itsm.problems.publishKnownError(tenant, agent, problem.id, { title: 'VPN drops on Wi-Fi roaming', symptom: 'Drops when moving between floors' });
    expect(second.knownError.number).toBe('KE0000002');
    expect(second.problem.knownErrors).toEqual([id, second.knownError.id]);
  });

  it('refuses a problem without workaround, a denied, stale or bad publication, and a link given by hand, writing nothing', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store, { authorize: (_actor, action, record) => action !== 'problem.publish_known_error' || record.state !== 'root_cause_analysis' || record.workaround === undefined });
    const bare = await analysed(itsm, tenant, false);
    const ready = await analysed(itsm, tenant);
    const allowed = fixture(store);
    const before = await snapshot(store, tenant);
    const noWorkaround = await itsm.problems.safePublishKnownError(tenant, agent, bare.id, rekey);
    expect(noWorkaround.success ? undefined : noWorkaround.error).toMatchObject({ code: 'invalid_transition' });
    const denied = await itsm.problems.safePublishKnownError(tenant, agent, ready.id, rekey);
    expect(denied.success ? undefined : denied.error).toMatchObject({ code: 'forbidden', details: { action: 'problem.publish_known_error' } });
    const stale = await allowed.itsm.problems.safePublishKnownError(tenant, agent, ready.id, rekey, { expectedVersion: 3 });
    expect(stale.success ? undefined : stale.error).toMatchObject({ code: 'conflict', details: { storedVersion: 4 } });
    const bad = await allowed.itsm.problems.safePublishKnownError(tenant, agent, ready.id, { title: '' });
    expect(bad.success ? undefined : bad.error).toMatchObject({ code: 'validation', issues: [{ path: ['title'] }, { path: ['symptom'] }] });
    const missing = await allowed.itsm.problems.safePublishKnownError(tenant, agent, 'no-such-problem', rekey);
    expect(missing.success ? undefined : missing.error.code).toBe('not_found');
    const byHand = await allowed.itsm.problems.safeApply(tenant, agent, ready.id, { type: 'publish_known_error', knownError: 'ke-made-up' });
    expect(byHand.success ? undefined : byHand.error).toMatchObject({ code: 'validation', issues: [{ path: ['type'] }] });
    expect(await snapshot(store, tenant)).toEqual(before);
    // The number drawn for each refused known error was given back.
    const published = await allowed.itsm.problems.publishKnownError(tenant, agent, ready.id, rekey);
    expect(published.knownError.number).toBe('KE0000001');
    const again = await allowed.itsm.knownErrors.safeApply(tenant, agent, published.knownError.id, { type: 'publish' });
    expect(again.success ? undefined : again.error.code).toBe('invalid_transition');
    await expect(allowed.itsm.knownErrors.get(tenant, ready.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('uses the host’s known error lifecycle and number format', { timeout: 60_000 }, async () => {
    const lifecycle = defineKnownErrorLifecycle({ requiredFields: { publish: ['rootCause'] } });
    const { itsm, tenant } = fixture(await make(), { lifecycles: { knownError: lifecycle }, numberFormats: { knownError: { prefix: 'KEDB', digits: 3 } } });
    const problem = await analysed(itsm, tenant);
    const refused = await itsm.problems.safePublishKnownError(tenant, agent, problem.id, rekey);
    expect(refused.success ? undefined : refused.error.code).toBe('invalid_transition');
    const { knownError } = await itsm.problems.publishKnownError(tenant, agent, problem.id, { ...rekey, rootCause: 'The concentrator drops SAs at rekey' });
    expect(knownError).toMatchObject({ number: 'KEDB001', state: 'published' });
  });
});

import { fc } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { OpenChangeInput } from '../../src/change/index';
import { ActorRef, IncidentEvent, OpenIncidentInput, RecordQuery, ValidationError, type SafeResult } from '../../src/index';
import { OpenProblemInput, ProblemEvent } from '../../src/problem/index';
import { ApplyCommandOptions, OpenCommandOptions, safeCreateItsm, type Itsm } from '../../src/service/index';
import { anyValue } from '../support';
import { agent, closePglite, fixture, snapshot, STORES, vpnDown } from './support';

afterAll(closePglite);

/** Arbitrary values, plain JSON and exotic, that a schema refuses. */
const refusedBy = (schema: { safeParse: (value: unknown) => { success: boolean } }) => fc.oneof(fc.jsonValue(), anyValue).filter((value) => !schema.safeParse(value).success);
const notAKey = fc.oneof(fc.jsonValue(), anyValue).filter((value) => typeof value !== 'string' || value.length === 0 || value.length > 128);
const notAnInstant = fc.oneof(fc.jsonValue(), anyValue).filter((value) => value !== undefined && !(value instanceof Date && Number.isFinite(value.getTime())) && !(typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)));
const badOptions = (schema: { safeParse: (value: unknown) => { success: boolean } }) => refusedBy(schema).filter((value) => value !== undefined);

type Command = (itsm: Itsm, tenant: string, id: string, bad: unknown, problemId: string) => Promise<SafeResult<unknown>>;

const commands: readonly (readonly [string, fc.Arbitrary<unknown>, Command])[] = [
  ['open: tenant', notAKey, (itsm, _tenant, _id, bad) => itsm.incidents.safeOpen(bad, agent, vpnDown)],
  ['open: actor', refusedBy(ActorRef), (itsm, tenant, _id, bad) => itsm.incidents.safeOpen(tenant, bad, vpnDown)],
  ['open: input', refusedBy(OpenIncidentInput), (itsm, tenant, _id, bad) => itsm.incidents.safeOpen(tenant, agent, bad)],
  ['open: options', badOptions(OpenCommandOptions), (itsm, tenant, _id, bad) => itsm.incidents.safeOpen(tenant, agent, vpnDown, bad)],
  ['apply: tenant', notAKey, (itsm, _tenant, id, bad) => itsm.incidents.safeApply(bad, agent, id, { type: 'start' })],
  ['apply: actor', refusedBy(ActorRef), (itsm, tenant, id, bad) => itsm.incidents.safeApply(tenant, bad, id, { type: 'start' })],
  ['apply: id', notAKey, (itsm, tenant, _id, bad) => itsm.incidents.safeApply(tenant, agent, bad, { type: 'start' })],
  ['apply: event', refusedBy(IncidentEvent), (itsm, tenant, id, bad) => itsm.incidents.safeApply(tenant, agent, id, bad)],
  ['apply: options', badOptions(ApplyCommandOptions), (itsm, tenant, id, bad) => itsm.incidents.safeApply(tenant, agent, id, { type: 'start' }, bad)],
  ['get: id', notAKey, (itsm, tenant, _id, bad) => itsm.incidents.safeGet(tenant, bad)],
  ['list: query', badOptions(RecordQuery), (itsm, tenant, _id, bad) => itsm.incidents.safeList(tenant, bad)],
  ['history: tenant', notAKey, (itsm, _tenant, id, bad) => itsm.incidents.safeHistory(bad, id)],
  ['sla: now', notAnInstant, (itsm, tenant, id, bad) => itsm.incidents.safeSla(tenant, id, bad)],
  ['problems.open: input', refusedBy(OpenProblemInput), (itsm, tenant, _id, bad) => itsm.problems.safeOpen(tenant, agent, bad)],
  ['problems.apply: event', refusedBy(ProblemEvent), (itsm, tenant, _id, bad, problemId) => itsm.problems.safeApply(tenant, agent, problemId, bad)],
  ['changes.open: input', refusedBy(OpenChangeInput), (itsm, tenant, _id, bad) => itsm.changes.safeOpen(tenant, agent, bad)],
  ['changes.list: query', badOptions(RecordQuery), (itsm, tenant, _id, bad) => itsm.changes.safeList(tenant, bad)],
  ['processDueSla: now', notAnInstant, (itsm, tenant, _id, bad) => itsm.safeProcessDueSla(tenant, bad)],
];

describe.each(STORES)('bad input over the $name store', ({ name, make }) => {
  const numRuns = name === 'memory' ? 60 : 8;
  it.each(commands)('arbitrary JSON as %s gives a validation error and leaves the store unchanged', { timeout: 120_000 }, async (_label, arbitrary, command) => {
    const { itsm, tenant, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const problem = await itsm.problems.open(tenant, agent, { problemStatement: 'VPN drops', impact: 2, urgency: 2 });
    const before = await snapshot(store, tenant);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (bad) => {
        const result = await command(itsm, tenant, incident.id, bad, problem.id);
        expect(result.success ? undefined : result.error).toBeInstanceOf(ValidationError);
      }),
      { numRuns },
    );
    expect(await snapshot(store, tenant)).toEqual(before);
  });
});

describe('createItsm', () => {
  it('refuses arbitrary JSON as options with a validation error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), anyValue), (bad) => {
        const result = safeCreateItsm(bad);
        expect(result.success ? undefined : result.error).toBeInstanceOf(ValidationError);
      }),
    );
  });
});

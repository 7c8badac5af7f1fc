import { fc } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { AddCiRelationshipInput, AnalyzeImpactOptions, ConfigurationItemEvent, RegisterConfigurationItemInput } from '../../src/cmdb/index';
import { ActorRef, RecordQuery, ValidationError, type SafeResult } from '../../src/index';
import { ApplyCommandOptions, ListCiRelationshipsOptions, OpenCommandOptions, type Itsm } from '../../src/service/index';
import { anyValue } from '../support';
import { agent, closeDatabases, fixture, snapshot, STORES } from './support';

afterAll(closeDatabases);

/** Arbitrary values, plain JSON and exotic, that a schema refuses. */
const refusedBy = (schema: { safeParse: (value: unknown) => { success: boolean } }) => fc.oneof(fc.jsonValue(), anyValue).filter((value) => !schema.safeParse(value).success);
const badOptions = (schema: { safeParse: (value: unknown) => { success: boolean } }) => refusedBy(schema).filter((value) => value !== undefined);
const notAKey = fc.oneof(fc.jsonValue(), anyValue).filter((value) => typeof value !== 'string' || value.length === 0 || value.length > 128);
// An empty list of down items is a valid question with an empty answer; anything else here names no item.
const notItems = fc.oneof(fc.jsonValue(), anyValue).filter((value) => !(Array.isArray(value) && value.length === 0));

/** The records a command may act on: two items and the relationship between them. */
interface Targets {
  readonly itemId: string;
  readonly otherId: string;
  readonly relationshipId: string;
}

type Command = (itsm: Itsm, tenant: string, bad: unknown, targets: Targets) => Promise<SafeResult<unknown>>;
const server = { className: 'server', name: 'db-host-1' };
const link = ({ itemId, otherId }: Targets) => ({ type: 'depends_on', sourceId: otherId, targetId: itemId });

const commands: readonly (readonly [string, fc.Arbitrary<unknown>, Command])[] = [
  ['configurationItems.register: tenant', notAKey, (itsm, _tenant, bad) => itsm.configurationItems.safeRegister(bad, agent, server)],
  ['configurationItems.register: actor', refusedBy(ActorRef), (itsm, tenant, bad) => itsm.configurationItems.safeRegister(tenant, bad, server)],
  ['configurationItems.register: input', refusedBy(RegisterConfigurationItemInput), (itsm, tenant, bad) => itsm.configurationItems.safeRegister(tenant, agent, bad)],
  ['configurationItems.register: options', badOptions(OpenCommandOptions), (itsm, tenant, bad) => itsm.configurationItems.safeRegister(tenant, agent, server, bad)],
  ['configurationItems.apply: id', notAKey, (itsm, tenant, bad) => itsm.configurationItems.safeApply(tenant, agent, bad, { type: 'retire' })],
  ['configurationItems.apply: event', refusedBy(ConfigurationItemEvent), (itsm, tenant, bad, { itemId }) => itsm.configurationItems.safeApply(tenant, agent, itemId, bad)],
  ['configurationItems.apply: options', badOptions(ApplyCommandOptions), (itsm, tenant, bad, { itemId }) => itsm.configurationItems.safeApply(tenant, agent, itemId, { type: 'retire' }, bad)],
  ['configurationItems.get: id', notAKey, (itsm, tenant, bad) => itsm.configurationItems.safeGet(tenant, bad)],
  ['configurationItems.list: query', badOptions(RecordQuery), (itsm, tenant, bad) => itsm.configurationItems.safeList(tenant, bad)],
  ['configurationItems.history: id', notAKey, (itsm, tenant, bad) => itsm.configurationItems.safeHistory(tenant, bad)],
  ['configurationItems.impact: tenant', notAKey, (itsm, _tenant, bad, { itemId }) => itsm.configurationItems.safeImpact(bad, itemId)],
  ['configurationItems.impact: items', notItems, (itsm, tenant, bad) => itsm.configurationItems.safeImpact(tenant, bad)],
  ['configurationItems.impact: options', badOptions(AnalyzeImpactOptions), (itsm, tenant, bad, { itemId }) => itsm.configurationItems.safeImpact(tenant, itemId, bad)],
  ['ciRelationships.add: tenant', notAKey, (itsm, _tenant, bad, targets) => itsm.ciRelationships.safeAdd(bad, agent, link(targets))],
  ['ciRelationships.add: actor', refusedBy(ActorRef), (itsm, tenant, bad, targets) => itsm.ciRelationships.safeAdd(tenant, bad, link(targets))],
  ['ciRelationships.add: input', refusedBy(AddCiRelationshipInput), (itsm, tenant, bad) => itsm.ciRelationships.safeAdd(tenant, agent, bad)],
  ['ciRelationships.add: options', badOptions(OpenCommandOptions), (itsm, tenant, bad, targets) => itsm.ciRelationships.safeAdd(tenant, agent, link(targets), bad)],
  ['ciRelationships.remove: id', notAKey, (itsm, tenant, bad) => itsm.ciRelationships.safeRemove(tenant, agent, bad)],
  ['ciRelationships.remove: actor', refusedBy(ActorRef), (itsm, tenant, bad, { relationshipId }) => itsm.ciRelationships.safeRemove(tenant, bad, relationshipId)],
  ['ciRelationships.remove: options', badOptions(ApplyCommandOptions), (itsm, tenant, bad, { relationshipId }) => itsm.ciRelationships.safeRemove(tenant, agent, relationshipId, bad)],
  ['ciRelationships.list: tenant', notAKey, (itsm, _tenant, bad) => itsm.ciRelationships.safeList(bad)],
  ['ciRelationships.history: id', notAKey, (itsm, tenant, bad) => itsm.ciRelationships.safeHistory(tenant, bad)],
  ['ciRelationships.list: options', badOptions(ListCiRelationshipsOptions), (itsm, tenant, bad) => itsm.ciRelationships.safeList(tenant, bad)],
];

describe.each(STORES)('bad input to the CMDB commands over the $name store', ({ name, make }) => {
  const numRuns = name === 'memory' ? 60 : 8;
  it.each(commands)('arbitrary JSON as %s gives a validation error and leaves the store unchanged', { timeout: 120_000 }, async (_label, arbitrary, command) => {
    const { itsm, tenant, store } = fixture(await make());
    const item = await itsm.configurationItems.register(tenant, agent, server);
    const other = await itsm.configurationItems.register(tenant, agent, { className: 'application', name: 'shop' });
    const relationship = await itsm.ciRelationships.add(tenant, agent, { type: 'runs_on', sourceId: other.id, targetId: item.id });
    const targets: Targets = { itemId: item.id, otherId: other.id, relationshipId: relationship.id };
    const before = await snapshot(store, tenant);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (bad) => {
        const result = await command(itsm, tenant, bad, targets);
        expect(result.success ? undefined : result.error).toBeInstanceOf(ValidationError);
      }),
      { numRuns },
    );
    expect(await snapshot(store, tenant)).toEqual(before);
  });
});

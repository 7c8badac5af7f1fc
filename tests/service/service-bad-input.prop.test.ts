import { fc } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { AssetEvent, OpenAssetInput } from '../../src/asset/index';
import { OpenChangeInput } from '../../src/change/index';
import { CatalogItem, defineCatalogItem, FulfilmentTaskEvent, RequestItemEvent, ServiceRequestEvent, SubmitServiceRequestInput } from '../../src/request/index';
import { ActorRef, IncidentEvent, OpenIncidentInput, RecordQuery, ValidationError, type SafeResult } from '../../src/index';
import { KnownErrorEvent, OpenProblemInput, ProblemEvent, PublishKnownErrorInput } from '../../src/problem/index';
import { ApplyCommandOptions, OpenCommandOptions, PublishKnownErrorOptions, safeCreateItsm, type Itsm } from '../../src/service/index';
import { anyValue } from '../support';
import { agent, closeDatabases, fixture, snapshot, STORES, vpnDown } from './support';

afterAll(closeDatabases);

/** Arbitrary values, plain JSON and exotic, that a schema refuses. */
const refusedBy = (schema: { safeParse: (value: unknown) => { success: boolean } }) => fc.oneof(fc.jsonValue(), anyValue).filter((value) => !schema.safeParse(value).success);
const notAKey = fc.oneof(fc.jsonValue(), anyValue).filter((value) => typeof value !== 'string' || value.length === 0 || value.length > 128);
const notAnInstant = fc.oneof(fc.jsonValue(), anyValue).filter((value) => value !== undefined && !(value instanceof Date && Number.isFinite(value.getTime())) && !(typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)));
const badOptions = (schema: { safeParse: (value: unknown) => { success: boolean } }) => refusedBy(schema).filter((value) => value !== undefined);

/** The records a command may act on: an incident, a problem with a workaround, its known error, an asset. */
interface Targets {
  readonly problemId: string;
  readonly knownErrorId: string;
  readonly assetId: string;
  readonly requestId: string;
  readonly itemId: string;
  readonly taskId: string;
}

type Command = (itsm: Itsm, tenant: string, id: string, bad: unknown, targets: Targets) => Promise<SafeResult<unknown>>;
const rekey = { title: 'VPN drops at rekey', symptom: 'Sessions end every 30 minutes' };
const laptop = { kind: 'hardware', assetTag: 'LAP-0042', name: 'ThinkPad T14' } as const;
const kit = defineCatalogItem({
  id: 'cat-kit',
  name: 'Welcome kit',
  active: true,
  variables: [],
  approval: { required: false },
  fulfilmentTasks: [{ shortDescription: 'Pack the kit', assignmentGroup: { kind: 'group', id: 'g-desk' }, order: 1 }],
});
const kitOrder: SubmitServiceRequestInput = { requestedFor: { kind: 'user', id: 'u-requester' }, items: [{ catalogItem: kit }] };

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
  ['problems.apply: event', refusedBy(ProblemEvent), (itsm, tenant, _id, bad, { problemId }) => itsm.problems.safeApply(tenant, agent, problemId, bad)],
  ['changes.open: input', refusedBy(OpenChangeInput), (itsm, tenant, _id, bad) => itsm.changes.safeOpen(tenant, agent, bad)],
  ['changes.list: query', badOptions(RecordQuery), (itsm, tenant, _id, bad) => itsm.changes.safeList(tenant, bad)],
  ['problems.publishKnownError: tenant', notAKey, (itsm, _tenant, _id, bad, { problemId }) => itsm.problems.safePublishKnownError(bad, agent, problemId, rekey)],
  ['problems.publishKnownError: actor', refusedBy(ActorRef), (itsm, tenant, _id, bad, { problemId }) => itsm.problems.safePublishKnownError(tenant, bad, problemId, rekey)],
  ['problems.publishKnownError: problem id', notAKey, (itsm, tenant, _id, bad) => itsm.problems.safePublishKnownError(tenant, agent, bad, rekey)],
  ['problems.publishKnownError: input', refusedBy(PublishKnownErrorInput), (itsm, tenant, _id, bad, { problemId }) => itsm.problems.safePublishKnownError(tenant, agent, problemId, bad)],
  ['problems.publishKnownError: options', badOptions(PublishKnownErrorOptions), (itsm, tenant, _id, bad, { problemId }) => itsm.problems.safePublishKnownError(tenant, agent, problemId, rekey, bad)],
  ['knownErrors.apply: event', refusedBy(KnownErrorEvent), (itsm, tenant, _id, bad, { knownErrorId }) => itsm.knownErrors.safeApply(tenant, agent, knownErrorId, bad)],
  ['knownErrors.apply: options', badOptions(ApplyCommandOptions), (itsm, tenant, _id, bad, { knownErrorId }) => itsm.knownErrors.safeApply(tenant, agent, knownErrorId, { type: 'retire' }, bad)],
  ['knownErrors.get: id', notAKey, (itsm, tenant, _id, bad) => itsm.knownErrors.safeGet(tenant, bad)],
  ['knownErrors.list: query', badOptions(RecordQuery), (itsm, tenant, _id, bad) => itsm.knownErrors.safeList(tenant, bad)],
  ['knownErrors.history: id', notAKey, (itsm, tenant, _id, bad) => itsm.knownErrors.safeHistory(tenant, bad)],
  ['assets.open: input', refusedBy(OpenAssetInput), (itsm, tenant, _id, bad) => itsm.assets.safeOpen(tenant, agent, bad)],
  ['assets.open: options', badOptions(OpenCommandOptions), (itsm, tenant, _id, bad) => itsm.assets.safeOpen(tenant, agent, laptop, bad)],
  ['assets.apply: event', refusedBy(AssetEvent), (itsm, tenant, _id, bad, { assetId }) => itsm.assets.safeApply(tenant, agent, assetId, bad)],
  ['assets.apply: id', notAKey, (itsm, tenant, _id, bad) => itsm.assets.safeApply(tenant, agent, bad, { type: 'receive', serialNumber: 'PF-1' })],
  ['assets.list: query', badOptions(RecordQuery), (itsm, tenant, _id, bad) => itsm.assets.safeList(tenant, bad)],
  ['requests.submit: tenant', notAKey, (itsm, _tenant, _id, bad) => itsm.requests.safeSubmit(bad, agent, kitOrder)],
  ['requests.submit: actor', refusedBy(ActorRef), (itsm, tenant, _id, bad) => itsm.requests.safeSubmit(tenant, bad, kitOrder)],
  ['requests.submit: input', refusedBy(SubmitServiceRequestInput), (itsm, tenant, _id, bad) => itsm.requests.safeSubmit(tenant, agent, bad)],
  ['requests.submit: options', badOptions(OpenCommandOptions), (itsm, tenant, _id, bad) => itsm.requests.safeSubmit(tenant, agent, kitOrder, bad)],
  ['requests.apply: event', refusedBy(ServiceRequestEvent), (itsm, tenant, _id, bad, { requestId }) => itsm.requests.safeApply(tenant, agent, requestId, bad)],
  ['requests.list: query', badOptions(RecordQuery), (itsm, tenant, _id, bad) => itsm.requests.safeList(tenant, bad)],
  ['requestItems.apply: event', refusedBy(RequestItemEvent), (itsm, tenant, _id, bad, { itemId }) => itsm.requestItems.safeApply(tenant, agent, itemId, bad)],
  ['requestItems.startFulfilment: item id', notAKey, (itsm, tenant, _id, bad) => itsm.requestItems.safeStartFulfilment(tenant, agent, bad, kit)],
  ['requestItems.startFulfilment: catalog item', refusedBy(CatalogItem), (itsm, tenant, _id, bad, { itemId }) => itsm.requestItems.safeStartFulfilment(tenant, agent, itemId, bad)],
  ['requestItems.startFulfilment: options', badOptions(ApplyCommandOptions), (itsm, tenant, _id, bad, { itemId }) => itsm.requestItems.safeStartFulfilment(tenant, agent, itemId, kit, bad)],
  ['fulfilmentTasks.apply: event', refusedBy(FulfilmentTaskEvent), (itsm, tenant, _id, bad, { taskId }) => itsm.fulfilmentTasks.safeApply(tenant, agent, taskId, bad)],
  ['fulfilmentTasks.get: id', notAKey, (itsm, tenant, _id, bad) => itsm.fulfilmentTasks.safeGet(tenant, bad)],
  ['assets.sla: now', notAnInstant, (itsm, tenant, _id, bad, { assetId }) => itsm.assets.safeSla(tenant, assetId, bad)],
  ['processDueSla: now', notAnInstant, (itsm, tenant, _id, bad) => itsm.safeProcessDueSla(tenant, bad)],
];

describe.each(STORES)('bad input over the $name store', ({ name, make }) => {
  const numRuns = name === 'memory' ? 60 : 8;
  it.each(commands)('arbitrary JSON as %s gives a validation error and leaves the store unchanged', { timeout: 120_000 }, async (_label, arbitrary, command) => {
    const { itsm, tenant, store } = fixture(await make());
    const incident = await itsm.incidents.open(tenant, agent, vpnDown);
    const problem = await itsm.problems.open(tenant, agent, { problemStatement: 'VPN drops', impact: 2, urgency: 2 });
    for (const event of [{ type: 'assess' }, { type: 'start_analysis' }, { type: 'record_workaround', workaround: 'Reconnect' }] as const) await itsm.problems.apply(tenant, agent, problem.id, event);
    const { knownError } = await itsm.problems.publishKnownError(tenant, agent, problem.id, rekey);
    const asset = await itsm.assets.open(tenant, agent, laptop);
    const { request, items } = await itsm.requests.submit(tenant, agent, kitOrder);
    const { tasks } = await itsm.requestItems.startFulfilment(tenant, agent, items[0]!.id, kit);
    const targets: Targets = { problemId: problem.id, knownErrorId: knownError.id, assetId: asset.id, requestId: request.id, itemId: items[0]!.id, taskId: tasks[0]!.id };
    const before = await snapshot(store, tenant);
    await fc.assert(
      fc.asyncProperty(arbitrary, async (bad) => {
        const result = await command(itsm, tenant, incident.id, bad, targets);
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

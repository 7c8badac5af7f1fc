import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/index';
import { defineCatalogItem, defineServiceRequestLifecycle, type SubmitServiceRequestInput } from '../../src/request/index';
import type { Itsm } from '../../src/service/index';
import { closeDatabases, fixture, readableOnce, snapshot, STORES } from './support';

enablePatches();
afterAll(closeDatabases);

const requester = { kind: 'user', id: 'u-requester' } as const;
const manager = { kind: 'user', id: 'u-manager' } as const;
const finance = { kind: 'group', id: 'g-finance' } as const;
const fiona = { kind: 'user', id: 'u-fiona' } as const;
const agent = { kind: 'user', id: 'u-agent' } as const;

const laptop = defineCatalogItem({
  id: 'cat-laptop',
  name: 'Standard laptop',
  active: true,
  variables: [{ name: 'cost_center', label: 'Cost center', type: 'text', required: true, pattern: 'CC-\\d{4}' }],
  approval: { required: true, approvers: [manager, finance] },
  fulfilmentTasks: [
    { shortDescription: 'Ship to the requester', assignmentGroup: { kind: 'group', id: 'g-logistics' }, order: 2 },
    { shortDescription: 'Image the laptop', assignmentGroup: { kind: 'group', id: 'g-desk' }, order: 1 },
  ],
});
const mouse = defineCatalogItem({ id: 'cat-mouse', name: 'Wireless mouse', active: true, variables: [], approval: { required: false }, fulfilmentTasks: [] });
const order: SubmitServiceRequestInput = { requestedFor: requester, items: [{ catalogItem: laptop, variables: { cost_center: 'CC-1234' } }, { catalogItem: mouse, quantity: 2 }] };

const rebuilt = (history: readonly AuditEntry[]): unknown => history.reduce<unknown>((record, entry) => applyPatches(record as object, entry.patches as never), {});

/** The laptop item approved by the manager and by Finance (Fiona acts for it). */
async function approveLaptop(itsm: Itsm, tenant: string, itemId: string): Promise<void> {
  let item = await itsm.requestItems.get(tenant, itemId);
  for (const approver of [manager, fiona]) {
    const open = item.approvals.find((approval) => approval.state === 'requested');
    item = await itsm.requestItems.apply(tenant, approver, itemId, { type: 'decide', approvalId: open!.id, decision: 'approved' });
  }
}

describe.each(STORES)('service requests over the $name store, through the same pipeline', ({ make }) => {
  it('submits a request and its items in one transaction, each numbered, audited and announced', { timeout: 60_000 }, async () => {
    const { itsm, tenant, store } = fixture(await make());
    const { request, items } = await itsm.requests.submit(tenant, requester, order, { idempotencyKey: 'form-1' });
    expect(request).toMatchObject({ number: 'REQ0000001', version: 2, state: 'approved', items: items.map((item) => item.id) });
    expect(items.map((item) => [item.number, item.state, item.version])).toEqual([
      ['RITM0000001', 'waiting_for_approval', 2],
      ['RITM0000002', 'approved', 2],
    ]);
    expect(await itsm.requests.submit(tenant, requester, order, { idempotencyKey: 'form-1' })).toEqual({ request, items });
    expect(await itsm.requests.get(tenant, request.id)).toEqual(request);
    expect((await itsm.requestItems.list(tenant)).items.map((item) => item.record)).toEqual(items);
    const requestHistory = await itsm.requests.history(tenant, request.id);
    expect(requestHistory.map((entry) => [entry.version, entry.action])).toEqual([[2, 'service_request.opened']]);
    expect(rebuilt(requestHistory)).toEqual(request);
    for (const item of items) expect(rebuilt(await itsm.requestItems.history(tenant, item.id))).toEqual(item);
    const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
    expect(pending.map((message) => message.event.number)).toEqual(['REQ0000001', 'REQ0000001', 'RITM0000001', 'RITM0000001', 'RITM0000002', 'RITM0000002']);
  });

  it('approves an item, starts its fulfilment with a task per template, closes the tasks, the item and the request', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant, advance } = fixture(store, { actorGroups: (actor) => (actor.id === fiona.id ? [finance.id] : []) });
    const { request, items } = await itsm.requests.submit(tenant, requester, order);
    const [laptopItem, mouseItem] = items;
    advance(60_000);
    await approveLaptop(itsm, tenant, laptopItem!.id);
    const started = await itsm.requestItems.startFulfilment(tenant, agent, laptopItem!.id, laptop, { reason: 'stock arrived', idempotencyKey: 'fulfil-1' });
    // A retry with the key gets the same item, request and tasks, and makes no second set of tasks.
    const before = await snapshot(store, tenant);
    expect(await itsm.requestItems.startFulfilment(tenant, agent, laptopItem!.id, laptop, { reason: 'stock arrived', idempotencyKey: 'fulfil-1' })).toEqual(started);
    expect(await snapshot(store, tenant)).toEqual(before);
    expect(started.item.state).toBe('in_fulfilment');
    expect(started.request).toMatchObject({ id: request.id, state: 'in_fulfilment' });
    expect(started.tasks.map((task) => [task.number, task.shortDescription, task.state])).toEqual([
      ['TASK0000001', 'Image the laptop', 'open'],
      ['TASK0000002', 'Ship to the requester', 'open'],
    ]);
    const early = await itsm.requestItems.safeApply(tenant, agent, laptopItem!.id, { type: 'complete' });
    expect(early.success ? undefined : early.error.code).toBe('invalid_transition');
    // Shipping (order 2) waits for imaging (order 1): the service loads the item's tasks itself.
    const shipFirst = await itsm.fulfilmentTasks.safeApply(tenant, agent, started.tasks[1]!.id, { type: 'start' });
    expect(shipFirst.success ? undefined : shipFirst.error.message).toBe(
      'Cannot start fulfilment_task TASK0000002 in state open: fulfilment task TASK0000001 (order 1) comes before it and is still open',
    );
    const shipDone = await itsm.fulfilmentTasks.safeApply(tenant, agent, started.tasks[1]!.id, { type: 'close', outcome: 'complete' });
    expect(shipDone.success ? undefined : shipDone.error.message).toBe(
      'Cannot close fulfilment_task TASK0000002 in state open: fulfilment task TASK0000001 (order 1) comes before it and is still open',
    );
    // A task whose item the store lacks cannot show the tasks before it are done: refused,
    // saying what is missing.
    const orphan = { ...started.tasks[1]!, id: `${started.tasks[1]!.id}-orphan`, number: 'TASK0000099', requestItem: 'ritm-gone' };
    await store.transaction((tx) => tx.records('fulfilment_task').insert(tenant, orphan));
    const orphanStart = await itsm.fulfilmentTasks.safeApply(tenant, agent, orphan.id, { type: 'start' });
    expect(orphanStart.success ? undefined : [orphanStart.error.code, orphanStart.error.message]).toEqual([
      'not_found',
      'request item ritm-gone is not in the store, so whether the tasks before TASK0000099 are done cannot be known',
    ]);
    // An event that cannot be read is refused as bad input, before anything is loaded for it.
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const id of [started.tasks[1]!.id, laptopItem!.id]) {
      const unreadable = await (id === laptopItem!.id ? itsm.requestItems : itsm.fulfilmentTasks).safeApply(tenant, agent, id, proxy);
      expect(unreadable.success ? undefined : unreadable.error.code).toBe('validation');
    }
    for (const task of started.tasks) {
      advance(60_000);
      await itsm.fulfilmentTasks.apply(tenant, agent, task.id, { type: 'start' });
      const closed = await itsm.fulfilmentTasks.apply(tenant, agent, task.id, { type: 'close', outcome: 'complete' });
      expect(closed.state).toBe('closed_complete');
      expect(rebuilt(await itsm.fulfilmentTasks.history(tenant, task.id))).toEqual(closed);
    }
    // A second key on the item, after the one its fulfilment started under.
    const completed = await itsm.requestItems.apply(tenant, agent, laptopItem!.id, { type: 'complete' }, { idempotencyKey: 'complete-1' });
    expect(await itsm.requestItems.apply(tenant, agent, laptopItem!.id, { type: 'complete' }, { idempotencyKey: 'complete-1' })).toEqual(completed);
    expect((await itsm.requests.get(tenant, request.id))?.state).toBe('in_fulfilment');
    // The last item to end closes the request, in the same transaction, as its items decide.
    await itsm.requestItems.apply(tenant, agent, mouseItem!.id, { type: 'skip', reason: 'Mice are in the drawer' });
    const closed = await itsm.requests.get(tenant, request.id);
    expect(closed).toMatchObject({ state: 'closed_complete', closedAt: closed.updatedAt });
    expect(rebuilt(await itsm.requests.history(tenant, request.id))).toEqual(closed);
    const again = await itsm.requests.safeApply(tenant, agent, request.id, { type: 'close' });
    expect(again.success ? undefined : again.error.code).toBe('invalid_transition');
    expect(rebuilt(await itsm.requestItems.history(tenant, laptopItem!.id))).toEqual(await itsm.requestItems.get(tenant, laptopItem!.id));
  });

  it('reads the options of a submission once: a key whose getter throws when read again changes nothing', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    const options = readableOnce('idempotencyKey', 'order-1');
    const { request } = await itsm.requests.submit(tenant, requester, order, options.object);
    expect(options.reads()).toBe(1);
    expect((await itsm.requests.submit(tenant, requester, order, { idempotencyKey: 'order-1' })).request).toEqual(request);
  });

  it('cancels a request and, in the same transaction, its open items and their tasks, each with its own audit entry', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make(), { actorGroups: (actor) => (actor.id === fiona.id ? [finance.id] : []) });
    const { request, items } = await itsm.requests.submit(tenant, requester, order);
    await approveLaptop(itsm, tenant, items[0]!.id);
    const { tasks } = await itsm.requestItems.startFulfilment(tenant, agent, items[0]!.id, laptop);
    advance(60_000);
    const canceled = await itsm.requests.apply(tenant, requester, request.id, { type: 'cancel', reason: 'Leaving the company' }, { reason: 'requester asked' });
    expect(canceled.state).toBe('canceled');
    for (const item of items) {
      const stored = await itsm.requestItems.get(tenant, item.id);
      expect(stored.state).toBe('canceled');
      const history = await itsm.requestItems.history(tenant, item.id);
      expect(history.at(-1)).toMatchObject({ actor: requester, reason: 'requester asked', at: '2026-11-23T08:01:00.000Z' });
      expect(rebuilt(history)).toEqual(stored);
    }
    for (const task of tasks) expect((await itsm.fulfilmentTasks.get(tenant, task.id)).state).toBe('canceled');
  });

  it('refuses bad input, a denied submission, tasks linked by hand and a refused fulfilment, writing nothing', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant } = fixture(store, { authorize: (_actor, action) => action !== 'service_request.submit' });
    const allowed = fixture(store);
    const { request, items } = await allowed.itsm.requests.submit(tenant, requester, order);
    const before = await snapshot(store, tenant);
    const denied = await itsm.requests.safeSubmit(tenant, requester, order);
    expect(denied.success ? undefined : denied.error).toMatchObject({ code: 'forbidden', details: { action: 'service_request.submit' } });
    const badAnswer = await allowed.itsm.requests.safeSubmit(tenant, requester, { ...order, items: [{ catalogItem: laptop, variables: { cost_center: 'nope' } }] });
    expect(badAnswer.success ? undefined : badAnswer.error).toMatchObject({ code: 'validation', issues: [{ path: ['items', 0, 'variables', 'cost_center'] }] });
    const byHand = await allowed.itsm.requestItems.safeApply(tenant, agent, items[1]!.id, { type: 'start_fulfilment', tasks: ['task-made-up'] });
    expect(byHand.success ? undefined : byHand.error).toMatchObject({ code: 'validation', issues: [{ path: ['tasks'] }] });
    const unapproved = await allowed.itsm.requestItems.safeStartFulfilment(tenant, agent, items[0]!.id, laptop);
    expect(unapproved.success ? undefined : unapproved.error.code).toBe('invalid_transition');
    const wrongCatalog = await allowed.itsm.requestItems.safeStartFulfilment(tenant, agent, items[1]!.id, laptop);
    expect(wrongCatalog.success ? undefined : wrongCatalog.error).toMatchObject({ code: 'validation', issues: [{ path: ['catalogItem', 'id'] }] });
    const stale = await allowed.itsm.requests.safeApply(tenant, agent, request.id, { type: 'close' }, { expectedVersion: 1 });
    expect(stale.success ? undefined : stale.error.code).toBe('conflict');
    const open = await allowed.itsm.requests.safeApply(tenant, agent, request.id, { type: 'close' });
    expect(open.success ? undefined : open.error.code).toBe('invalid_transition');
    const missing = await allowed.itsm.fulfilmentTasks.safeApply(tenant, agent, 'no-such-task', { type: 'start' });
    expect(missing.success ? undefined : missing.error.code).toBe('not_found');
    expect(await snapshot(store, tenant)).toEqual(before);
  });

  it('uses the host’s request lifecycle and number formats', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make(), {
      lifecycles: { request: defineServiceRequestLifecycle({ cancelItemsWithRequest: false }) },
      numberFormats: { request: { prefix: 'RQ', digits: 3 }, requestItem: { prefix: 'RI', digits: 3 } },
    });
    const { request, items } = await itsm.requests.submit(tenant, requester, order);
    expect([request.number, ...items.map((item) => item.number)]).toEqual(['RQ001', 'RI001', 'RI002']);
    await itsm.requests.apply(tenant, requester, request.id, { type: 'cancel', reason: 'Changed my mind' });
    expect((await itsm.requestItems.get(tenant, items[1]!.id)).state).toBe('approved');
  });

  it('closes the request when its last two items end at the same time, each in its own transaction', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make());
    for (let round = 0; round < 5; round++) {
      const { request, items } = await itsm.requests.submit(tenant, requester, { requestedFor: requester, items: [{ catalogItem: mouse }, { catalogItem: mouse }] });
      await Promise.all(items.map((item) => itsm.requestItems.apply(tenant, agent, item.id, { type: 'skip', reason: 'Mice are in the drawer' })));
      expect((await itsm.requests.get(tenant, request.id)).state).toBe('closed_skipped');
    }
  });

  it('asks the host’s authorize for the request’s close, and leaves the request open when it says no', { timeout: 60_000 }, async () => {
    const asked: string[] = [];
    const { itsm, tenant } = fixture(await make(), {
      authorize: (_actor, action) => {
        asked.push(action);
        return action !== 'service_request.close';
      },
    });
    const { request, items } = await itsm.requests.submit(tenant, requester, { requestedFor: requester, items: [{ catalogItem: mouse }, { catalogItem: mouse }] });
    // Not asked while another item is open: that close could not happen.
    await itsm.requestItems.apply(tenant, agent, items[0]!.id, { type: 'skip', reason: 'Mice are in the drawer' });
    expect(asked.at(-1)).toBe('request_item.skip');
    expect((await itsm.requestItems.apply(tenant, agent, items[1]!.id, { type: 'skip', reason: 'Mice are in the drawer' })).state).toBe('closed_skipped');
    expect(asked.slice(-2)).toEqual(['request_item.skip', 'service_request.close']);
    expect((await itsm.requests.get(tenant, request.id)).state).not.toMatch(/^closed/);
  });

  it('leaves closing the request to the host when its lifecycle says so', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make(), { lifecycles: { request: defineServiceRequestLifecycle({ closeWithLastItem: false }) } });
    const { request, items } = await itsm.requests.submit(tenant, requester, { requestedFor: requester, items: [{ catalogItem: mouse }] });
    await itsm.requestItems.apply(tenant, agent, items[0]!.id, { type: 'skip', reason: 'Mice are in the drawer' });
    expect((await itsm.requests.get(tenant, request.id)).state).not.toMatch(/^closed/);
    expect((await itsm.requests.apply(tenant, agent, request.id, { type: 'close' })).state).toBe('closed_skipped');
  });
});

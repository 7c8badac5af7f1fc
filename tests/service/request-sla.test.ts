// SLA clocks on service requests through the service: a fulfilment target on request items that
// runs from approval, and an OLA on fulfilment tasks for the team they are assigned to.
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, defineCatalogItem, defineSlaPolicy, safeCreateItsm, ValidationError, type SubmitServiceRequestInput } from '../../src/index';
import { closeDatabases, fixture, HOUR, STORES } from './support';

afterAll(closeDatabases);

const requester = { kind: 'user', id: 'u-requester' } as const;
const agent = { kind: 'user', id: 'u-agent' } as const;
const CLOSED = ['closed_complete', 'closed_incomplete', 'closed_skipped'];

const fulfilment = defineSlaPolicy({
  id: 'item-fulfilment',
  name: 'Deliver within a working day of approval',
  targets: [
    {
      id: 'fulfilment',
      metric: 'resolution',
      calendar: 'service_desk',
      duration: { ms: 8 * HOUR },
      start: { field: 'state', in: ['approved', 'in_fulfilment'] },
      stop: { field: 'state', in: CLOSED },
      cancel: { field: 'state', in: ['canceled', 'rejected'] },
    },
  ],
});
const imagingOla = defineSlaPolicy({
  id: 'task-ola',
  name: 'The desk images a laptop within 2 hours',
  targets: [
    {
      id: 'desk-ola',
      metric: 'resolution',
      agreement: 'ola',
      appliesTo: { field: 'assignmentGroup.id', eq: 'g-desk' },
      calendar: 'service_desk',
      duration: { ms: 2 * HOUR },
      start: { field: 'state', in: ['open', 'work_in_progress'] },
      stop: { field: 'state', in: CLOSED },
      cancel: { field: 'state', eq: 'canceled' },
    },
  ],
});

const laptop = defineCatalogItem({
  id: 'cat-laptop',
  name: 'Standard laptop',
  active: true,
  variables: [],
  approval: { required: false },
  fulfilmentTasks: [
    { shortDescription: 'Image the laptop', assignmentGroup: { kind: 'group', id: 'g-desk' }, order: 1 },
    { shortDescription: 'Ship to the requester', assignmentGroup: { kind: 'group', id: 'g-logistics' }, order: 2 },
  ],
});
const order: SubmitServiceRequestInput = { requestedFor: requester, items: [{ catalogItem: laptop }] };

describe.each(STORES)('SLA clocks on service requests over the $name store', ({ make }) => {
  it('runs a fulfilment target on items and an OLA on the tasks it applies to, and the scan announces their breaches', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make(), { slaPolicies: { requestItem: fulfilment, task: imagingOla } });
    const { items } = await itsm.requests.submit(tenant, requester, order);
    const item = items[0]!;
    const [listed] = (await itsm.requestItems.list(tenant)).items;
    expect(listed?.sla?.targets[0]?.cycles[0]).toMatchObject({ state: 'running', dueAt: '2026-11-23T16:00:00.000Z' });
    expect(listed?.slaDueAt).toBe('2026-11-23T12:00:00.000Z');

    advance(HOUR);
    const { tasks } = await itsm.requestItems.startFulfilment(tenant, agent, item.id, laptop);
    const [imaging, shipping] = tasks;
    expect((await itsm.fulfilmentTasks.sla(tenant, imaging!.id))?.targets[0]?.cycles[0]).toMatchObject({ state: 'running', dueAt: '2026-11-23T11:00:00.000Z' });
    // The OLA binds the desk only: the logistics task has no cycle.
    expect((await itsm.fulfilmentTasks.sla(tenant, shipping!.id))?.targets[0]?.cycles).toEqual([]);

    const scan = await itsm.processDueSla(tenant, '2026-11-23T17:00:00.000Z');
    expect(scan.events.map((event) => `${event.number} ${event.type} ${String(event.data.targetId)}`)).toEqual([
      'RITM0000001 request_item.sla_threshold_crossed fulfilment',
      'RITM0000001 request_item.sla_threshold_crossed fulfilment',
      'RITM0000001 request_item.sla_breached fulfilment',
      'TASK0000001 fulfilment_task.sla_threshold_crossed desk-ola',
      'TASK0000001 fulfilment_task.sla_threshold_crossed desk-ola',
      'TASK0000001 fulfilment_task.sla_breached desk-ola',
    ]);
  });

  it('steps the clocks of the items and tasks a cancelled request takes with it', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make(), { slaPolicies: { requestItem: fulfilment, task: imagingOla } });
    const { request, items } = await itsm.requests.submit(tenant, requester, order);
    const { tasks } = await itsm.requestItems.startFulfilment(tenant, agent, items[0]!.id, laptop);
    advance(HOUR);
    await itsm.requests.apply(tenant, requester, request.id, { type: 'cancel', reason: 'Leaving the company' });
    expect((await itsm.requestItems.sla(tenant, items[0]!.id))?.targets[0]?.cycles[0]).toMatchObject({ state: 'cancelled', elapsedMs: HOUR });
    expect((await itsm.fulfilmentTasks.sla(tenant, tasks[0]!.id))?.targets[0]?.cycles[0]).toMatchObject({ state: 'cancelled', elapsedMs: HOUR });
    // Nothing is due any more: the scan has nothing to say.
    expect(await itsm.processDueSla(tenant, '2026-11-24T08:00:00.000Z')).toEqual({ processed: 0, events: [] });
  });
});

it('refuses a request SLA policy whose calendar the service does not have', () => {
  const result = safeCreateItsm({ store: createMemoryStore(), slaPolicies: { task: imagingOla } });
  expect(!result.success && result.error instanceof ValidationError ? result.error.issues.map((found) => found.path.join('.')) : []).toEqual(['slaPolicies.task.targets.0.calendar']);
});

import { applyPatches, enablePatches } from 'immer';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeRequest, OpenChangeInput } from '../../src/change/index';
import { agent, closeDatabases, fixture, snapshot, STORES } from './support';

enablePatches();
afterAll(closeDatabases);

const owner = { kind: 'user', id: 'u-owner' } as const;
const implementer = { kind: 'user', id: 'u-implementer' } as const;
const approver = { kind: 'user', id: 'u-approver' } as const;
const firmware: OpenChangeInput = {
  type: 'normal',
  risk: 'moderate',
  shortDescription: 'Upgrade the core switch firmware',
  configurationItems: ['ci-switch-1'],
  assignee: owner,
  implementer,
  plannedStart: '2026-11-28T22:00:00.000Z',
  plannedEnd: '2026-11-29T02:00:00.000Z',
  backoutPlan: 'Reinstall the previous firmware from the saved image.',
  testPlan: 'Ping every access switch; run the VLAN smoke test.',
};

describe.each(STORES)('problems and changes over the $name store, through the same pipeline', ({ make }) => {
  it('opens and moves a problem through its lifecycle, numbered apart from incidents', { timeout: 60_000 }, async () => {
    const { itsm, tenant, advance } = fixture(await make());
    const problem = await itsm.problems.open(tenant, agent, { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2 }, { idempotencyKey: 'p-1' });
    expect(problem).toMatchObject({ number: 'PRB0000001', version: 1, state: 'new' });
    advance(60_000);
    await itsm.problems.apply(tenant, agent, problem.id, { type: 'assess' });
    advance(60_000);
    const analysing = await itsm.problems.apply(tenant, agent, problem.id, { type: 'start_analysis' }, { expectedVersion: 2 });
    expect(analysing).toMatchObject({ version: 3, state: 'root_cause_analysis' });
    expect(await itsm.problems.open(tenant, agent, { problemStatement: 'VPN drops every 30 minutes', impact: 2, urgency: 2 }, { idempotencyKey: 'p-1' })).toEqual(problem);
    const fix = await itsm.problems.safeApply(tenant, agent, problem.id, { type: 'start_fix' });
    expect(fix.success ? undefined : fix.error.code).toBe('invalid_transition');
    expect(await itsm.problems.sla(tenant, problem.id)).toBeUndefined();
    expect((await itsm.problems.list(tenant, { state: ['root_cause_analysis'] })).items.map((item) => item.record.number)).toEqual(['PRB0000001']);
  });

  it('takes a normal change to scheduled with approvers who act for their groups', { timeout: 60_000 }, async () => {
    const store = await make();
    const { itsm, tenant, advance } = fixture(store, {
      actorGroups: (actor) => (actor.id === approver.id ? ['change_management', 'cab'] : []),
    });
    const change = await itsm.changes.open(tenant, owner, firmware);
    expect(change).toMatchObject({ number: 'CHG0000001', state: 'new' });
    advance(60_000);
    await itsm.changes.apply(tenant, owner, change.id, { type: 'assess' });
    advance(60_000);
    let current: ChangeRequest = await itsm.changes.apply(tenant, owner, change.id, { type: 'request_authorization' });
    expect(current.state).toBe('authorize');
    const before = await snapshot(store, tenant);
    const outsider = await itsm.changes.safeApply(tenant, agent, change.id, { type: 'decide', approvalId: current.approvals[0]!.id, decision: 'approved' });
    expect(outsider.success ? undefined : outsider.error.code).toBe('invalid_transition');
    expect(await snapshot(store, tenant)).toEqual(before);
    while (current.state === 'authorize') {
      const open = current.approvals.find((approval) => approval.state === 'requested');
      advance(60_000);
      current = await itsm.changes.apply(tenant, approver, change.id, { type: 'decide', approvalId: open!.id, decision: 'approved' });
    }
    expect(current.state).toBe('scheduled');
    let rebuilt: unknown = {};
    for (const entry of await itsm.changes.history(tenant, change.id)) rebuilt = applyPatches(rebuilt as object, entry.patches as never);
    expect(rebuilt).toEqual(current);
  });

  it('refuses an actorGroups hook that answers nonsense', { timeout: 60_000 }, async () => {
    const { itsm, tenant } = fixture(await make(), { actorGroups: () => 'cab' as never });
    const change = await itsm.changes.open(tenant, owner, firmware);
    const result = await itsm.changes.safeApply(tenant, owner, change.id, { type: 'assess' });
    expect(result.success ? undefined : result.error).toMatchObject({ code: 'validation', issues: [{ path: ['actorGroups'] }] });
  });
});

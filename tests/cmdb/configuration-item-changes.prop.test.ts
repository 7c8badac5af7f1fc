import { fc, test } from '@fast-check/vitest';
import { applyPatches, enablePatches } from 'immer';
import { expect } from 'vitest';
import { registerConfigurationItem, safeApplyConfigurationItemEvent, type ConfigurationItem, type ConfigurationItemEvent } from '../../src/cmdb/index';

enablePatches();

const admin = { kind: 'user', id: 'cmdb-admin' } as const;
const AT = '2026-11-23T08:00:00.000Z';
const context = { now: AT, actor: admin, newId: () => 'ci-1' };

const update = fc.record(
  {
    type: fc.constant('update' as const),
    name: fc.string({ minLength: 1, maxLength: 20 }),
    description: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    attributes: fc.record({ cpu_count: fc.option(fc.integer({ min: 1, max: 64 }), { nil: null }), location: fc.option(fc.string({ maxLength: 20 }), { nil: null }) }, { requiredKeys: [] }),
    supportGroup: fc.option(fc.constantFrom({ kind: 'group' as const, id: 'unix-ops' }, { kind: 'group' as const, id: 'dba' }), { nil: null }),
    redundancy: fc.option(fc.record({ minimumUp: fc.integer({ min: 1, max: 3 }) }), { nil: null }),
  },
  { requiredKeys: ['type'] },
);
const setStatus = fc.record({ type: fc.constant('set_status' as const), status: fc.constantFrom('planned' as const, 'operational' as const, 'degraded' as const, 'down' as const, 'maintenance' as const) });
const events = fc.array(fc.oneof({ weight: 3, arbitrary: update }, { weight: 2, arbitrary: setStatus }, { weight: 1, arbitrary: fc.constant({ type: 'retire' as const }) }), { maxLength: 12 });

test.prop([events])('the audit patches of a configuration item, applied in order to {}, give every version, and an event changes only the fields it names', (sequence) => {
  const opened = registerConfigurationItem({ className: 'server', name: 'db-host-1', attributes: { cpu_count: 8 } }, { ...context, tenantId: 'acme', number: 'CI0000001' });
  const versions: ConfigurationItem[] = [opened.record];
  let rebuilt: unknown = applyPatches({}, opened.patches as never);
  expect(rebuilt).toEqual(opened.record);
  for (const event of sequence as ConfigurationItemEvent[]) {
    const current = versions.at(-1)!;
    const result = safeApplyConfigurationItemEvent(current, event, context);
    if (!result.success) {
      // Refused only for what the rules say: a retired item, a status it has, or an update of nothing.
      const reason = current.operationalStatus === 'retired' || (event.type === 'set_status' && event.status === current.operationalStatus) || (event.type === 'update' && Object.keys(event).length === 1);
      expect(reason).toBe(true);
      continue;
    }
    const next = result.data.record;
    rebuilt = applyPatches(rebuilt as object, result.data.patches as never);
    expect(rebuilt).toEqual(next);
    expect(next.version).toBe(current.version + 1);
    const named = new Set([...Object.keys(event), 'version', 'updatedAt', 'operationalStatus', 'retiredAt']);
    for (const field of Object.keys({ ...current, ...next })) {
      if (!named.has(field) && field !== 'attributes') expect(next[field as keyof ConfigurationItem]).toEqual(current[field as keyof ConfigurationItem]);
    }
    const givenAttributes = event.type === 'update' ? (event.attributes ?? {}) : {};
    for (const name of Object.keys({ ...current.attributes, ...next.attributes })) {
      if (!(name in givenAttributes)) expect(next.attributes[name]).toEqual(current.attributes[name]);
    }
    versions.push(next);
  }
});

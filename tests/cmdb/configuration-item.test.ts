import { describe, expect, it } from 'vitest';
import { defineCiClasses, safeValidateConfigurationItem, validateConfigurationItem } from '../../src/cmdb/index';
import { thrown } from '../support';
import { catalogue, ci } from './support';

const issuesOf = (run: () => unknown): [string, string][] =>
  (thrown(run) as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => [i.path.join('.'), i.message]);

describe('configuration items', () => {
  it('accepts an item whose attributes follow its class and the classes it extends, and freezes it', () => {
    const vm = ci('vm-1', 'virtual_machine', {
      attributes: { hypervisor: 'kvm', cpu_count: 4, memory_gb: 15.5, host_name: 'vm-1.acme.example', ip_address: '10.0.0.7', installed_at: '2026-01-05T09:00:00.000Z' },
      supportGroup: { kind: 'group', id: 'unix-ops' },
      maintenanceCalendarId: 'sunday-night',
      serviceCalendarId: 'always',
    });
    const checked = validateConfigurationItem(catalogue, vm);
    expect(checked).toEqual(vm);
    expect(Object.isFrozen(checked.attributes)).toBe(true);
  });

  it('names each bad attribute by its path', () => {
    const server = ci('srv', 'server', {
      attributes: { cpu_count: 0, memory_gb: 'lots', host_name: 'bad host', installed_at: 'yesterday', colour: 'red' },
    });
    expect(issuesOf(() => validateConfigurationItem(catalogue, server))).toEqual([
      ['attributes.colour', 'is not an attribute of class server'],
      ['attributes.installed_at', 'must be an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z'],
      ['attributes.host_name', 'does not have the required form'],
      ['attributes.cpu_count', 'must be at least 1'],
      ['attributes.memory_gb', 'must be a number'],
    ]);
  });

  it('checks every kind of attribute a class can declare', () => {
    const custom = defineCiClasses([
      {
        name: 'appliance',
        extends: 'configuration_item',
        attributes: {
          tag: { kind: 'string', maxLength: 3, required: true },
          ports: { kind: 'integer', max: 48 },
          load: { kind: 'number', max: 1 },
          managed: { kind: 'boolean' },
          tier: { kind: 'enum', values: ['gold', 'silver'] },
          rack: { kind: 'reference', ciClass: 'storage' },
        },
      },
    ]);
    const bad = ci('x', 'appliance', { attributes: { ports: 2.5, load: 2, managed: 'yes', tier: 'bronze', rack: 42 } });
    expect(issuesOf(() => validateConfigurationItem(custom, bad))).toEqual([
      ['attributes.tag', 'is required'],
      ['attributes.ports', 'must be a whole number'],
      ['attributes.load', 'must be at most 1'],
      ['attributes.managed', 'must be true or false'],
      ['attributes.tier', 'must be one of gold, silver'],
      ['attributes.rack', 'must be the id of a storage'],
    ]);
    expect(issuesOf(() => validateConfigurationItem(custom, ci('x', 'appliance', { attributes: { tag: 'long', ports: 64 } })))).toEqual([
      ['attributes.tag', 'must be at most 3 characters'],
      ['attributes.ports', 'must be at most 48'],
    ]);
  });

  it('checks a value against a pattern that would backtrack for ages without hanging', () => {
    // `(\w+\s?)*$` is the classic: a backtracking engine tries every way of splitting the
    // words before it gives up on the `!`.
    const custom = defineCiClasses([{ name: 'appliance', extends: 'configuration_item', attributes: { motto: { kind: 'string', pattern: '(\\w+\\s?)*' } } }]);
    const motto = `${'word '.repeat(10_000)}!`;
    expect(issuesOf(() => validateConfigurationItem(custom, ci('x', 'appliance', { attributes: { motto } })))).toEqual([['attributes.motto', 'does not have the required form']]);
    expect(validateConfigurationItem(custom, ci('x', 'appliance', { attributes: { motto: motto.slice(0, -1) } })).attributes).toEqual({ motto: motto.slice(0, -1) });
  });

  it('names a value whose class has a pattern it cannot check, as from a catalogue of another copy of the library', () => {
    const custom = defineCiClasses([{ name: 'appliance', extends: 'configuration_item', attributes: { motto: { kind: 'string', pattern: 'a' } } }]);
    // A catalogue of an older copy, found through the shared brand, may hold a lookahead.
    const key = Symbol.for('itsm-kit.cmdb.catalogue');
    const compiled = (custom as unknown as Record<symbol, { classes: Map<string, { attributes: Map<string, { attribute: object }> }> }>)[key]!;
    const classes = new Map(
      [...compiled.classes].map(([name, of]) => [
        name,
        { ...of, attributes: new Map([...of.attributes].map(([attr, entry]) => [attr, attr === 'motto' ? { ...entry, attribute: { ...entry.attribute, pattern: '(?=a)a' } } : entry])) },
      ]),
    );
    const foreign = Object.defineProperty<typeof custom>({ ...custom }, key, { value: { ...compiled, classes } });
    const result = safeValidateConfigurationItem(foreign, ci('x', 'appliance', { attributes: { motto: 'a' } }));
    expect(result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['attributes.motto', 'cannot be checked: the pattern of its class must not use lookahead or lookbehind ((?=, (?!, (?<=, (?<!): they cannot be checked in time proportional to the answer'],
    ]);
  });

  it('takes camelCase attribute names, as another CMDB may have them', () => {
    const custom = defineCiClasses([{ name: 'blade', extends: 'server', attributes: { slotCount: { kind: 'integer', min: 1 } } }]);
    expect(issuesOf(() => validateConfigurationItem(custom, ci('b', 'blade', { attributes: { slotCount: 0 } })))).toEqual([['attributes.slotCount', 'must be at least 1']]);
    expect(issuesOf(() => validateConfigurationItem(custom, ci('b', 'blade', { attributes: { 'slot count': 1 } })))).toEqual([['attributes.slot count', 'must be an identifier such as cpu_count or cpuCount']]);
  });

  it('checks references against the items given: present, of this tenant, of the class or a subclass', () => {
    const custom = defineCiClasses([{ name: 'vm_backup', extends: 'configuration_item', attributes: { of: { kind: 'reference', ciClass: 'server', required: true } } }]);
    const vm = ci('vm-1', 'virtual_machine');
    const db = ci('db-1', 'database');
    const foreign = { ...ci('srv-9', 'server'), tenantId: 'other' };
    const backup = (of: string) => ci('b', 'vm_backup', { attributes: { of } });
    expect(validateConfigurationItem(custom, backup('vm-1'), { items: [vm, db] }).attributes).toEqual({ of: 'vm-1' });
    expect(validateConfigurationItem(custom, backup('vm-1'), { items: new Map([['vm-1', vm]]) }).attributes).toEqual({ of: 'vm-1' });
    expect(issuesOf(() => validateConfigurationItem(custom, backup('db-1'), { items: [vm, db] }))).toEqual([['attributes.of', 'must be the id of a server, not of a database']]);
    expect(issuesOf(() => validateConfigurationItem(custom, backup('srv-9'), { items: [foreign] }))).toEqual([
      ['attributes.of', 'must be the id of a server of this tenant; there is no item srv-9'],
    ]);
    expect(validateConfigurationItem(custom, backup('anything')).attributes).toEqual({ of: 'anything' });
  });

  it('refuses an unknown or abstract class, and inconsistent record fields', () => {
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'mainframe')))).toEqual([['className', 'is not a class of the catalogue']]);
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'configuration_item')))).toEqual([['className', 'is an abstract class; choose one of its subclasses']]);
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'server', { operationalStatus: 'retired', supportGroup: { kind: 'user', id: 'bob' } })))).toEqual([
      ['supportGroup.kind', 'must be a group'],
      ['retiredAt', 'is required once the item is retired'],
    ]);
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'server', { retiredAt: '2026-11-23T08:00:00.000Z' })))).toEqual([['retiredAt', 'must be absent while the item is operational']]);
    expect(validateConfigurationItem(catalogue, ci('x', 'server', { operationalStatus: 'retired', retiredAt: '2026-11-23T08:00:00.000Z' })).operationalStatus).toBe('retired');
  });

  it('refuses a catalogue or options that are not one', () => {
    expect(issuesOf(() => validateConfigurationItem({ classes: [], relationshipTypes: [] }, ci('x', 'server')))).toEqual([['catalogue', 'must be a catalogue made by defineCiClasses()']]);
    const result = safeValidateConfigurationItem(catalogue, ci('x', 'server'), { items: 'all' });
    expect(result.success ? [] : result.error.issues.map((i) => i.path)).toEqual([['options', 'items']]);
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'server'), { items: [null] } as never))).toEqual([['options.items.0', 'must be a configuration item']]);
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'server'), { limit: 1 } as never))).toEqual([['options.limit', 'is not a known field']]);
    expect(issuesOf(() => validateConfigurationItem(catalogue, ci('x', 'server'), 'none' as never))).toEqual([['options', 'must be an object']]);
  });
});

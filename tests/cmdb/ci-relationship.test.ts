import { describe, expect, it } from 'vitest';
import { safeValidateCiRelationship, validateCiRelationship } from '../../src/cmdb/index';
import { thrown } from '../support';
import { catalogue, ci, rel } from './support';

const items = [
  ci('shop', 'business_service'),
  ci('app', 'application'),
  ci('db', 'database'),
  ci('srv', 'server'),
  ci('vm', 'virtual_machine'),
  ci('cl', 'cluster'),
  ci('sw', 'network_device'),
  ci('old', 'server', { operationalStatus: 'retired', retiredAt: '2026-11-01T00:00:00.000Z' }),
  { ...ci('theirs', 'server'), tenantId: 'other' },
];
const existing = [rel('app', 'depends_on', 'db'), rel('sw', 'connects_to', 'srv')];
const context = { items, relationships: existing };

const issuesOf = (run: () => unknown): [string, string][] =>
  (thrown(run) as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => [i.path.join('.'), i.message]);

describe('CI relationships', () => {
  it.each([
    ['an application running on a virtual machine, a server by inheritance', rel('app', 'runs_on', 'vm')],
    ['a virtual machine running on a cluster', rel('vm', 'runs_on', 'cl')],
    ['a server in a cluster', rel('srv', 'member_of', 'cl')],
    ['a service depending on an application', rel('shop', 'depends_on', 'app')],
    ['a symmetric link given either way round', rel('db', 'connects_to', 'sw')],
    ['the inverse direction of an existing dependency', rel('db', 'depends_on', 'app')],
  ])('accepts %s', (_name, relationship) => {
    expect(validateCiRelationship(catalogue, relationship, context)).toEqual(relationship);
  });

  it.each<[string, ReturnType<typeof rel>, [string, string][]]>([
    ['a self-loop', rel('srv', 'depends_on', 'srv'), [['targetId', 'is the source itself; a relationship joins two different items (self-loop)']]],
    ['a duplicate', { ...rel('app', 'depends_on', 'db'), id: 'again' }, [['', 'repeats relationship app-depends_on-db: app depends_on db exists already (duplicate)']]],
    ['a symmetric duplicate given the other way round', rel('srv', 'connects_to', 'sw'), [['', 'repeats relationship sw-connects_to-srv: sw connects_to srv exists already (duplicate)']]],
    ['a relationship id already taken', { ...rel('shop', 'depends_on', 'db'), id: 'app-depends_on-db' }, [['id', 'is already the id of another relationship (duplicate id)']]],
    [
      'a disallowed class pair',
      rel('db', 'runs_on', 'app'),
      [['type', 'may not join a database to a application (class pair not allowed; runs_on allows application → server, application → cluster, database → server, database → cluster, virtual_machine → server, virtual_machine → cluster)']],
    ],
    ['a physical server running on a server', rel('srv', 'runs_on', 'vm'), [['type', expect.stringContaining('may not join a server to a virtual_machine')]]],
    ['an unknown item', rel('app', 'depends_on', 'ghost'), [['targetId', 'is not a configuration item of tenant acme (unknown item)']]],
    ['an item of another tenant', rel('app', 'depends_on', 'theirs'), [['targetId', 'is not a configuration item of tenant acme (unknown item)']]],
    ['a retired item', rel('app', 'runs_on', 'old'), [['targetId', 'is retired; a retired item takes no new relationships (retired item)']]],
    ['an unknown type', rel('app', 'likes', 'db'), [['type', 'is not a relationship type of the catalogue (unknown type)']]],
  ])('refuses %s, saying which rule', (_name, relationship, issues) => {
    expect(issuesOf(() => validateCiRelationship(catalogue, relationship, context))).toEqual(issues);
  });

  it('reads items from a Map too, and refuses a context that is not one', () => {
    expect(validateCiRelationship(catalogue, rel('shop', 'depends_on', 'app'), { items: new Map(items.map((item) => [item.id, item])), relationships: [] }).id).toBe('shop-depends_on-app');
    const paths = (value: unknown) => {
      const result = safeValidateCiRelationship(catalogue, rel('shop', 'depends_on', 'app'), value);
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths(null)).toEqual(['context']);
    expect(paths({ items: 'all', relationships: [] })).toEqual(['context.items']);
    expect(paths({ items: [{ id: 'x' }], relationships: [] })).toEqual(['context.items.0']);
    expect(paths({ items, relationships: {} })).toEqual(['context.relationships']);
    expect(paths({ items, relationships: [{ id: 1 }] })).toEqual(['context.relationships.0']);
    expect(paths({ get items(): never { throw new Error('boom'); }, relationships: [] })).toEqual(['']);
    const throwing = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(paths({ items: [throwing], relationships: [] })).toEqual(['context.items.0']);
  });
});

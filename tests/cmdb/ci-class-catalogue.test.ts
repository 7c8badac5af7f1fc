import { describe, expect, it } from 'vitest';
import { cmdbJsonSchema, DEFAULT_CI_CLASSES, DEFAULT_CI_RELATIONSHIP_TYPES, defineCiClasses, safeDefineCiClasses } from '../../src/cmdb/index';
import { thrown } from '../support';

const issuesOf = (run: () => unknown): [string, string][] =>
  (thrown(run) as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => [i.path.join('.'), i.message]);

describe('CI class catalogues', () => {
  it('starts from the built-in classes and relationship types, with defaults filled in and frozen', () => {
    const catalogue = defineCiClasses([]);
    expect(catalogue.classes.map((c) => c.name)).toEqual(DEFAULT_CI_CLASSES.map((c) => c.name));
    expect(catalogue.classes.map((c) => c.name)).toEqual(
      expect.arrayContaining(['business_service', 'application', 'server', 'virtual_machine', 'database', 'network_device', 'cluster', 'storage']),
    );
    expect(catalogue.relationshipTypes.map((t) => [t.name, t.inverseName])).toEqual(DEFAULT_CI_RELATIONSHIP_TYPES.map((t) => [t.name, t.inverseName]));
    expect(catalogue.relationshipTypes.find((t) => t.name === 'depends_on')?.redundancyMembers).toBe(false);
    expect(Object.isFrozen(catalogue)).toBe(true);
    expect(Object.isFrozen(catalogue.classes[1]?.attributes)).toBe(true);
  });

  it('adds the host classes after the built-in ones, and replaces a built-in class of the same name', () => {
    const catalogue = defineCiClasses([
      { name: 'container', extends: 'virtual_machine', attributes: { image: { kind: 'string', required: true } } },
      { name: 'storage', extends: 'configuration_item', label: 'SAN', attributes: { vendor: { kind: 'string' } } },
    ]);
    expect(catalogue.classes.at(-1)?.name).toBe('container');
    expect(catalogue.classes.find((c) => c.name === 'storage')).toEqual({ name: 'storage', extends: 'configuration_item', label: 'SAN', abstract: false, attributes: { vendor: { kind: 'string', required: false } } });
  });

  it('can leave the built-ins out', () => {
    const catalogue = defineCiClasses([{ name: 'thing' }], {
      includeDefaults: false,
      relationshipTypes: [{ name: 'needs', inverseName: 'needed_by', allowed: [{ source: 'thing', target: 'thing' }], impact: 'target_to_source' }],
    });
    expect(catalogue.classes.map((c) => c.name)).toEqual(['thing']);
    expect(catalogue.relationshipTypes.map((t) => t.name)).toEqual(['needs']);
  });

  it.each<[string, unknown[], object, [string, string][]]>([
    ['two classes of one name', [{ name: 'pod' }, { name: 'pod' }], {}, [['1.name', 'duplicates the name of [0]']]],
    ['a parent that does not exist', [{ name: 'pod', extends: 'container' }], {}, [['0.extends', 'is not a class of the catalogue']]],
    ['a class that extends itself', [{ name: 'pod', extends: 'pod' }], {}, [['0.extends', 'makes a cycle: pod would extend itself']]],
    ['a cycle through two classes', [{ name: 'a', extends: 'b' }, { name: 'b', extends: 'a' }], {}, [['1.extends', 'makes a cycle: b would extend itself']]],
    [
      'an inherited attribute declared again',
      [{ name: 'pod', extends: 'server', attributes: { cpu_count: { kind: 'number' } } }],
      {},
      [['0.attributes.cpu_count', 'is inherited from server; a subclass may not declare it again']],
    ],
    ['a reference to an unknown class', [{ name: 'pod', attributes: { node: { kind: 'reference', ciClass: 'node' } } }], {}, [['0.attributes.node.ciClass', 'is not a class of the catalogue']]],
    ['an attribute with min above max', [{ name: 'pod', attributes: { size: { kind: 'integer', min: 3, max: 1 } } }], {}, [['0.attributes.size.max', 'must not be less than min']]],
    ['a bad pattern', [{ name: 'pod', attributes: { tag: { kind: 'string', pattern: '(' } } }], {}, [['0.attributes.tag.pattern', 'is not a valid regular expression']]],
    ['a pattern with a backreference', [{ name: 'pod', attributes: { tag: { kind: 'string', pattern: '(\\w)\\1' } } }], {}, [['0.attributes.tag.pattern', 'must not use backreferences (\\1, \\k<name>): they cannot be checked in time proportional to the answer']]],
    ['a pattern with a lookbehind', [{ name: 'pod', attributes: { tag: { kind: 'string', pattern: '.*(?<!-)' } } }], {}, [['0.attributes.tag.pattern', 'must not use lookahead or lookbehind ((?=, (?!, (?<=, (?<!): they cannot be checked in time proportional to the answer']]],
    ['an enum value listed twice', [{ name: 'pod', attributes: { tier: { kind: 'enum', values: ['a', 'a'] } } }], {}, [['0.attributes.tier.values', 'must not list a value twice']]],
    [
      'a relationship type whose inverse is taken',
      [],
      { relationshipTypes: [{ name: 'feeds', inverseName: 'used_by', allowed: [{ source: 'server', target: 'server' }], impact: 'none' }] },
      [['relationshipTypes.0.inverseName', 'is already used by the relationship type depends_on']],
    ],
    [
      'a relationship type naming an unknown class',
      [],
      { relationshipTypes: [{ name: 'feeds', inverseName: 'fed_by', allowed: [{ source: 'pump', target: 'server' }], impact: 'none' }] },
      [['relationshipTypes.0.allowed.0.source', 'is not a class of the catalogue']],
    ],
    [
      'a symmetric type that carries impact one way',
      [],
      { relationshipTypes: [{ name: 'peers', inverseName: 'peers', allowed: [{ source: 'server', target: 'server' }], impact: 'target_to_source' }] },
      [['relationshipTypes.0.impact', 'must be both or none for a symmetric type, whose ends are interchangeable']],
    ],
    [
      'redundancy members on a type that carries no impact',
      [],
      { relationshipTypes: [{ name: 'peers', inverseName: 'peered', allowed: [{ source: 'server', target: 'server' }], impact: 'none', redundancyMembers: true }] },
      [['relationshipTypes.0.redundancyMembers', 'needs an impact of source_to_target or target_to_source: a member must be at one end']],
    ],
    [
      'a host class that breaks a built-in one',
      [{ name: 'server', extends: 'configuration_item', attributes: { hypervisor: { kind: 'string' } } }],
      {},
      [['defaults.virtual_machine.attributes.hypervisor', 'is inherited from server; a subclass may not declare it again']],
    ],
  ])('refuses %s, naming the path', (_name, classes, options, issues) => {
    expect(issuesOf(() => defineCiClasses(classes as never, options))).toEqual(issues);
  });

  it('refuses options and classes that are not data', () => {
    expect(issuesOf(() => defineCiClasses({} as never))).toEqual([['', 'Invalid input: expected array, received object']]);
    expect(issuesOf(() => defineCiClasses([], { colour: 'red' } as never))).toEqual([['colour', 'is not a known field']]);
    expect(safeDefineCiClasses([], undefined).success).toBe(true);
  });
});

describe('CMDB JSON Schemas', () => {
  it('describes each shape, and refuses an unknown one', () => {
    const record = cmdbJsonSchema() as { type: string; required: string[] };
    expect(record.type).toBe('object');
    expect(record.required).toEqual(expect.arrayContaining(['tenantId', 'version', 'className', 'attributes', 'operationalStatus']));
    expect(cmdbJsonSchema('relationship')).toMatchObject({ required: ['tenantId', 'id', 'type', 'sourceId', 'targetId'] });
    for (const of of ['ciClass', 'relationshipType', 'catalogueOptions', 'outage', 'impactOptions'] as const) expect(cmdbJsonSchema(of)).toHaveProperty('type', 'object');
    expect(() => cmdbJsonSchema('incident' as never)).toThrow(/of: must be one of configurationItem, relationship/);
  });
});

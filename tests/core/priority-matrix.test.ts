import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_MATRIX } from '../../src/core/default-priority-matrix';
import { priorityFor } from '../../src/core/priority-for';
import { definePriorityMatrix, safeDefinePriorityMatrix, type PriorityMatrix } from '../../src/core/priority-matrix';
import { impactLabel, priorityLabel, urgencyLabel } from '../../src/core/priority-matrix-labels';
import { priorityMatrixJsonSchema, type PriorityMatrixDefinition } from '../../src/core/priority-matrix.schema';
import { ValidationError, type IssuePath, type ValidationIssue } from '../../src/core/validation-error';
import { thrown } from '../support';

/** A fresh, mutable copy of the default definition, to break in one place per test. */
const itil = (): PriorityMatrixDefinition => structuredClone(DEFAULT_PRIORITY_MATRIX.definition) as PriorityMatrixDefinition;

/** The validation error safeDefinePriorityMatrix reports for `input`; fails the test if it accepts it. */
function rejection(input: unknown): ValidationError {
  const result = safeDefinePriorityMatrix(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.error;
}

const paths = (error: ValidationError): IssuePath[] => error.issues.map((found) => found.path);

/** What `run` throws; fails the test when it does not throw. */

/** The issues of the ValidationError `run` throws; fails the test for any other outcome. */
function argumentIssues(run: () => unknown): readonly ValidationIssue[] {
  const error = thrown(run);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).not.toBeInstanceOf(TypeError);
  return (error as ValidationError).issues;
}

describe('DEFAULT_PRIORITY_MATRIX', () => {
  it.each([
    [1, 1, 1, 'Critical'],
    [1, 2, 2, 'High'],
    [1, 3, 3, 'Moderate'],
    [2, 1, 2, 'High'],
    [2, 2, 3, 'Moderate'],
    [2, 3, 4, 'Low'],
    [3, 1, 3, 'Moderate'],
    [3, 2, 4, 'Low'],
    [3, 3, 5, 'Planning'],
  ])('gives impact %i × urgency %i priority %i (%s)', (impact, urgency, priority, label) => {
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
    expect(priorityLabel(DEFAULT_PRIORITY_MATRIX, priority)).toBe(label);
  });

  it('lists impact and urgency 1 High, 2 Medium, 3 Low and priorities P1 Critical to P5 Planning', () => {
    const axis = [
      { value: 1, label: 'High' },
      { value: 2, label: 'Medium' },
      { value: 3, label: 'Low' },
    ];
    expect(DEFAULT_PRIORITY_MATRIX.impacts).toEqual(axis);
    expect(DEFAULT_PRIORITY_MATRIX.urgencies).toEqual(axis);
    expect(DEFAULT_PRIORITY_MATRIX.priorities).toEqual([
      { value: 1, label: 'Critical' },
      { value: 2, label: 'High' },
      { value: 3, label: 'Moderate' },
      { value: 4, label: 'Low' },
      { value: 5, label: 'Planning' },
    ]);
    expect(DEFAULT_PRIORITY_MATRIX.definition.cells).toHaveLength(9);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX.definition)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX.impacts)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX.priorities[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX.definition.cells)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRIORITY_MATRIX.definition.cells[0])).toBe(true);
    expect(() => {
      (DEFAULT_PRIORITY_MATRIX.definition.cells[0] as { priority: number }).priority = 5;
    }).toThrow(TypeError);
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, 1, 1)).toBe(1);
  });

  it('is the data a vendor copies: its definition defines an equal matrix, and a variant of it', () => {
    const copy = definePriorityMatrix(DEFAULT_PRIORITY_MATRIX.definition);
    expect(copy.definition).toEqual(DEFAULT_PRIORITY_MATRIX.definition);
    const variant = definePriorityMatrix({
      ...DEFAULT_PRIORITY_MATRIX.definition,
      cells: DEFAULT_PRIORITY_MATRIX.definition.cells.map((cell) => (cell.impact === 3 && cell.urgency === 3 ? { ...cell, priority: 4 } : cell)),
    });
    expect(priorityFor(variant, 3, 3)).toBe(4);
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, 3, 3)).toBe(5);
  });
});

describe('a custom 4 × 4 matrix', () => {
  const levels = (...labels: string[]) => labels.map((label, index) => ({ value: index + 1, label }));
  // Rows are impacts 1–4, columns urgencies 1–4.
  const grid = [
    [1, 1, 2, 3],
    [1, 2, 3, 3],
    [2, 3, 3, 4],
    [3, 3, 4, 4],
  ];
  const definition: PriorityMatrixDefinition = {
    impacts: levels('Extensive', 'Significant', 'Moderate', 'Minor'),
    urgencies: levels('Critical', 'High', 'Medium', 'Low'),
    priorities: levels('P1 Urgent', 'P2 High', 'P3 Normal', 'P4 Low'),
    // Listed column by column, backwards: the order of cells does not matter.
    cells: [4, 3, 2, 1].flatMap((urgency) => [4, 3, 2, 1].map((impact) => ({ impact, urgency, priority: grid[impact - 1]![urgency - 1]! }))),
  };
  const matrix = definePriorityMatrix(definition);

  it.each(grid.flatMap((row, i) => row.map((priority, u) => [i + 1, u + 1, priority] as const)))(
    'gives impact %i × urgency %i priority %i',
    (impact, urgency, priority) => {
      expect(priorityFor(matrix, impact, urgency)).toBe(priority);
    },
  );

  it('keeps its levels in the order given, with their labels', () => {
    expect(matrix.impacts.map((level) => level.label)).toEqual(['Extensive', 'Significant', 'Moderate', 'Minor']);
    expect(impactLabel(matrix, 4)).toBe('Minor');
    expect(urgencyLabel(matrix, 1)).toBe('Critical');
    expect(priorityLabel(matrix, priorityFor(matrix, 1, 4))).toBe('P3 Normal');
  });

  it('rejects the default matrix’s levels it does not have', () => {
    expect(argumentIssues(() => priorityFor(matrix, 5, 1)).map((found) => found.path)).toEqual([['impact']]);
    expect(argumentIssues(() => priorityLabel(matrix, 5))).toEqual([
      { path: ['priority'], message: 'must be one of the matrix’s priority values: 1 (P1 Urgent), 2 (P2 High), 3 (P3 Normal), 4 (P4 Low)', value: 5 },
    ]);
  });
});

describe('other shapes', () => {
  it('allows a non-square matrix, any whole values from 0, and priorities no cell uses', () => {
    const matrix = definePriorityMatrix({
      impacts: [
        { value: 0, label: 'Company-wide' },
        { value: 10, label: 'Team' },
      ],
      urgencies: [
        { value: 3, label: 'Now' },
        { value: 2, label: 'Today' },
        { value: 1, label: 'This week' },
      ],
      priorities: [
        { value: 0, label: 'P0' },
        { value: 1, label: 'P1' },
        { value: 2, label: 'P2' },
        { value: 9, label: 'Backlog' },
      ],
      cells: [
        { impact: 0, urgency: 3, priority: 0 },
        { impact: 0, urgency: 2, priority: 0 },
        { impact: 0, urgency: 1, priority: 1 },
        { impact: 10, urgency: 3, priority: 1 },
        { impact: 10, urgency: 2, priority: 2 },
        { impact: 10, urgency: 1, priority: 2 },
      ],
    });
    expect(priorityFor(matrix, 0, 3)).toBe(0);
    expect(priorityFor(matrix, 10, 1)).toBe(2);
    expect(priorityLabel(matrix, 9)).toBe('Backlog');
  });

  it('allows a 1 × 1 matrix', () => {
    const one = [{ value: 1, label: 'Only' }];
    const matrix = definePriorityMatrix({ impacts: one, urgencies: one, priorities: one, cells: [{ impact: 1, urgency: 1, priority: 1 }] });
    expect(priorityFor(matrix, 1, 1)).toBe(1);
  });

  it('allows 20 levels on an axis, 20 × 20 cells', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => ({ value: index + 1, label: `L${index + 1}` }));
    const cells = twenty.flatMap((impact) => twenty.map((urgency) => ({ impact: impact.value, urgency: urgency.value, priority: 1 })));
    const matrix = definePriorityMatrix({ impacts: twenty, urgencies: twenty, priorities: twenty, cells });
    expect(priorityFor(matrix, 20, 20)).toBe(1);
  });
});

describe('definePriorityMatrix rejects', () => {
  const withImpacts = (extra: PriorityMatrixDefinition['impacts']) => {
    const definition = itil();
    definition.impacts.push(...extra);
    return definition;
  };
  const withUrgencies = (extra: PriorityMatrixDefinition['urgencies']) => {
    const definition = itil();
    definition.urgencies.push(...extra);
    return definition;
  };
  const withPriorities = (extra: PriorityMatrixDefinition['priorities']) => {
    const definition = itil();
    definition.priorities.push(...extra);
    return definition;
  };
  const withCells = (change: (cells: PriorityMatrixDefinition['cells']) => void) => {
    const definition = itil();
    change(definition.cells);
    return definition;
  };
  const withKey = (key: string, value: unknown) => ({ ...itil(), [key]: value });

  it.each<[string, unknown, IssuePath[]]>([
    ['a duplicated impact value', withImpacts([{ value: 1, label: 'Also high' }]), [['impacts', 3, 'value']]],
    ['a duplicated urgency value', withUrgencies([{ value: 2, label: 'Middling' }]), [['urgencies', 3, 'value']]],
    ['a duplicated priority value', withPriorities([{ value: 5, label: 'Someday' }]), [['priorities', 5, 'value']]],
    ['a duplicated priority label', withPriorities([{ value: 6, label: 'Low' }]), [['priorities', 5, 'label']]],
    ['a cell naming an impact not listed', withCells((cells) => cells.push({ impact: 4, urgency: 1, priority: 1 })), [['cells', 9, 'impact']]],
    ['a cell naming an urgency not listed', withCells((cells) => cells.push({ impact: 1, urgency: 0, priority: 1 })), [['cells', 9, 'urgency']]],
    ['a cell naming a priority not listed', withCells((cells) => (cells[4]!.priority = 6)), [['cells', 4, 'priority']]],
    ['a missing combination', withCells((cells) => cells.splice(5, 1)), [['cells']]],
    ['a duplicated combination', withCells((cells) => cells.push({ impact: 2, urgency: 2, priority: 3 })), [['cells', 9]]],
    ['a duplicated combination, even with another priority', withCells((cells) => cells.unshift({ impact: 3, urgency: 3, priority: 1 })), [['cells', 9]]],
    ['no cells', withKey('cells', []), Array.from({ length: 9 }, () => ['cells'])],
    ['an unknown top-level key', withKey('name', 'ITIL'), [['name']]],
    ['a misspelt axis', { ...withKey('impact', itil().impacts), impacts: undefined }, [['impacts'], ['impact']]],
    ['a "__proto__" key from parsed JSON', JSON.parse(`{"__proto__":1,${JSON.stringify(itil()).slice(1)}`) as unknown, [['__proto__']]],
    ['an unknown key in a level', withImpacts([{ value: 4, label: 'Tiny', colour: 'grey' } as never]), [['impacts', 3, 'colour'], ['cells'], ['cells'], ['cells']]],
    ['an unknown key in a cell', withCells((cells) => Object.assign(cells[0]!, { note: 'x' })), [['cells', 0, 'note']]],
    ['a definition that is null', null, [[]]],
    ['a definition that is an array', [], [[]]],
    ['a definition that is a string', 'impact × urgency', [[]]],
    ['impacts that are not a list', withKey('impacts', { 1: 'High' }), [['impacts']]],
    ['a missing cells list', { ...itil(), cells: undefined }, [['cells']]],
    ['a value given as a string', withCells((cells) => Object.assign(cells[2]!, { urgency: '3' })), [['cells', 2, 'urgency']]],
    ['a fractional value', withPriorities([{ value: 5.5, label: 'Between' }]), [['priorities', 5, 'value']]],
    ['a negative value', withPriorities([{ value: -1, label: 'Below' }]), [['priorities', 5, 'value']]],
    ['a value of NaN', withCells((cells) => (cells[0]!.priority = Number.NaN)), [['cells', 0, 'priority']]],
    ['a null priority in a cell', withCells((cells) => Object.assign(cells[3]!, { priority: null })), [['cells', 3, 'priority']]],
    ['a label that is a number', withPriorities([{ value: 6, label: 6 as never }]), [['priorities', 5, 'label']]],
    ['a blank label', withPriorities([{ value: 6, label: '  ' }]), [['priorities', 5, 'label']]],
    ['a label over 100 characters', withPriorities([{ value: 6, label: 'x'.repeat(101) }]), [['priorities', 5, 'label']]],
    ['a level without a label', withPriorities([{ value: 6 } as never]), [['priorities', 5, 'label']]],
    ['no impacts', withKey('impacts', []), [['impacts']]],
    ['no priorities', withKey('priorities', []), [['priorities']]],
    ['more than 400 cells, reported once', withKey('cells', Array.from({ length: 401 }, () => ({ impact: 1, urgency: 1, priority: 1 }))), [['cells']]],
    ['more than 20 urgencies', withKey('urgencies', Array.from({ length: 21 }, (_, v) => ({ value: v, label: `U${v}` }))), [['urgencies']]],
  ])('%s', (_name, input, expected) => {
    const error = rejection(input);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('validation');
    expect(paths(error)).toEqual(expected);
    expect(() => definePriorityMatrix(input as PriorityMatrixDefinition)).toThrow(ValidationError);
  });

  it('says which combination is missing, with its labels', () => {
    const error = rejection(withCells((cells) => cells.splice(5, 1)));
    expect(error.issues).toEqual([{ path: ['cells'], message: 'has no cell for impact 2 (Medium) and urgency 3 (Low)' }]);
    expect(error.message).toBe('Invalid priority matrix definition: cells: has no cell for impact 2 (Medium) and urgency 3 (Low)');
  });

  it('says which cell a duplicated combination repeats', () => {
    expect(rejection(withCells((cells) => cells.push({ impact: 2, urgency: 2, priority: 3 }))).issues).toEqual([
      { path: ['cells', 9], message: 'repeats the impact 2 and urgency 2 of cells[4]: one cell per combination' },
    ]);
  });

  it('says which level a duplicated value repeats, and echoes the value', () => {
    expect(rejection(withImpacts([{ value: 1, label: 'Also high' }])).issues).toEqual([
      { path: ['impacts', 3, 'value'], message: 'duplicates impacts[0].value: each impact needs its own value', value: 1 },
    ]);
  });

  it('lists the values a cell may name', () => {
    expect(rejection(withCells((cells) => (cells[4]!.priority = 6))).issues).toEqual([
      { path: ['cells', 4, 'priority'], message: 'is not a value listed in priorities (1, 2, 3, 4, 5)', value: 6 },
    ]);
  });

  it('reports both the unlisted level and the combination it leaves without a cell', () => {
    const error = rejection(withCells((cells) => (cells[8]!.urgency = 4)));
    expect(error.issues).toEqual([
      { path: ['cells', 8, 'urgency'], message: 'is not a value listed in urgencies (1, 2, 3)', value: 4 },
      { path: ['cells'], message: 'has no cell for impact 3 (Low) and urgency 3 (Low)' },
    ]);
  });

  it('reports every problem at once', () => {
    const definition = withCells((cells) => {
      cells[0]!.impact = 9;
      cells.push({ impact: 1, urgency: 2, priority: 2 });
    });
    definition.priorities[4]!.label = '';
    const error = rejection({ ...definition, version: 2 });
    expect(paths(error)).toEqual([['priorities', 4, 'label'], ['version'], ['cells', 0, 'impact'], ['cells', 9], ['cells']]);
    expect(error.message.split('\n')).toHaveLength(6);
  });
});

describe('the matrix value', () => {
  it('is frozen, and not changed by later edits to the object it was defined from, which stays unfrozen', () => {
    const input = itil();
    const matrix = definePriorityMatrix(input);
    expect(Object.isFrozen(matrix)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.cells[0])).toBe(false);
    input.cells[0]!.priority = 5;
    input.priorities[0]!.label = 'Changed';
    expect(priorityFor(matrix, 1, 1)).toBe(1);
    expect(priorityLabel(matrix, 1)).toBe('Critical');
    expect(() => {
      (matrix as { impacts: unknown }).impacts = [];
    }).toThrow(TypeError);
  });

  it('serialises to its definition, which defines it again', () => {
    const json: unknown = JSON.parse(JSON.stringify(DEFAULT_PRIORITY_MATRIX));
    expect(json).toEqual(itil());
    const again = definePriorityMatrix(json as PriorityMatrixDefinition);
    expect(priorityFor(again, 2, 3)).toBe(4);
  });
});

describe('priorityFor', () => {
  it.each<[string, unknown, unknown, IssuePath[]]>([
    ['an impact the matrix does not list', 4, 1, [['impact']]],
    ['an urgency the matrix does not list', 1, 0, [['urgency']]],
    ['both', -1, 99, [['impact'], ['urgency']]],
    ['an impact given as a string', '1', 1, [['impact']]],
    ['an urgency of NaN', 1, Number.NaN, [['urgency']]],
    ['a fractional impact', 1.5, 1, [['impact']]],
    ['a missing urgency', 2, undefined, [['urgency']]],
  ])('rejects %s, naming it', (_name, impact, urgency, expected) => {
    const issues = argumentIssues(() => priorityFor(DEFAULT_PRIORITY_MATRIX, impact as number, urgency as number));
    expect(issues.map((found) => found.path)).toEqual(expected);
  });

  it('says which values it accepts', () => {
    const error = thrown(() => priorityFor(DEFAULT_PRIORITY_MATRIX, 4, 1));
    expect(error).toMatchObject({
      code: 'validation',
      message: 'Invalid argument: impact: must be one of the matrix’s impact values: 1 (High), 2 (Medium), 3 (Low)',
      issues: [{ path: ['impact'], value: 4 }],
    });
  });

  it.each<[string, unknown]>([
    ['a plain definition', itil()],
    ['the definition of a matrix', DEFAULT_PRIORITY_MATRIX.definition],
    ['a copy of a matrix', { ...DEFAULT_PRIORITY_MATRIX }],
    ['null', null],
    ['a number', 3],
    ['a revoked proxy', (() => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    })()],
  ])('rejects %s as the matrix, naming matrix', (_name, matrix) => {
    const issues = argumentIssues(() => priorityFor(matrix as PriorityMatrix, 1, 1));
    expect(issues).toEqual([{ path: ['matrix'], message: 'must be a priority matrix made by definePriorityMatrix()' }]);
  });
});

describe('level labels', () => {
  it('give the label of each impact, urgency and priority', () => {
    expect(DEFAULT_PRIORITY_MATRIX.impacts.map((level) => impactLabel(DEFAULT_PRIORITY_MATRIX, level.value))).toEqual(['High', 'Medium', 'Low']);
    expect(DEFAULT_PRIORITY_MATRIX.urgencies.map((level) => urgencyLabel(DEFAULT_PRIORITY_MATRIX, level.value))).toEqual(['High', 'Medium', 'Low']);
    expect([1, 2, 3, 4, 5].map((value) => priorityLabel(DEFAULT_PRIORITY_MATRIX, value))).toEqual(['Critical', 'High', 'Moderate', 'Low', 'Planning']);
  });

  it.each<[string, () => unknown, string]>([
    ['priorityLabel', () => priorityLabel(DEFAULT_PRIORITY_MATRIX, 6), 'priority'],
    ['impactLabel', () => impactLabel(DEFAULT_PRIORITY_MATRIX, 0), 'impact'],
    ['urgencyLabel', () => urgencyLabel(DEFAULT_PRIORITY_MATRIX, '2' as never), 'urgency'],
    ['priorityLabel on a definition', () => priorityLabel(itil() as never, 1), 'matrix'],
  ])('%s rejects a value the matrix does not list, naming the argument', (_name, run, field) => {
    expect(argumentIssues(run).map((found) => found.path)).toEqual([[field]]);
  });
});

describe('priorityMatrixJsonSchema', () => {
  type Schema = {
    $schema?: string;
    type?: string;
    required?: string[];
    additionalProperties?: boolean;
    properties?: Record<string, Schema>;
    items?: Schema;
    minItems?: number;
    maxItems?: number;
    minimum?: number;
  };
  const schema = priorityMatrixJsonSchema() as Schema;

  it('describes a draft 2020-12 object with the three axes and the cells, all required, no other keys', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(['impacts', 'urgencies', 'priorities', 'cells']);
    expect([...(schema.required ?? [])].sort()).toEqual(['cells', 'impacts', 'priorities', 'urgencies']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('requires a whole value from 0 and a label on each level, one to 20 levels per axis', () => {
    for (const axis of ['impacts', 'urgencies', 'priorities']) {
      const list = schema.properties?.[axis];
      expect(list?.minItems).toBe(1);
      expect(list?.maxItems).toBe(20);
      expect([...(list?.items?.required ?? [])].sort()).toEqual(['label', 'value']);
      expect(list?.items?.additionalProperties).toBe(false);
      expect(list?.items?.properties?.value?.type).toBe('integer');
      expect(list?.items?.properties?.value?.minimum).toBe(0);
    }
  });

  it('requires impact, urgency and priority on each cell', () => {
    const cell = schema.properties?.cells?.items;
    expect([...(cell?.required ?? [])].sort()).toEqual(['impact', 'priority', 'urgency']);
    expect(cell?.additionalProperties).toBe(false);
  });

  it('returns a fresh object each call', () => {
    const first = priorityMatrixJsonSchema();
    first.type = 'changed';
    expect(priorityMatrixJsonSchema().type).toBe('object');
  });
});

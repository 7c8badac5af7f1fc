import { describe, expect, it } from 'vitest';
import {
  conditionJsonSchema,
  defineCondition,
  evaluateCondition,
  MAX_CONDITION_DEPTH,
  safeDefineCondition,
  type Condition,
} from '../../src/core/index';
import { thrown } from '../support';

const incident = {
  number: 'INC0001001',
  state: 'on_hold',
  priority: 2,
  onHoldReason: 'awaiting_caller',
  openedAt: '2026-11-23T08:00:00.000Z',
  assignment: { group: 'service-desk', assignee: null },
  major: false,
};

const holds = (condition: Condition, record: object = incident): boolean => evaluateCondition(defineCondition(condition), record);

describe('field conditions', () => {
  it('eq and ne compare strictly', () => {
    expect(holds({ field: 'state', eq: 'on_hold' })).toBe(true);
    expect(holds({ field: 'priority', eq: '2' })).toBe(false);
    expect(holds({ field: 'major', eq: false })).toBe(true);
    expect(holds({ field: 'state', ne: 'new' })).toBe(true);
    expect(holds({ field: 'state', ne: 'on_hold' })).toBe(false);
  });

  it('in and notIn test membership', () => {
    expect(holds({ field: 'state', in: ['new', 'on_hold'] })).toBe(true);
    expect(holds({ field: 'priority', in: [1] })).toBe(false);
    expect(holds({ field: 'priority', notIn: [3, 4, 5] })).toBe(true);
    expect(holds({ field: 'state', in: [] })).toBe(false);
  });

  it('exists treats a missing field and null alike', () => {
    expect(holds({ field: 'onHoldReason', exists: true })).toBe(true);
    expect(holds({ field: 'resolvedAt', exists: false })).toBe(true);
    expect(holds({ field: 'assignment.assignee', exists: false })).toBe(true);
    expect(holds({ field: 'resolvedAt', eq: null })).toBe(true);
    expect(holds({ field: 'resolvedAt', ne: 'x' })).toBe(true);
    expect(holds({ field: 'resolvedAt', in: [null] })).toBe(true);
  });

  it('orders numbers by value and strings by code unit, and never across types', () => {
    expect(holds({ field: 'priority', lte: 2 })).toBe(true);
    expect(holds({ field: 'priority', lt: 2 })).toBe(false);
    expect(holds({ field: 'priority', gt: 1 })).toBe(true);
    expect(holds({ field: 'priority', gte: 3 })).toBe(false);
    expect(holds({ field: 'openedAt', gte: '2026-11-23T00:00:00.000Z' })).toBe(true);
    expect(holds({ field: 'openedAt', lt: '2026-11-01' })).toBe(false);
    expect(holds({ field: 'priority', lt: '3' })).toBe(false);
    expect(holds({ field: 'resolvedAt', lt: 10 })).toBe(false);
  });

  it('reads dotted paths through nested objects, and only own properties', () => {
    expect(holds({ field: 'assignment.group', eq: 'service-desk' })).toBe(true);
    expect(holds({ field: 'assignment.group.name', exists: true })).toBe(false);
    expect(holds({ field: 'constructor', exists: true }, {})).toBe(false);
    expect(holds({ field: 'toString', exists: true }, {})).toBe(false);
  });
});

describe('combinators', () => {
  it('all, any and not combine, with the empty all true and the empty any false', () => {
    expect(holds({ all: [{ field: 'state', eq: 'on_hold' }, { field: 'priority', lte: 2 }] })).toBe(true);
    expect(holds({ all: [{ field: 'state', eq: 'on_hold' }, { field: 'priority', eq: 1 }] })).toBe(false);
    expect(holds({ any: [{ field: 'state', eq: 'new' }, { field: 'priority', eq: 2 }] })).toBe(true);
    expect(holds({ not: { field: 'state', eq: 'on_hold' } })).toBe(false);
    expect(holds({ all: [] })).toBe(true);
    expect(holds({ any: [] })).toBe(false);
    expect(holds({ not: { any: [{ all: [{ field: 'major', eq: true }] }, { field: 'priority', eq: 1 }] } })).toBe(true);
  });

  it('lists the fields it reads', () => {
    const compiled = defineCondition({ any: [{ field: 'state', eq: 'new' }, { not: { field: 'assignment.group', exists: false } }, { field: 'state', ne: 'x' }] });
    expect(compiled.fields).toEqual(['assignment.group', 'state']);
  });
});

describe('validation', () => {
  const pathsOf = (input: unknown, fields?: readonly string[]): (string | number)[][] => {
    const result = safeDefineCondition(input, fields === undefined ? {} : { fields });
    if (result.success) throw new Error('expected a validation error');
    return result.error.issues.map((issue) => [...issue.path]);
  };

  it.each<[string, unknown, (string | number)[][]]>([
    ['a number', 5, [[]]],
    ['an array', [], [[]]],
    ['null', null, [[]]],
    ['an empty object', {}, [[]]],
    ['a field without an operator', { field: 'state' }, [[]]],
    ['two operators', { field: 'state', eq: 'a', ne: 'b' }, [[]]],
    ['an unknown operator', { field: 'state', equals: 'a' }, [['equals'], []]],
    ['a bad field path', { field: 'state..x', eq: 1 }, [['field']]],
    ['a non-string field', { field: 3, eq: 1 }, [['field']]],
    ['an object operand', { field: 'state', eq: { a: 1 } }, [['eq']]],
    ['a NaN operand', { field: 'priority', lt: Number.NaN }, [['lt']]],
    ['a boolean ordering', { field: 'priority', gt: true }, [['gt']]],
    ['in without an array', { field: 'state', in: 'new' }, [['in']]],
    ['a bad item in in', { field: 'state', in: ['new', {}] }, [['in', 1]]],
    ['exists with a string', { field: 'state', exists: 'yes' }, [['exists']]],
    ['all without an array', { all: { field: 'state', eq: 1 } }, [['all']]],
    ['a bad child of any', { any: [{ field: 'state', eq: 1 }, 7] }, [['any', 1]]],
    ['a key beside not', { not: { field: 'state', eq: 1 }, field: 'x' }, [['field']]],
    ['all and any together', { all: [], any: [] }, [['any']]],
    ['a deep bad leaf', { all: [{ not: { any: [{ field: 'x', gt: [] }] } }] }, [['all', 0, 'not', 'any', 0, 'gt']]],
  ])('rejects %s, naming the path', (_name, input, expected) => {
    expect(pathsOf(input)).toEqual(expected);
  });

  it('refuses a field the record does not have, and says which fields it has', () => {
    const result = safeDefineCondition({ all: [{ field: 'state', eq: 'new' }, { field: 'priorty', lte: 2 }] }, { fields: ['state', 'priority'] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toEqual([{ path: ['all', 1, 'field'], message: 'is not a known field (known: priority, state)', value: 'priorty' }]);
    expect(result.error.message).toContain('all[1].field');
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    let deep: unknown = { field: 'state', eq: 'new' };
    for (let level = 0; level < 10_000; level++) deep = { not: deep };
    const result = safeDefineCondition(deep);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues[0]?.message).toContain(`deeper than ${MAX_CONDITION_DEPTH}`);
  });

  it('refuses conditions with more than a thousand parts', () => {
    const wide = { any: Array.from({ length: 2000 }, (_, index) => ({ field: 'priority', eq: index })) };
    const result = safeDefineCondition(wide);
    expect(result.success).toBe(false);
  });

  it('turns a throwing getter into a validation error', () => {
    const hostile = { get field(): string { throw new Error('boom'); }, eq: 1 };
    const result = safeDefineCondition(hostile);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('validation');
  });

  it('names a hole in a list (an entry deleted from an array) as a missing part, and safeDefineCondition returns it', () => {
    const parts = [{ field: 'state', eq: 'new' }, { field: 'state', eq: 'open' }];
    Reflect.deleteProperty(parts, 1);
    for (const combinator of ['all', 'any'] as const) {
      const result = safeDefineCondition({ [combinator]: parts });
      expect(result.success).toBe(false);
      expect(!result.success && result.error.issues.map((found) => found.path)).toEqual([[combinator, 1]]);
    }
    const fields = ['state', 'priority'];
    Reflect.deleteProperty(fields, 1);
    const result = safeDefineCondition({ field: 'state', eq: 'new' }, { fields });
    expect(!result.success && result.error.issues.map((found) => found.path)).toEqual([['fields', 1]]);
  });

  it('defineCondition throws the error safeDefineCondition returns', () => {
    expect(thrown(() => defineCondition({ field: 'state' } as unknown as Condition))).toMatchObject({ code: 'validation', issues: [{ path: [] }] });
  });

  it('evaluateCondition refuses a condition it did not compile, and a record that is not an object', () => {
    expect(thrown(() => evaluateCondition({ condition: { field: 'a', eq: 1 }, fields: ['a'] }, {}))).toMatchObject({ code: 'validation', issues: [{ path: ['condition'] }] });
    expect(thrown(() => evaluateCondition(defineCondition({ field: 'a', eq: 1 }), 'a record'))).toMatchObject({ code: 'validation', issues: [{ path: ['record'] }] });
  });

  it('turns a record that cannot be read into a validation error naming record', () => {
    const compiled = defineCondition({ field: 'state', eq: 'new' });
    const hostile = { get state(): string { throw new Error('boom'); } };
    expect(thrown(() => evaluateCondition(compiled, hostile))).toMatchObject({ code: 'validation', issues: [{ path: ['record'] }] });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(thrown(() => evaluateCondition(compiled, proxy))).toMatchObject({ code: 'validation', issues: [{ path: ['record'] }] });
  });

  it('keeps a frozen copy, unaffected by later edits to the input', () => {
    const input = { field: 'state', in: ['new'] };
    const compiled = defineCondition(input);
    input.in.push('on_hold');
    expect(Object.isFrozen(compiled.condition)).toBe(true);
    expect(compiled.condition).toEqual({ field: 'state', in: ['new'] });
    expect(evaluateCondition(compiled, { state: 'on_hold' })).toBe(false);
  });
});

describe('conditionJsonSchema', () => {
  it('describes every operator and the combinators', () => {
    const schema = JSON.stringify(conditionJsonSchema());
    for (const key of ['eq', 'ne', 'in', 'notIn', 'exists', 'gt', 'gte', 'lt', 'lte', 'all', 'any', 'not']) expect(schema).toContain(`"${key}"`);
  });
});

import { fc, test } from '@fast-check/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conditionSet, defineCondition, evaluateCondition, evaluateConditionAfter, type CompiledCondition } from '../../src/core/condition';
import { generatedPredicate, setCodeGeneration } from '../../src/core/condition-code';
import type { Condition } from '../../src/core/condition.schema';
import { conditionArbitrary } from './condition-arbitrary';

// Conditions run as generated functions where the host allows it, and as closures where it
// does not (a Content Security Policy, some edge runtimes). Both must give the same answer for
// every condition and record, including the corners of the semantics: own properties only,
// undefined read as null, nested paths through non-objects, `previous` paths, long lists.

const FIELDS = ['state', 'priority', 'assignment.group', 'assignment.group.name', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'missing', 'previous.state', 'previous.priority'] as const;
const value = fc.oneof(
  fc.constantFrom('new', 'on_hold', 'a', 'b', '"', '\\', '\u2028', "'); throw 1; ('"),
  fc.integer({ min: -2, max: 5 }),
  fc.constantFrom(0.5, -0),
  fc.boolean(),
  fc.constant(null),
);
const comparable = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', 'new', 'on_hold', ''));

// Up to twelve items in a list: lists over eight are looked up in a Set rather than compared in turn.
const condition = conditionArbitrary({ fields: FIELDS, value, comparable, maxList: 12 });

const fieldValue = fc.oneof(value, fc.constant(undefined), fc.constant(Number.NaN));
/** Own keys that plain objects otherwise inherit, set with defineProperty so `__proto__` stays a key. */
const inheritedNames = fc.subarray(['constructor', '__proto__', 'hasOwnProperty', 'toString']);
const record = fc
  .tuple(
    fc.record(
      {
        state: fieldValue,
        priority: fieldValue,
        assignment: fc.oneof(fc.constant(null), fc.constant('text'), fc.record({ group: fc.oneof(fieldValue, fc.record({ name: fieldValue }, { requiredKeys: [] })) }, { requiredKeys: [] })),
        previous: fc.oneof(fc.constant(undefined), fc.record({ state: fieldValue, priority: fieldValue }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
    inheritedNames,
    value,
  )
  .map(([fields, own, ownValue]) => {
    const made: Record<string, unknown> = { ...fields };
    for (const name of own) Object.defineProperty(made, name, { value: ownValue, enumerable: true });
    return made;
  });
const previous = fc.oneof(fc.constant(undefined), fc.record({ state: fieldValue, priority: fieldValue }, { requiredKeys: [] }));

/** Defines the condition twice: as the host allows (generated), and as a host that forbids it would (closures). */
function bothWays(node: unknown): { generated: CompiledCondition; closures: CompiledCondition } {
  setCodeGeneration(undefined);
  // Or the properties below would compare the closures with themselves.
  expect(generatedPredicate(node as Condition)).toBeDefined();
  const generated = defineCondition(node as Condition);
  setCodeGeneration(false);
  const closures = defineCondition(node as Condition);
  setCodeGeneration(undefined);
  return { generated, closures };
}

afterEach(() => {
  setCodeGeneration(undefined);
  vi.unstubAllGlobals();
});

describe('generated conditions', () => {
  test.prop([condition, record], { numRuns: 1000 })('a generated condition holds exactly when its closures hold', (node, rec) => {
    const { generated, closures } = bothWays(node);
    expect(evaluateCondition(generated, rec)).toBe(evaluateCondition(closures, rec));
  });

  test.prop([condition, record, previous], { numRuns: 500 })('with the version before given apart, a generated condition holds exactly when its closures hold', (node, rec, before) => {
    const { generated, closures } = bothWays(node);
    expect(evaluateConditionAfter(generated, rec, before)).toBe(evaluateConditionAfter(closures, rec, before));
  });

  test.prop([fc.array(fc.option(condition, { nil: undefined }), { maxLength: 6 }), record, previous], { numRuns: 500 })(
    'bit i of a condition set is set exactly when condition i holds, generated or not',
    (nodes, rec, before) => {
      const defined = nodes.map((node) => (node === undefined ? undefined : bothWays(node)));
      const expected = defined.reduce((bits, both, index) => (both !== undefined && evaluateConditionAfter(both.closures, rec, before) ? bits | (2 ** index) : bits), 0);
      setCodeGeneration(undefined);
      expect(conditionSet(defined.map((both) => both?.generated))(rec, before)).toBe(expected);
      setCodeGeneration(false);
      expect(conditionSet(defined.map((both) => both?.closures))(rec, before)).toBe(expected);
    },
  );

  it('compares operands as values, never as code: quotes, backslashes and line separators included', () => {
    for (const text of ['"', "'", '\\', '\u2028', '\u2029', '`${1}`', "'); throw new Error('x'); ('", '*/ throw 1; /*']) {
      const condition = defineCondition({ any: [{ field: 'state', eq: text }, { field: 'state', in: [text, 'x'] }] });
      expect(evaluateCondition(condition, { state: text })).toBe(true);
      expect(evaluateCondition(condition, { state: `${text} ` })).toBe(false);
    }
  });

  it('falls back to closures where the host refuses to build functions from text', () => {
    // A Content Security Policy without 'unsafe-eval' makes `new Function` throw an EvalError.
    vi.stubGlobal('Function', function refused() {
      throw new EvalError('Code generation from strings disallowed for this context');
    });
    setCodeGeneration(undefined);
    expect(generatedPredicate({ field: 'state', eq: 'new' })).toBeUndefined();
    const onHold = defineCondition({ all: [{ field: 'state', in: ['on_hold', 'awaiting'] }, { field: 'previous.state', ne: 'on_hold' }] });
    expect(evaluateConditionAfter(onHold, { state: 'on_hold' }, { state: 'in_progress' })).toBe(true);
    expect(evaluateConditionAfter(onHold, { state: 'on_hold' }, { state: 'on_hold' })).toBe(false);
    expect(conditionSet([onHold, undefined, onHold])({ state: 'awaiting' }, undefined)).toBe(0b101);
  });

  it.each([
    ['generated', undefined],
    ['closures', false],
  ] as const)('reads every field of something that is no object as null (%s), as evaluateCondition does', (_, allowed) => {
    setCodeGeneration(allowed);
    const set = conditionSet([defineCondition({ field: 'length', gt: 0 }), defineCondition({ field: 'length', exists: false })]);
    expect(set('abc', undefined)).toBe(0b10);
    expect(set(null, undefined)).toBe(0b10);
  });

  it('sets bit 30 for the 31st condition of a set, and refuses a 32nd', () => {
    const conditions = Array.from({ length: 31 }, (_, index) => defineCondition({ field: 'priority', eq: index }));
    expect(conditionSet(conditions)({ priority: 30 }, undefined)).toBe(2 ** 30);
    expect(conditionSet(conditions)({ priority: 0 }, undefined)).toBe(1);
    expect(() => conditionSet([...conditions, conditions[0]!])).toThrow(RangeError);
  });

  it('checks, keeps and runs one reading of the input: a getter or toJSON cannot show the check one rule and run another', () => {
    let reads = 0;
    // An inherited toJSON, as a class could have, and a getter that answers differently later.
    const shifty = Object.create({ toJSON: () => ({ field: 'other', eq: 'x' }) }) as Record<string, unknown>;
    Object.defineProperty(shifty, 'field', {
      enumerable: true,
      get() {
        reads += 1;
        return reads === 1 ? 'state' : 'other';
      },
    });
    shifty['eq'] = 'new';
    const compiled = defineCondition(shifty as unknown as Condition);
    expect(compiled.fields).toEqual(['state']);
    expect(compiled.condition).toEqual({ field: 'state', eq: 'new' });
    expect(evaluateCondition(compiled, { state: 'new', other: 'x' })).toBe(true);
  });

  it.each([
    ['generated', undefined],
    ['closures', false],
  ] as const)('a condition set (%s) names the record when reading it throws', (_, allowed) => {
    setCodeGeneration(allowed);
    const set = conditionSet([defineCondition({ field: 'state', eq: 'new' })]);
    const hostile = Object.defineProperty({}, 'state', {
      enumerable: true,
      get() {
        throw new TypeError('no access');
      },
    });
    expect(() => set(hostile, undefined)).toThrow(expect.objectContaining({ code: 'validation', issues: [expect.objectContaining({ path: ['record'], message: 'could not be read: no access' })] }));
  });

  it.each([
    ['generated', undefined],
    ['closures', false],
  ] as const)('a condition set (%s) names the version before, given apart, when reading it throws', (_, allowed) => {
    setCodeGeneration(allowed);
    const set = conditionSet([defineCondition({ field: 'previous.state', eq: 'new' })]);
    const hostile = Object.defineProperty({}, 'state', {
      enumerable: true,
      get() {
        throw new TypeError('no access');
      },
    });
    expect(() => set({ state: 'new' }, hostile)).toThrow(expect.objectContaining({ code: 'validation', issues: [expect.objectContaining({ path: ['previous'], message: 'could not be read: no access' })] }));
    // Under the record's own `previous` field, it is the record that could not be read.
    expect(() => evaluateCondition(defineCondition({ field: 'previous.state', eq: 'new' }), { previous: hostile })).toThrow(
      expect.objectContaining({ code: 'validation', issues: [expect.objectContaining({ path: ['record'] })] }),
    );
  });
});

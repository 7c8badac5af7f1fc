import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Condition, defineCondition, evaluateCondition, isItsmError, safeDefineCondition } from '../../src/core/index';
import { conditionArbitrary } from './condition-arbitrary';

// Random conditions over a small record vocabulary, evaluated by the library and by a naive
// interpreter written straight from the documented semantics.

const FIELDS = ['state', 'priority', 'assignment.group', 'missing'] as const;
const value = fc.oneof(fc.constantFrom('new', 'on_hold', 'a', 'b', 'service-desk'), fc.integer({ min: 0, max: 5 }), fc.boolean(), fc.constant(null));
const comparable = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', 'new', 'on_hold'));

const condition = conditionArbitrary({ fields: FIELDS, value, comparable, maxList: 4 });

/**
 * A valid condition with one part broken the way people break rules: an operator misspelt, an
 * operand of the wrong type, a combinator given an object, a key added beside `not`.
 */
const nearMiss = fc
  .tuple(condition, fc.constantFrom('rename', 'retype', 'unwrap', 'extra'), fc.nat())
  .map(([node, how, seed]) => {
    const copy = JSON.parse(JSON.stringify(node)) as Record<string, unknown>;
    const parts: Record<string, unknown>[] = [];
    const walk = (part: Record<string, unknown>): void => {
      parts.push(part);
      for (const key of ['all', 'any']) if (Array.isArray(part[key])) for (const child of part[key] as Record<string, unknown>[]) walk(child);
      if (typeof part['not'] === 'object' && part['not'] !== null) walk(part['not'] as Record<string, unknown>);
    };
    walk(copy);
    const target = parts[seed % parts.length]!;
    const key = Object.keys(target).find((k) => k !== 'field') ?? 'field';
    if (how === 'rename') {
      target[`${key}x`] = target[key];
      delete target[key];
    } else if (how === 'retype') target[key] = { value: target[key] };
    else if (how === 'unwrap') target[key] = Array.isArray(target[key]) ? (target[key] as unknown[])[0] ?? 'x' : [target[key]];
    else target['extra'] = 1;
    return copy;
  });

const record = fc.record(
  {
    state: value,
    priority: value,
    assignment: fc.oneof(fc.constant(null), fc.record({ group: value }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

/** The documented semantics, read literally. */
function naive(node: Record<string, unknown>, rec: Record<string, unknown>): boolean {
  if ('all' in node) return (node['all'] as Record<string, unknown>[]).every((child) => naive(child, rec));
  if ('any' in node) return (node['any'] as Record<string, unknown>[]).some((child) => naive(child, rec));
  if ('not' in node) return !naive(node['not'] as Record<string, unknown>, rec);
  let current: unknown = rec;
  for (const part of (node['field'] as string).split('.')) {
    current = typeof current === 'object' && current !== null && part in current ? (current as Record<string, unknown>)[part] : undefined;
  }
  const actual = current === undefined ? null : current;
  if ('eq' in node) return actual === node['eq'];
  if ('ne' in node) return actual !== node['ne'];
  if ('in' in node) return (node['in'] as unknown[]).includes(actual);
  if ('notIn' in node) return !(node['notIn'] as unknown[]).includes(actual);
  if ('exists' in node) return (actual !== null) === node['exists'];
  const [operator, operand] = Object.entries(node).find(([key]) => key !== 'field')!;
  if (typeof actual !== typeof operand) return false;
  const [a, b] = [actual as number | string, operand as number | string];
  return operator === 'gt' ? a > b : operator === 'gte' ? a >= b : operator === 'lt' ? a < b : a <= b;
}

describe('conditions', () => {
  test.prop([condition, record], { numRuns: 500 })('evaluateCondition agrees with the documented semantics read literally', (node, rec) => {
    expect(evaluateCondition(defineCondition(node as Condition), rec)).toBe(naive(node as Record<string, unknown>, rec));
  });

  test.prop([condition, record], { numRuns: 300 })('not c holds exactly when c does not', (node, rec) => {
    const c = defineCondition(node as Condition);
    const notC = defineCondition({ not: node as Condition });
    expect(evaluateCondition(notC, rec)).toBe(!evaluateCondition(c, rec));
  });

  test.prop([fc.oneof(fc.jsonValue(), condition)], { numRuns: 1000 })(
    'any JSON gives a compiled condition or a validation error, never anything else',
    (input) => {
      const result = safeDefineCondition(input);
      if (result.success) {
        expect(Object.isFrozen(result.data)).toBe(true);
        expect(Object.isFrozen(result.data.condition)).toBe(true);
        expect(typeof evaluateCondition(result.data, {})).toBe('boolean');
      } else {
        expect(isItsmError(result.error)).toBe(true);
        expect(result.error.code).toBe('validation');
        expect(result.error.issues.length).toBeGreaterThan(0);
      }
    },
  );

  test.prop([nearMiss], { numRuns: 500 })('a condition with one part broken is refused with a validation error', (input) => {
    const result = safeDefineCondition(input);
    expect(result.success).toBe(false);
  });

  test.prop([fc.oneof(fc.jsonValue({ maxDepth: 4 }), condition, nearMiss)], { numRuns: 1000 })(
    'within the depth and size limits, the exported zod schema accepts exactly the conditions defineCondition accepts',
    (input) => {
      expect(Condition.safeParse(input).success).toBe(safeDefineCondition(input).success);
    },
  );
});

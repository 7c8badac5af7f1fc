import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { priorityFor } from '../../src/core/priority-for';
import { definePriorityMatrix, safeDefinePriorityMatrix } from '../../src/core/priority-matrix';
import { impactLabel, priorityLabel, urgencyLabel } from '../../src/core/priority-matrix-labels';
import type { PriorityMatrixDefinition, PriorityMatrixLevel } from '../../src/core/priority-matrix.schema';
import { ValidationError } from '../../src/core/validation-error';
import { anyValue } from '../support';


/** One axis: 1–6 levels with distinct values and distinct, non-blank labels. */
const axis = fc.uniqueArray(
  fc.record({ value: fc.nat({ max: 1000 }), label: fc.string({ minLength: 1, maxLength: 12 }).filter((label) => /\S/.test(label)) }),
  { minLength: 1, maxLength: 6, comparator: (a, b) => a.value === b.value || a.label === b.label },
);

/** Any valid definition: sizes, values and labels vary, and the cells come in any order. */
const validDefinition: fc.Arbitrary<PriorityMatrixDefinition> = fc
  .record({ impacts: axis, urgencies: axis, priorities: axis })
  .chain(({ impacts, urgencies, priorities }) => {
    const size = impacts.length * urgencies.length;
    return fc
      .array(fc.constantFrom(...priorities.map((level) => level.value)), { minLength: size, maxLength: size })
      .chain((chosen) => {
        const cells = impacts.flatMap((impact, i) =>
          urgencies.map((urgency, u) => ({ impact: impact.value, urgency: urgency.value, priority: chosen[i * urgencies.length + u]! })),
        );
        return fc.shuffledSubarray(cells, { minLength: size, maxLength: size });
      })
      .map((cells) => ({ impacts, urgencies, priorities, cells }));
  });

/** Every place in a JSON value where another value could go, outermost first. */
function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const inner =
    Array.isArray(value)
      ? value.flatMap((item, index) => pathsIn(item, [...prefix, index]))
      : typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...prefix, key]))
        : [];
  return [prefix, ...inner];
}

/** `value` with the thing at `path` replaced by `replacement`. */
function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head] = replaced(copy[head], rest, replacement);
  return copy;
}

/** A valid definition with one value, anywhere in it, swapped for arbitrary JSON. */
const nearMiss = fc
  .tuple(validDefinition, fc.nat(), fc.oneof(fc.jsonValue(), fc.integer({ min: -2, max: 1001 }), fc.constantFrom('', ' ', 1.5, null)))
  .map(([definition, pick, replacement]) => {
    const places = pathsIn(definition);
    return replaced(definition, places[pick % places.length]!, replacement);
  });

/** The issue paths of the ValidationError `run` throws; fails the test for any other outcome. */
function thrownPaths(run: () => unknown): unknown[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((found) => found.path);
  }
  throw new Error('expected the call to throw');
}

/** What a matrix-or-error result must look like. */
function expectMatrixOrValidationError(input: unknown): void {
  const result = safeDefinePriorityMatrix(input);
  if (result.success) {
    expect(Object.isFrozen(result.data)).toBe(true);
    // An accepted matrix answers for every combination it lists.
    for (const impact of result.data.impacts) {
      for (const urgency of result.data.urgencies) {
        const priority = priorityFor(result.data, impact.value, urgency.value);
        expect(result.data.priorities.map((level) => level.value)).toContain(priority);
      }
    }
  } else {
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const found of result.error.issues) {
      for (const key of found.path) expect(['string', 'number']).toContain(typeof key);
    }
  }
}

describe('priority matrix definitions', () => {
  test.prop([anyValue])('safeDefinePriorityMatrix never throws, whatever it is given', (input) => {
    expect(() => safeDefinePriorityMatrix(input)).not.toThrow();
  });

  test.prop([fc.jsonValue()])('safeDefinePriorityMatrix turns any JSON value into a matrix or a ValidationError', (input) => {
    expectMatrixOrValidationError(input);
  });

  test.prop([nearMiss])('safeDefinePriorityMatrix turns a valid definition with any one value changed into a matrix or a ValidationError', (input) => {
    expectMatrixOrValidationError(input);
  });

  test.prop([validDefinition])('every valid definition is accepted', (definition) => {
    expect(safeDefinePriorityMatrix(definition).success).toBe(true);
  });

  test.prop([validDefinition, fc.nat()])('a definition missing any one cell is rejected, naming cells', (definition, pick) => {
    const cells = definition.cells.filter((_, index) => index !== pick % definition.cells.length);
    const result = safeDefinePriorityMatrix({ ...definition, cells });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((found) => found.path)).toEqual([['cells']]);
  });

  test.prop([validDefinition, fc.nat()])('a definition repeating any one cell is rejected, naming the repeat', (definition, pick) => {
    const cell = definition.cells[pick % definition.cells.length]!;
    const result = safeDefinePriorityMatrix({ ...definition, cells: [...definition.cells, { ...cell }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((found) => found.path)).toEqual([['cells', definition.cells.length]]);
  });
});

describe('priorityFor', () => {
  test.prop([validDefinition])('gives every cell’s priority for its impact and urgency', (definition) => {
    const matrix = definePriorityMatrix(definition);
    for (const cell of definition.cells) expect(priorityFor(matrix, cell.impact, cell.urgency)).toBe(cell.priority);
  });

  test.prop([validDefinition])('answers the same after a round trip through JSON', (definition) => {
    const matrix = definePriorityMatrix(definition);
    const again = definePriorityMatrix(JSON.parse(JSON.stringify(matrix)) as PriorityMatrixDefinition);
    for (const cell of definition.cells) expect(priorityFor(again, cell.impact, cell.urgency)).toBe(priorityFor(matrix, cell.impact, cell.urgency));
  });

  const notListed = (levels: readonly PriorityMatrixLevel[]) =>
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.NaN, Infinity)).filter((value) => !levels.some((level) => level.value === value));

  test.prop([validDefinition.chain((definition) => fc.tuple(fc.constant(definition), notListed(definition.impacts)))])(
    'rejects any impact the matrix does not list, naming impact',
    ([definition, impact]) => {
      const matrix = definePriorityMatrix(definition);
      const urgency = definition.urgencies[0]!.value;
      expect(thrownPaths(() => priorityFor(matrix, impact, urgency))).toEqual([['impact']]);
      expect(thrownPaths(() => impactLabel(matrix, impact))).toEqual([['impact']]);
    },
  );

  test.prop([validDefinition.chain((definition) => fc.tuple(fc.constant(definition), notListed(definition.urgencies)))])(
    'rejects any urgency the matrix does not list, naming urgency',
    ([definition, urgency]) => {
      const matrix = definePriorityMatrix(definition);
      const impact = definition.impacts[0]!.value;
      expect(thrownPaths(() => priorityFor(matrix, impact, urgency))).toEqual([['urgency']]);
      expect(thrownPaths(() => urgencyLabel(matrix, urgency))).toEqual([['urgency']]);
    },
  );

  test.prop([validDefinition])('gives every level the label it was defined with', (definition) => {
    const matrix = definePriorityMatrix(definition);
    for (const level of definition.impacts) expect(impactLabel(matrix, level.value)).toBe(level.label);
    for (const level of definition.urgencies) expect(urgencyLabel(matrix, level.value)).toBe(level.label);
    for (const level of definition.priorities) expect(priorityLabel(matrix, level.value)).toBe(level.label);
  });
});

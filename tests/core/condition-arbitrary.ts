// Random conditions for the property tests of conditions: leaves of every operator over the
// fields and operands a test chooses, combined with all, any and not.
import { fc } from '@fast-check/vitest';

export interface ConditionVocabulary {
  /** Field paths a leaf may name. */
  readonly fields: readonly string[];
  /** Operands of eq, ne, in and notIn. */
  readonly value: fc.Arbitrary<unknown>;
  /** Operands of gt, gte, lt and lte. */
  readonly comparable: fc.Arbitrary<unknown>;
  /** The longest in / notIn list. */
  readonly maxList: number;
}

/** Conditions (as data, not yet checked) over the vocabulary. */
export function conditionArbitrary({ fields, value, comparable, maxList }: ConditionVocabulary): fc.Arbitrary<unknown> {
  const field = fc.constantFrom(...fields);
  const { condition } = fc.letrec<{ condition: unknown; leaf: unknown }>((tie) => ({
    leaf: fc.oneof(
      fc.record({ field, eq: value }),
      fc.record({ field, ne: value }),
      fc.record({ field, in: fc.array(value, { maxLength: maxList }) }),
      fc.record({ field, notIn: fc.array(value, { maxLength: maxList }) }),
      fc.record({ field, exists: fc.boolean() }),
      fc.record({ field, gt: comparable }),
      fc.record({ field, gte: comparable }),
      fc.record({ field, lt: comparable }),
      fc.record({ field, lte: comparable }),
    ),
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  }));
  return condition;
}

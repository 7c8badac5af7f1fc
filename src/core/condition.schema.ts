import { z } from 'zod';

/** A value a condition compares with: what a JSON record field holds. */
export const ConditionValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A value a condition compares with. */
export type ConditionValue = z.infer<typeof ConditionValue>;

/** A record field, by name or dotted path: `state`, `assignment.group`. */
export const FieldPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/);

/** The comparison operators of a field condition; each field condition has exactly one. */
export const FIELD_OPERATORS = ['eq', 'ne', 'in', 'notIn', 'exists', 'gt', 'gte', 'lt', 'lte'] as const;
/** A comparison operator of a field condition. */
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/**
 * A test of one field. `eq`/`ne` compare with `===`; `in`/`notIn` with a list; `exists` asks
 * whether the field is present and not null; `gt`, `gte`, `lt`, `lte` order numbers by value
 * and strings (ISO dates, say) by code unit, and are false when the types differ.
 */
export type FieldCondition =
  | { readonly field: string; readonly eq: ConditionValue }
  | { readonly field: string; readonly ne: ConditionValue }
  | { readonly field: string; readonly in: readonly ConditionValue[] }
  | { readonly field: string; readonly notIn: readonly ConditionValue[] }
  | { readonly field: string; readonly exists: boolean }
  | { readonly field: string; readonly gt: number | string }
  | { readonly field: string; readonly gte: number | string }
  | { readonly field: string; readonly lt: number | string }
  | { readonly field: string; readonly lte: number | string };

/**
 * A condition over a record, as data: a field test, or `all` / `any` / `not` of conditions.
 * One evaluator serves SLA targets, routing rules and lifecycle guards.
 *
 * Recursive shapes cannot be inferred from a zod schema, so this one type is written out;
 * {@link Condition} (the schema) describes the same shape for JSON Schema, and a test keeps the
 * two in agreement; only `defineCondition` applies the depth and size limits.
 */
export type Condition =
  | FieldCondition
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

const comparable = z.union([z.number(), z.string()]);
const field = (operator: FieldOperator, value: z.ZodType) => z.strictObject({ field: FieldPath, [operator]: value });

/** The schema of {@link Condition}, for JSON Schema; `defineCondition` gives the precise errors. */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    field('eq', ConditionValue),
    field('ne', ConditionValue),
    field('in', z.array(ConditionValue)),
    field('notIn', z.array(ConditionValue)),
    field('exists', z.boolean()),
    field('gt', comparable),
    field('gte', comparable),
    field('lt', comparable),
    field('lte', comparable),
    z.strictObject({ all: z.array(Condition) }),
    z.strictObject({ any: z.array(Condition) }),
    z.strictObject({ not: Condition }),
  ]),
) as z.ZodType<Condition>;

/**
 * The JSON Schema (draft 2020-12) of a {@link Condition}, for editors of rules stored as data.
 *
 * @returns a fresh JSON Schema object
 *
 * @example
 * ```ts
 * const schema = conditionJsonSchema(); // feed it to a rule editor's form builder
 * ```
 */
export function conditionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Condition, { unrepresentable: 'any', cycles: 'ref' });
}

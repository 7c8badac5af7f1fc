import { z } from 'zod';
import { formPatternProblem } from '../core/form-pattern';

/**
 * The name of a configuration item class or a relationship type: a lower-case
 * identifier such as `business_service`, stable because records and relationships store it.
 */
export const CmdbName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a lower-case identifier such as business_service' });
/** The name of a class or a relationship type. */
export type CmdbName = z.infer<typeof CmdbName>;

/**
 * The name of a CI attribute: an identifier, in snake_case as the built-in classes use or in
 * camelCase, so that attributes imported from another CMDB keep their names.
 */
export const CiAttributeName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'must be an identifier such as cpu_count or cpuCount' });
/** The name of a CI attribute. */
export type CiAttributeName = z.infer<typeof CiAttributeName>;

/** A record of something by attribute name, whose bad keys are reported in words rather than as zod's "Invalid key". @internal */
export function byAttributeName<T extends z.ZodType>(value: T) {
  return z.record(CiAttributeName, value, { error: (problem) => (problem.code === 'invalid_key' ? 'must be an identifier such as cpu_count or cpuCount' : undefined) });
}

const Label = z.string().min(1, { error: 'must not be empty' }).max(200);

const common = {
  label: Label.optional(),
  description: z.string().max(2000).optional(),
  /** Whether every configuration item of the class must have a value. */
  required: z.boolean().default(false),
};

/**
 * One attribute of a configuration item class, as data: its kind and its rules. The kinds are
 * deliberately few, so that a vendor's editor can offer them and a store can index them:
 * `string` (optional `pattern`, a JavaScript regular expression the whole value must match,
 * checked in time proportional to the value and so without backreferences or lookaround, and
 * `maxLength`), `number` (finite, optional `min`/`max`), `integer` (a safe whole number, optional
 * `min`/`max`), `boolean`, `enum` (one of `values`), `instant` (ISO-8601 UTC with milliseconds)
 * and `reference` (the id of a configuration item of class `ciClass` or a subclass of it).
 */
export const CiAttribute = z
  .discriminatedUnion('kind', [
    z.strictObject({ ...common, kind: z.literal('string'), pattern: z.string().min(1).max(500).optional(), maxLength: z.int().min(1).max(100_000).optional() }),
    z.strictObject({ ...common, kind: z.literal('number'), min: z.number().optional(), max: z.number().optional() }),
    z.strictObject({ ...common, kind: z.literal('integer'), min: z.int().optional(), max: z.int().optional() }),
    z.strictObject({ ...common, kind: z.literal('boolean') }),
    z.strictObject({ ...common, kind: z.literal('enum'), values: z.array(z.string().min(1).max(200)).min(1).max(500) }),
    z.strictObject({ ...common, kind: z.literal('instant') }),
    z.strictObject({ ...common, kind: z.literal('reference'), ciClass: CmdbName }),
  ])
  .superRefine((attribute, context) => {
    if ((attribute.kind === 'number' || attribute.kind === 'integer') && attribute.min !== undefined && attribute.max !== undefined && attribute.min > attribute.max) {
      context.addIssue({ code: 'custom', path: ['max'], message: 'must not be less than min' });
    }
    const problem = attribute.kind === 'string' && attribute.pattern !== undefined ? formPatternProblem(attribute.pattern) : undefined;
    if (problem !== undefined) context.addIssue({ code: 'custom', path: ['pattern'], message: problem });
    if (attribute.kind === 'enum' && new Set(attribute.values).size !== attribute.values.length) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'must not list a value twice' });
    }
  });
/** One attribute of a configuration item class, as given (defaults not yet filled in). */
export type CiAttributeInput = z.input<typeof CiAttribute>;
/** One attribute of a configuration item class, with defaults filled in. */
export type CiAttribute = z.output<typeof CiAttribute>;

/**
 * A class of configuration items, as data: its name, the class it extends (whose attributes it
 * inherits), and its own attributes by name. An `abstract` class only groups others: no
 * configuration item is of it directly, but relationship rules may name it, and then admit every
 * subclass.
 */
export const CiClass = z.strictObject({
  name: CmdbName,
  label: Label.optional(),
  description: z.string().max(2000).optional(),
  /** The parent class; its attributes are inherited and its relationship rules apply. */
  extends: CmdbName.optional(),
  abstract: z.boolean().default(false),
  /** This class's own attributes by name; an inherited attribute may not be declared again. */
  attributes: byAttributeName(CiAttribute).default({}),
});
/** A class of configuration items, as given (defaults not yet filled in). */
export type CiClassInput = z.input<typeof CiClass>;
/** A class of configuration items, with defaults filled in. */
export type CiClass = z.output<typeof CiClass>;

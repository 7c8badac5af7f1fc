import { z } from 'zod';

/**
 * The most levels one axis (impacts, urgencies or priorities) may list. Real matrices have three
 * to five; the cap keeps a hostile definition from producing an unbounded list of issues.
 * @internal
 */
export const MAX_PRIORITY_MATRIX_LEVELS = 20;

const LevelValue = z
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .meta({ description: 'The number stored on a record and compared by conditions, e.g. 1.' });

/**
 * One level of an axis of the matrix: the number a record stores and the label a person reads,
 * for example `{ value: 1, label: 'High' }`. By ITIL convention 1 is the most severe.
 */
export const PriorityMatrixLevel = z
  .strictObject({
    value: LevelValue,
    label: z
      .string({ error: 'must be a string' })
      .max(100, { error: 'must be at most 100 characters' })
      .regex(/\S/, { error: 'must not be blank' }),
  })
  .meta({ description: 'A level of impact, urgency or priority: its stored value and its label.' });
/** One level of impact, urgency or priority. */
export type PriorityMatrixLevel = z.infer<typeof PriorityMatrixLevel>;

/** One cell of the matrix: the priority of a record with this impact and this urgency. */
export const PriorityMatrixCell = z
  .strictObject({
    impact: LevelValue.meta({ description: 'The value of one of the matrix’s impacts.' }),
    urgency: LevelValue.meta({ description: 'The value of one of the matrix’s urgencies.' }),
    priority: LevelValue.meta({ description: 'The value of one of the matrix’s priorities.' }),
  })
  .meta({ description: 'The priority given to one combination of impact and urgency.' });
/** One cell of the matrix. */
export type PriorityMatrixCell = z.infer<typeof PriorityMatrixCell>;

const levels = (axis: string) =>
  z
    .array(PriorityMatrixLevel, { error: 'must be a list of levels' })
    .min(1, { error: `must list at least one ${axis}` })
    .max(MAX_PRIORITY_MATRIX_LEVELS, { error: `must list at most ${MAX_PRIORITY_MATRIX_LEVELS} levels` })
    .meta({ description: `The ${axis} levels, in the order a form shows them; values and labels unique.` });

type Axis = 'impacts' | 'urgencies' | 'priorities';
const AXES: readonly { key: Axis; noun: string }[] = [
  { key: 'impacts', noun: 'impact' },
  { key: 'urgencies', noun: 'urgency' },
  { key: 'priorities', noun: 'priority' },
];

/**
 * The ITIL priority matrix as data: plain JSON a vendor can store and edit. Impact and urgency
 * each have levels; every combination of the two has exactly one cell naming its priority.
 * Validate and compile it with `definePriorityMatrix`.
 */
export const PriorityMatrixDefinition = z
  .strictObject({
    impacts: levels('impact'),
    urgencies: levels('urgency'),
    priorities: levels('priority'),
    cells: z
      .array(PriorityMatrixCell, { error: 'must be a list of cells' })
      .max(MAX_PRIORITY_MATRIX_LEVELS ** 2, { error: 'has more cells than impacts × urgencies' })
      .meta({ description: 'Exactly one cell per combination of impact and urgency.' }),
  })
  .superRefine((definition, context) => {
    // zod runs this after non-fatal issues too. An empty axis or one over the cap has been
    // reported already, and checking cells against it would only multiply issues.
    if (AXES.some(({ key }) => definition[key].length === 0 || definition[key].length > MAX_PRIORITY_MATRIX_LEVELS)) return;
    if (definition.cells.length > MAX_PRIORITY_MATRIX_LEVELS ** 2) return;

    const labels = new Map<Axis, Map<number, string>>();
    for (const { key, noun } of AXES) {
      const byValue = new Map<number, string>();
      const firstOfValue = new Map<number, number>();
      const firstOfLabel = new Map<string, number>();
      definition[key].forEach((level, index) => {
        const sameValue = firstOfValue.get(level.value);
        if (sameValue === undefined) {
          firstOfValue.set(level.value, index);
          byValue.set(level.value, level.label);
        } else {
          context.addIssue({
            code: 'custom',
            path: [key, index, 'value'],
            message: `duplicates ${key}[${sameValue}].value: each ${noun} needs its own value`,
            input: level.value,
          });
        }
        const sameLabel = firstOfLabel.get(level.label);
        if (sameLabel === undefined) firstOfLabel.set(level.label, index);
        else
          context.addIssue({
            code: 'custom',
            path: [key, index, 'label'],
            message: `duplicates ${key}[${sameLabel}].label: each ${noun} needs its own label`,
            input: level.label,
          });
      });
      labels.set(key, byValue);
    }

    const impacts = labels.get('impacts')!;
    const urgencies = labels.get('urgencies')!;
    const priorities = labels.get('priorities')!;
    const listing = (byValue: Map<number, string>) => [...byValue.keys()].join(', ');

    const firstOfCombination = new Map<string, number>();
    definition.cells.forEach((cell, index) => {
      const checks = [
        ['impact', cell.impact, impacts, 'impacts'],
        ['urgency', cell.urgency, urgencies, 'urgencies'],
        ['priority', cell.priority, priorities, 'priorities'],
      ] as const;
      for (const [field, value, defined, axis] of checks) {
        if (!defined.has(value)) {
          context.addIssue({
            code: 'custom',
            path: ['cells', index, field],
            message: `is not a value listed in ${axis} (${listing(defined)})`,
            input: value,
          });
        }
      }
      if (!impacts.has(cell.impact) || !urgencies.has(cell.urgency)) return;
      const combination = `${cell.impact}|${cell.urgency}`;
      const first = firstOfCombination.get(combination);
      if (first === undefined) firstOfCombination.set(combination, index);
      else
        context.addIssue({
          code: 'custom',
          path: ['cells', index],
          message: `repeats the impact ${cell.impact} and urgency ${cell.urgency} of cells[${first}]: one cell per combination`,
        });
    });

    for (const [impact, impactLabel] of impacts) {
      for (const [urgency, urgencyLabel] of urgencies) {
        if (!firstOfCombination.has(`${impact}|${urgency}`)) {
          context.addIssue({
            code: 'custom',
            path: ['cells'],
            message: `has no cell for impact ${impact} (${impactLabel}) and urgency ${urgency} (${urgencyLabel})`,
          });
        }
      }
    }
  })
  .meta({
    title: 'PriorityMatrixDefinition',
    description: 'Impact and urgency levels, priority levels, and the priority of each impact × urgency.',
  });
/** The ITIL priority matrix as data. */
export type PriorityMatrixDefinition = z.infer<typeof PriorityMatrixDefinition>;

/**
 * The JSON Schema (draft 2020-12) of {@link PriorityMatrixDefinition}, for editors and storage
 * that validate outside TypeScript. Checks that need code (unique values and labels, cells that
 * name listed levels, one cell per combination) are left to `definePriorityMatrix`.
 *
 * @returns a fresh JSON Schema object
 *
 * @example
 * ```ts
 * import { priorityMatrixJsonSchema } from 'itsm-kit';
 * const schema = priorityMatrixJsonSchema(); // hand to Ajv, a form builder, an OpenAPI spec …
 * ```
 */
export function priorityMatrixJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PriorityMatrixDefinition, { unrepresentable: 'any' });
}

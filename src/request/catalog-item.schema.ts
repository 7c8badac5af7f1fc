import { z } from 'zod';
import { formPatternProblem } from '../core/form-pattern';
import { ActorRef, RecordId } from '../core/record-fields.schema';

const Name = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a lower-case identifier such as cost_center' });
const Label = z.string().min(1, { error: 'must not be empty' }).max(200);

const common = {
  name: Name,
  label: Label,
  help: z.string().max(2000).optional(),
  required: z.boolean(),
};

/**
 * One question a catalog item asks the requester, with its type and its rules. `name` is the key
 * of the answer in a request item's `variables`.
 */
export const CatalogVariable = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('text'),
    minLength: z.int().min(0).optional(),
    maxLength: z.int().min(1).max(100_000).optional(),
    /**
     * A regular expression the whole answer must match: JavaScript syntax as with the `u` flag,
     * checked in time proportional to the answer, so without backreferences or lookaround.
     */
    pattern: z.string().max(500).optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
  }),
  z.strictObject({ ...common, type: z.literal('boolean') }),
  z.strictObject({
    ...common,
    type: z.literal('choice'),
    choices: z.array(z.strictObject({ value: z.string().min(1).max(200), label: Label })).min(1).max(500),
    /** Whether several choices may be picked; the answer is then an array. */
    multiple: z.boolean().optional(),
  }),
  z.strictObject({ ...common, type: z.literal('date') }),
  z.strictObject({
    ...common,
    type: z.literal('reference'),
    /** What kind of thing the answer names: a user, a group, a configuration item, … */
    refersTo: z.enum(['user', 'group', 'configuration_item', 'location', 'cost_center']),
  }),
]);
/** One question a catalog item asks the requester. */
export type CatalogVariable = z.infer<typeof CatalogVariable>;

/** The work a fulfilment group does for an item, created when the item is approved. */
export const FulfilmentTaskTemplate = z.strictObject({
  shortDescription: z.string().min(1).max(160),
  assignmentGroup: ActorRef,
  /** Tasks run in order of `order`; tasks with the same order run in parallel. */
  order: z.int().min(0),
});
/** The work a fulfilment group does for an item. */
export type FulfilmentTaskTemplate = z.infer<typeof FulfilmentTaskTemplate>;

/**
 * A service catalog item as data: what can be requested, the questions asked, whether it needs
 * approval and by whom, and the fulfilment tasks it creates. A vendor stores and edits these.
 */
export const CatalogItem = z
  .strictObject({
    id: RecordId,
    name: Label,
    description: z.string().max(32_000).optional(),
    category: z.string().min(1).max(100).optional(),
    variables: z.array(CatalogVariable).max(200),
    approval: z.discriminatedUnion('required', [
      z.strictObject({ required: z.literal(false) }),
      z.strictObject({ required: z.literal(true), approvers: z.array(ActorRef).min(1).max(50) }),
    ]),
    fulfilmentTasks: z.array(FulfilmentTaskTemplate).max(100),
    active: z.boolean(),
  })
  .superRefine((item, context) => {
    const seen = new Map<string, number>();
    item.variables.forEach((variable, index) => {
      const first = seen.get(variable.name);
      if (first !== undefined) {
        context.addIssue({ code: 'custom', path: ['variables', index, 'name'], message: `duplicates variables[${first}].name` });
      } else seen.set(variable.name, index);
      if (variable.type === 'text') {
        if (variable.minLength !== undefined && variable.maxLength !== undefined && variable.minLength > variable.maxLength) {
          context.addIssue({ code: 'custom', path: ['variables', index, 'maxLength'], message: 'must not be less than minLength' });
        }
        const problem = variable.pattern === undefined ? undefined : formPatternProblem(variable.pattern);
        if (problem !== undefined) context.addIssue({ code: 'custom', path: ['variables', index, 'pattern'], message: problem });
      }
      if (variable.type === 'number' && variable.min !== undefined && variable.max !== undefined && variable.min > variable.max) {
        context.addIssue({ code: 'custom', path: ['variables', index, 'max'], message: 'must not be less than min' });
      }
      if (variable.type === 'choice') {
        const values = new Set<string>();
        variable.choices.forEach((choice, choiceIndex) => {
          if (values.has(choice.value)) {
            context.addIssue({ code: 'custom', path: ['variables', index, 'choices', choiceIndex, 'value'], message: 'duplicates an earlier choice' });
          }
          values.add(choice.value);
        });
      }
    });
    item.fulfilmentTasks.forEach((task, index) => {
      if (task.assignmentGroup.kind !== 'group') {
        context.addIssue({ code: 'custom', path: ['fulfilmentTasks', index, 'assignmentGroup', 'kind'], message: 'must be group' });
      }
    });
  });
/** A service catalog item as data. */
export type CatalogItem = z.infer<typeof CatalogItem>;

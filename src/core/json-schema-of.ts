import { z } from 'zod';
import { issue, ValidationError } from './validation-error';

/** A schema and whether its JSON Schema describes what goes in (defaults optional) or what is stored. @internal */
export type JsonSchemaShapes = Readonly<Record<string, readonly [z.ZodType, 'input' | 'output']>>;

/**
 * The JSON Schema (draft 2020-12) of one of a practice's shapes, refusing an unknown name.
 * @internal
 */
export function jsonSchemaOf(shapes: JsonSchemaShapes, of: unknown): Record<string, unknown> {
  const shape = typeof of === 'string' && Object.hasOwn(shapes, of) ? shapes[of] : undefined;
  if (shape === undefined) throw new ValidationError([issue(['of'], `must be one of ${Object.keys(shapes).join(', ')}`, of)], 'argument');
  return z.toJSONSchema(shape[0], { unrepresentable: 'any', io: shape[1] });
}

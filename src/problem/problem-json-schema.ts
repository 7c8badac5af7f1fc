import { jsonSchemaOf } from '../core/json-schema-of';
import { KnownError } from './known-error.schema';
import { KnownErrorEvent, PublishKnownErrorInput } from './known-error-event.schema';
import { KnownErrorLifecycleOptions } from './known-error-lifecycle';
import { Problem } from './problem.schema';
import { OpenProblemInput, ProblemEvent } from './problem-event.schema';
import { ProblemLifecycleOptions } from './problem-lifecycle';

const SHAPES = {
  record: [Problem, 'output'],
  event: [ProblemEvent, 'input'],
  openInput: [OpenProblemInput, 'input'],
  lifecycleOptions: [ProblemLifecycleOptions, 'input'],
  knownError: [KnownError, 'output'],
  knownErrorEvent: [KnownErrorEvent, 'input'],
  publishKnownErrorInput: [PublishKnownErrorInput, 'input'],
  knownErrorLifecycleOptions: [KnownErrorLifecycleOptions, 'input'],
} as const;

/**
 * The JSON Schema (draft 2020-12) of a problem or known error shape, for API documentation and
 * form builders. Checks across fields are applied by the library's functions, not expressible
 * in JSON Schema.
 *
 * @param of - `record` (the stored problem), `event`, `openInput`, `lifecycleOptions`,
 *   `knownError`, `knownErrorEvent`, `publishKnownErrorInput` or `knownErrorLifecycleOptions`
 * @returns a fresh JSON Schema object
 * @throws {@link ValidationError} for an unknown `of`
 *
 * @example
 * ```ts
 * const schema = problemJsonSchema('knownError');
 * ```
 */
export function problemJsonSchema(of: keyof typeof SHAPES = 'record'): Record<string, unknown> {
  return jsonSchemaOf(SHAPES, of);
}

import { jsonSchemaOf } from '../core/json-schema-of';
import { Incident } from './incident.schema';
import { IncidentEvent, OpenIncidentInput } from './incident-event.schema';
import { IncidentLifecycleOptions } from './incident-lifecycle';

const SHAPES = {
  record: [Incident, 'output'],
  event: [IncidentEvent, 'input'],
  openInput: [OpenIncidentInput, 'input'],
  lifecycleOptions: [IncidentLifecycleOptions, 'input'],
} as const;

/**
 * The JSON Schema (draft 2020-12) of an incident shape, for API documentation, form builders and
 * validation outside TypeScript. Checks across fields (a resolved incident has a resolution
 * code) are not expressible in JSON Schema; the library's functions apply them.
 *
 * @param of - `record` (the stored incident), `event`, `openInput` or `lifecycleOptions` (as a
 *   host writes them, defaults optional)
 * @returns a fresh JSON Schema object
 * @throws {@link ValidationError} for an unknown `of`
 *
 * @example
 * ```ts
 * const schema = incidentJsonSchema('event'); // oneOf the event payloads, discriminated by type
 * ```
 */
export function incidentJsonSchema(of: keyof typeof SHAPES = 'record'): Record<string, unknown> {
  return jsonSchemaOf(SHAPES, of);
}

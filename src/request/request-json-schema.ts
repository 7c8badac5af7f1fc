import { jsonSchemaOf } from '../core/json-schema-of';
import { CatalogItem } from './catalog-item.schema';
import { FulfilmentTask } from './fulfilment-task.schema';
import { FulfilmentTaskEvent } from './fulfilment-task-event.schema';
import { FulfilmentTaskLifecycleOptions } from './fulfilment-task-lifecycle';
import { RequestItem } from './request-item.schema';
import { RequestItemEvent } from './request-item-event.schema';
import { RequestItemLifecycleOptions } from './request-item-lifecycle';
import { ServiceRequest } from './service-request.schema';
import { ServiceRequestEvent } from './service-request-event.schema';
import { ServiceRequestLifecycleOptions } from './service-request-lifecycle';
import { SubmitServiceRequestInput } from './submit-service-request.schema';

const SHAPES = {
  catalogItem: [CatalogItem, 'input'],
  request: [ServiceRequest, 'output'],
  requestEvent: [ServiceRequestEvent, 'input'],
  requestLifecycleOptions: [ServiceRequestLifecycleOptions, 'input'],
  submitInput: [SubmitServiceRequestInput, 'input'],
  requestItem: [RequestItem, 'output'],
  requestItemEvent: [RequestItemEvent, 'input'],
  requestItemLifecycleOptions: [RequestItemLifecycleOptions, 'input'],
  fulfilmentTask: [FulfilmentTask, 'output'],
  fulfilmentTaskEvent: [FulfilmentTaskEvent, 'input'],
  fulfilmentTaskLifecycleOptions: [FulfilmentTaskLifecycleOptions, 'input'],
} as const;

/**
 * The JSON Schema (draft 2020-12) of a service catalog or request shape, for API documentation
 * and form builders. Checks across fields are applied by the library's functions.
 *
 * @param of - `catalogItem`, `request`, `requestEvent`, `requestLifecycleOptions`,
 *   `submitInput`, `requestItem`, `requestItemEvent`, `requestItemLifecycleOptions`,
 *   `fulfilmentTask`, `fulfilmentTaskEvent` or `fulfilmentTaskLifecycleOptions`
 * @returns a fresh JSON Schema object
 * @throws {@link ValidationError} for an unknown `of`
 *
 * @example
 * ```ts
 * const schema = requestJsonSchema('catalogItem'); // for a catalog editor's form
 * ```
 */
export function requestJsonSchema(of: keyof typeof SHAPES): Record<string, unknown> {
  return jsonSchemaOf(SHAPES, of);
}

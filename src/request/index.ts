export { CatalogItem, CatalogVariable, FulfilmentTaskTemplate } from './catalog-item.schema';
export {
  defineCatalogItem,
  safeDefineCatalogItem,
  validateRequestVariables,
  safeValidateRequestVariables,
  type VariableValue,
} from './request-variables';
export { RequestState } from './request-state.schema';
export { ServiceRequest } from './service-request.schema';
export { RequestItem, RequestVariables } from './request-item.schema';
export { FulfilmentTask, FulfilmentTaskState } from './fulfilment-task.schema';
export { ServiceRequestEvent } from './service-request-event.schema';
export { RequestItemEvent } from './request-item-event.schema';
export { FulfilmentTaskEvent } from './fulfilment-task-event.schema';
export { SubmitServiceRequestInput, RequestedCatalogItem } from './submit-service-request.schema';
export type { ApprovalRule } from './approval-steps';
export type { ServiceRequestOutcome } from './service-request-outcome';
export {
  ServiceRequestLifecycleOptions,
  defineServiceRequestLifecycle,
  safeDefineServiceRequestLifecycle,
  type ServiceRequestLifecycle,
  type ServiceRequestLifecycleOptionsInput,
} from './service-request-lifecycle';
export {
  RequestItemLifecycleOptions,
  defineRequestItemLifecycle,
  safeDefineRequestItemLifecycle,
  type RequestItemLifecycle,
  type RequestItemLifecycleOptionsInput,
} from './request-item-lifecycle';
export {
  FulfilmentTaskLifecycleOptions,
  defineFulfilmentTaskLifecycle,
  safeDefineFulfilmentTaskLifecycle,
  type FulfilmentTaskLifecycle,
  type FulfilmentTaskLifecycleOptionsInput,
} from './fulfilment-task-lifecycle';
export type {
  RequestLifecycles,
  RequestNumberKind,
  ServiceRequestContext,
  RequestItemContext,
  FulfilmentTaskContext,
  SubmitServiceRequestContext,
  StartFulfilmentContext,
} from './request-context';
export type { RequestCascadeRefusal } from './request-cascade';
export { submitServiceRequest, safeSubmitServiceRequest, type ServiceRequestSubmission } from './submit-service-request';
export { startFulfilment, safeStartFulfilment, type FulfilmentStart } from './start-fulfilment';
export { applyServiceRequestEvent, safeApplyServiceRequestEvent, type ServiceRequestChange } from './apply-service-request-event';
export { applyRequestItemEvent, safeApplyRequestItemEvent, type RequestItemChange } from './apply-request-item-event';
export { applyFulfilmentTaskEvent, safeApplyFulfilmentTaskEvent } from './apply-fulfilment-task-event';
export { requestJsonSchema } from './request-json-schema';

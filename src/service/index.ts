export { createItsm, safeCreateItsm, type Itsm, type IncidentApi, type ProblemApi, type ChangeApi, type KnownErrorApi, type AssetApi, type ServiceRequestApi, type RequestItemApi, type FulfilmentTaskApi } from './create-itsm';
export type { ItsmOptions, AuthorizeHook, AuthorizationRequest, ActorGroupsHook, ServiceKind, SlaServiceKind, ServiceLifecycles } from './itsm-options';
export type { PracticeApi, RecordApi, ServiceRecordItem, ServiceRecordPage } from './practice-api';
export { OpenCommandOptions, ApplyCommandOptions } from './service-arguments';
export type { SlaScanResult } from './process-due-sla';
export { PublishKnownErrorOptions, type PublishedKnownError, type KnownErrorPublishing } from './publish-known-error-command';
export type { SubmittedServiceRequest, ServiceRequestSubmitting } from './submit-service-request-command';
export type { StartedFulfilment, FulfilmentStarting } from './start-fulfilment-command';
export { startSlaTimer, type SlaTimer, type SlaTimerOptions, type SlaScanner } from './sla-timer';

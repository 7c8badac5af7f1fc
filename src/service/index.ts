export { createItsm, safeCreateItsm, type Itsm, type IncidentApi, type ProblemApi, type ChangeApi } from './create-itsm';
export type { ItsmOptions, AuthorizeHook, AuthorizationRequest, ActorGroupsHook, ServiceKind, ServiceLifecycles } from './itsm-options';
export type { PracticeApi, ServiceRecordItem, ServiceRecordPage } from './practice-api';
export { OpenCommandOptions, ApplyCommandOptions } from './service-arguments';
export type { SlaScanResult } from './process-due-sla';

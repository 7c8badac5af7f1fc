// What each entry point gives a user. A name dropped from an index file fails here, not in a
// user's build.
import { describe, expect, it } from 'vitest';
import * as root from '../src/index';
import * as calendar from '../src/calendar/index';
import * as postgres from '../src/postgres/index';
import * as sla from '../src/sla/index';
import * as testing from '../src/testing/index';

const errors = ['ItsmError', 'isItsmError', 'ValidationError', 'OutOfRangeError', 'formatPath'];
const calendarApi = [
  'defineCalendar', 'safeDefineCalendar', 'addBusinessTime', 'subtractBusinessTime', 'businessTimeBetween', 'isBusinessTime',
  'nextBusinessTime', 'businessWindowsOn', 'businessTimeOnDate', 'businessWindowsBetween', 'businessCalendarJsonSchema',
  'BusinessCalendarDefinition', 'BusinessHoursWindow', 'CalendarDate', 'Holiday', 'TimeZoneName', 'WeeklyHours', 'WEEKDAYS',
  'CALENDAR_HORIZON', 'MAX_WINDOWS_PER_CALL',
];
const coreApi = [
  'Condition', 'ConditionValue', 'FieldPath', 'FIELD_OPERATORS', 'conditionJsonSchema', 'defineCondition', 'safeDefineCondition',
  'evaluateCondition', 'MAX_CONDITION_DEPTH', 'MAX_CONDITION_NODES',
  'PriorityMatrixCell', 'PriorityMatrixDefinition', 'PriorityMatrixLevel', 'priorityMatrixJsonSchema', 'definePriorityMatrix',
  'safeDefinePriorityMatrix', 'priorityFor', 'priorityLabel', 'impactLabel', 'urgencyLabel', 'DEFAULT_PRIORITY_MATRIX',
  'Instant', 'RecordId', 'TenantId', 'ActorRef', 'RecordBase', 'JournalEntry', 'AttachmentRef', 'Approval', 'ApprovalState',
  'RecordNumberFormat', 'DEFAULT_RECORD_NUMBER_FORMATS', 'formatRecordNumber', 'parseRecordNumber',
];
const lifecycleApi = [
  'InvalidTransitionError', 'LifecycleExtension', 'LifecycleExtensionState', 'LifecycleExtensionTransition', 'RequiredFields', 'allowedEvents',
  'lifecycleDiagram',
];
const recordsApi = ['Incident', 'IncidentState', 'MajorIncidentState', 'Problem', 'ProblemState', 'ProblemResolution', 'KnownError', 'KnownErrorState',
  'CatalogItem', 'CatalogVariable', 'FulfilmentTaskTemplate', 'defineCatalogItem', 'safeDefineCatalogItem', 'validateRequestVariables', 'safeValidateRequestVariables'];
const incidentApi = [
  'IncidentEvent', 'OpenIncidentInput', 'IncidentLifecycleOptions', 'defineIncidentLifecycle', 'safeDefineIncidentLifecycle', 'openIncident',
  'safeOpenIncident', 'applyIncidentEvent', 'safeApplyIncidentEvent', 'incidentAutoCloseDueAt', 'incidentJsonSchema',
];
const problemApi = [
  'ProblemEvent', 'OpenProblemInput', 'KnownErrorEvent', 'PublishKnownErrorInput', 'ProblemLifecycleOptions', 'defineProblemLifecycle',
  'safeDefineProblemLifecycle', 'KnownErrorLifecycleOptions', 'defineKnownErrorLifecycle', 'safeDefineKnownErrorLifecycle', 'openProblem',
  'safeOpenProblem', 'applyProblemEvent', 'safeApplyProblemEvent', 'applyKnownErrorEvent', 'safeApplyKnownErrorEvent', 'publishKnownError',
  'safePublishKnownError', 'problemJsonSchema',
];
const requestApi = [
  'RequestState', 'ServiceRequest', 'RequestItem', 'RequestVariables', 'FulfilmentTask', 'FulfilmentTaskState', 'ServiceRequestEvent',
  'RequestItemEvent', 'FulfilmentTaskEvent', 'SubmitServiceRequestInput', 'RequestedCatalogItem', 'ServiceRequestLifecycleOptions',
  'defineServiceRequestLifecycle', 'safeDefineServiceRequestLifecycle', 'RequestItemLifecycleOptions', 'defineRequestItemLifecycle',
  'safeDefineRequestItemLifecycle', 'FulfilmentTaskLifecycleOptions', 'defineFulfilmentTaskLifecycle', 'safeDefineFulfilmentTaskLifecycle',
  'submitServiceRequest', 'safeSubmitServiceRequest', 'startFulfilment', 'safeStartFulfilment', 'applyServiceRequestEvent',
  'safeApplyServiceRequestEvent', 'applyRequestItemEvent', 'safeApplyRequestItemEvent', 'applyFulfilmentTaskEvent', 'safeApplyFulfilmentTaskEvent',
  'requestJsonSchema',
];
const slaApi = [
  'SlaPolicyDefinition', 'SlaTargetDefinition', 'SlaDuration', 'defineSlaPolicy', 'safeDefineSlaPolicy', 'DEFAULT_INCIDENT_SLA_POLICY',
  'evaluateSla', 'safeEvaluateSla', 'advanceSla', 'slaStatus', 'nextDeadline', 'slaWhatIf', 'slaCompliance', 'serviceAvailability',
];
const storeErrors = ['ConflictError', 'NotFoundError'];
const assetApi = ['Asset', 'AssetState', 'AssetKind', 'AssetDisposal', 'DisposalReason', 'Money', 'Warranty', 'AssetEvent', 'OpenAssetInput',
  'AssetLifecycleOptions', 'defineAssetLifecycle', 'safeDefineAssetLifecycle', 'openAsset', 'safeOpenAsset', 'applyAssetEvent', 'safeApplyAssetEvent',
  'SoftwareLicence', 'LicenceEntitlement', 'LicenceMetric', 'VersionRange', 'SoftwareInstallation', 'checkLicenceCompliance', 'safeCheckLicenceCompliance',
  'assetJsonSchema'];
const changeApi = ['ChangeRequest', 'ChangeState', 'ChangeType', 'ChangeOutcome', 'ChangeApprovalStep', 'ChangeEvent', 'OpenChangeInput', 'ChangeApprovalPolicy', 'ChangeApprovalRule', 'ChangeApprovalStepDefinition', 'ChangeApprovalStepsByRisk', 'SeparationOfDuties', 'CAB', 'ECAB', 'ChangeLifecycleOptions', 'defineChangeLifecycle', 'safeDefineChangeLifecycle', 'openChange', 'safeOpenChange', 'applyChangeEvent', 'safeApplyChangeEvent', 'changeJsonSchema', 'ChangeRiskLevel', 'RiskAnswerOption', 'RiskAnswers', 'RiskAssessment', 'RiskContribution', 'RiskMatrixDefinition', 'RiskModelDefinition', 'RiskQuestion', 'RiskQuestionnaireDefinition', 'defineRiskModel', 'safeDefineRiskModel', 'assessRisk', 'safeAssessRisk', 'BlackoutWindow', 'BlackoutConflict', 'ChangeOverlapConflict', 'ConfigurationItemRef', 'OutsideMaintenanceWindowConflict', 'RelationshipRef', 'ScheduleConflict', 'ScheduleConflictInputs', 'ScheduledChangeRef', 'TimeInterval', 'detectScheduleConflicts', 'safeDetectScheduleConflicts'];
const cmdbApi = ['CmdbName', 'CiAttributeName', 'CiAttribute', 'CiClass', 'CiImpactFlow', 'CiClassPair', 'CiRelationshipType', 'DEFAULT_CI_CLASSES', 'DEFAULT_CI_RELATIONSHIP_TYPES', 'DefineCiClassesOptions', 'defineCiClasses', 'safeDefineCiClasses', 'ConfigurationItem', 'CiOperationalStatus', 'CiRedundancy', 'CiAttributeValue', 'validateConfigurationItem', 'safeValidateConfigurationItem', 'CiRelationship', 'validateCiRelationship', 'safeValidateCiRelationship', 'buildCmdbGraph', 'safeBuildCmdbGraph', 'AnalyzeImpactOptions', 'analyzeImpact', 'safeAnalyzeImpact', 'CiOutage', 'serviceOutagesFromCiOutages', 'safeServiceOutagesFromCiOutages', 'businessServiceAvailability', 'safeBusinessServiceAvailability', 'cmdbJsonSchema', 'CiLiveStatus', 'RegisterConfigurationItemInput', 'ConfigurationItemEvent', 'registerConfigurationItem', 'safeRegisterConfigurationItem', 'applyConfigurationItemEvent', 'safeApplyConfigurationItemEvent', 'configurationItemEvents', 'CiRelationshipRecord', 'AddCiRelationshipInput', 'ciRelationshipOf', 'addCiRelationship', 'safeAddCiRelationship', 'removeCiRelationship', 'safeRemoveCiRelationship'];
const serviceApi = ['createItsm', 'safeCreateItsm', 'startSlaTimer', 'ListCiRelationshipsOptions', 'OpenCommandOptions', 'ApplyCommandOptions', 'PublishKnownErrorOptions', 'ForbiddenError'];
const storeApi = ['createMemoryStore', 'RecordQuery', 'MAX_PAGE_SIZE'];
const postgresApi = ['createPostgresStore', 'migratePostgres', 'POSTGRES_SCHEMA_VERSION', 'pgPoolDriver', 'pgliteDriver'];
const testingApi = [
  'EDGE_CASE_TIME_ZONES', 'FIXED_OFFSET_TIME_ZONES', 'businessHoursWindowArbitrary', 'holidayArbitrary', 'calendarDefinitionArbitrary',
  'businessCalendarArbitrary', 'instantArbitrary', 'windowEdgeArbitrary', 'businessDurationArbitrary', 'storeConformanceSuite',
  'incidentHistoryArbitrary', 'slaPolicyArbitrary', 'slaPolicyDefinitionArbitrary', 'slaLaws', 'checkSlaLaws', 'SLA_LAW_NAMES',
];

describe('entry points', () => {
  it('itsm-kit gives the errors, the core domain, the records, their lifecycles, the store, the SLA engine and the calendar, and nothing internal', () => {
    expect(Object.keys(root).sort()).toEqual(
      [...errors, ...storeErrors, ...calendarApi, ...coreApi, ...lifecycleApi, ...recordsApi, ...incidentApi, ...problemApi, ...requestApi, ...assetApi, ...changeApi, ...cmdbApi, ...serviceApi, ...storeApi, ...slaApi].sort(),
    );
  });

  it('itsm-kit/calendar gives the calendar and the errors', () => {
    expect(Object.keys(calendar).sort()).toEqual([...errors, ...calendarApi].sort());
  });

  it('itsm-kit/testing gives the arbitraries, the SLA laws and the store conformance suite', () => {
    expect(Object.keys(testing).sort()).toEqual([...testingApi].sort());
  });

  it('itsm-kit/sla gives the SLA engine and the errors', () => {
    expect(Object.keys(sla).sort()).toEqual([...errors, ...slaApi].sort());
  });

  it('itsm-kit/postgres gives the adapter, its drivers and migrations, and the errors', () => {
    expect(Object.keys(postgres).sort()).toEqual([...errors, ...storeErrors, ...postgresApi].sort());
  });

  it('every entry point shares one error class', () => {
    expect(calendar.ItsmError).toBe(root.ItsmError);
    expect(sla.ValidationError).toBe(root.ValidationError);
    expect(postgres.OutOfRangeError).toBe(root.OutOfRangeError);
    expect(postgres.ConflictError).toBe(root.ConflictError);
  });
});

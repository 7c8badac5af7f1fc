export { CmdbName, CiAttributeName, CiAttribute, CiClass, type CiAttributeInput, type CiClassInput } from './ci-class.schema';
export { CiImpactFlow, CiClassPair, CiRelationshipType, type CiRelationshipTypeInput } from './ci-relationship-type.schema';
export { DEFAULT_CI_CLASSES } from './default-ci-classes';
export { DEFAULT_CI_RELATIONSHIP_TYPES } from './default-ci-relationship-types';
export { DefineCiClassesOptions, defineCiClasses, safeDefineCiClasses, type CiClassCatalogue } from './ci-class-catalogue';
export { ConfigurationItem, CiOperationalStatus, CiRedundancy, CiAttributeValue } from './configuration-item.schema';
export { validateConfigurationItem, safeValidateConfigurationItem, type ValidateConfigurationItemOptions } from './validate-configuration-item';
export { CiRelationship } from './ci-relationship.schema';
export { validateCiRelationship, safeValidateCiRelationship, type CiRelationshipContext } from './validate-ci-relationship';
export { buildCmdbGraph, safeBuildCmdbGraph, type CmdbGraph } from './cmdb-graph';
export {
  AnalyzeImpactOptions,
  analyzeImpact,
  safeAnalyzeImpact,
  type CiImpact,
  type CiImpactAnalysis,
  type CiRedundancyState,
} from './analyze-impact';
export { CiOutage } from './ci-outage.schema';
export {
  serviceOutagesFromCiOutages,
  safeServiceOutagesFromCiOutages,
  businessServiceAvailability,
  safeBusinessServiceAvailability,
  type BusinessServiceOutage,
  type BusinessServiceAvailability,
} from './service-outages';
export { cmdbJsonSchema } from './cmdb-json-schema';
export { CiLiveStatus, RegisterConfigurationItemInput, ConfigurationItemEvent } from './configuration-item-event.schema';
export type { ConfigurationItemContext, RegisterConfigurationItemContext } from './configuration-item-context';
export { registerConfigurationItem, safeRegisterConfigurationItem } from './register-configuration-item';
export { applyConfigurationItemEvent, safeApplyConfigurationItemEvent, configurationItemEvents } from './apply-configuration-item-event';
export { CiRelationshipRecord, AddCiRelationshipInput, ciRelationshipOf } from './ci-relationship-record.schema';
export { addCiRelationship, safeAddCiRelationship, type AddCiRelationshipContext } from './add-ci-relationship';
export { removeCiRelationship, safeRemoveCiRelationship } from './remove-ci-relationship';

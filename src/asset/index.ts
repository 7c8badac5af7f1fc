export { Asset, AssetState, AssetKind, AssetDisposal, DisposalReason } from './asset.schema';
export { Money, Warranty } from './asset-fields.schema';
export { AssetEvent, OpenAssetInput } from './asset-event.schema';
export {
  AssetLifecycleOptions,
  defineAssetLifecycle,
  safeDefineAssetLifecycle,
  type AssetLifecycle,
  type AssetLifecycleOptionsInput,
} from './asset-lifecycle';
export type { AssetContext, OpenAssetContext } from './asset-context';
export { openAsset, safeOpenAsset } from './open-asset';
export { applyAssetEvent, safeApplyAssetEvent } from './apply-asset-event';
export { SoftwareLicence, LicenceEntitlement, LicenceMetric } from './software-licence.schema';
export { VersionRange } from './version-range';
export { SoftwareInstallation } from './software-installation.schema';
export {
  checkLicenceCompliance,
  safeCheckLicenceCompliance,
  type LicenceCompliance,
  type LicenceComplianceOptions,
  type ProductCompliance,
  type UncoveredInstallation,
  type UncoveredReason,
} from './check-licence-compliance';
export { assetJsonSchema } from './asset-json-schema';

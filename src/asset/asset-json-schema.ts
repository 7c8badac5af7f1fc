import { jsonSchemaOf } from '../core/json-schema-of';
import { Asset } from './asset.schema';
import { AssetEvent, OpenAssetInput } from './asset-event.schema';
import { AssetLifecycleOptions } from './asset-lifecycle';
import { SoftwareInstallation } from './software-installation.schema';
import { LicenceEntitlement, SoftwareLicence } from './software-licence.schema';

const SHAPES = {
  record: [Asset, 'output'],
  event: [AssetEvent, 'input'],
  openInput: [OpenAssetInput, 'input'],
  lifecycleOptions: [AssetLifecycleOptions, 'input'],
  softwareLicence: [SoftwareLicence, 'output'],
  licenceEntitlement: [LicenceEntitlement, 'output'],
  softwareInstallation: [SoftwareInstallation, 'input'],
} as const;

/**
 * The JSON Schema (draft 2020-12) of an asset or licence shape, for API documentation and form
 * builders. Checks across fields (a kind's fields, a state's fields, a warranty's end not
 * before its start) are applied by the library's functions, not expressible in JSON Schema.
 *
 * @param of - `record` (the stored asset), `event`, `openInput`, `lifecycleOptions`,
 *   `softwareLicence`, `licenceEntitlement` or `softwareInstallation`
 * @returns a fresh JSON Schema object
 * @throws {@link ValidationError} for an unknown `of`
 *
 * @example
 * ```ts
 * const schema = assetJsonSchema('softwareInstallation');
 * ```
 */
export function assetJsonSchema(of: keyof typeof SHAPES = 'record'): Record<string, unknown> {
  return jsonSchemaOf(SHAPES, of);
}

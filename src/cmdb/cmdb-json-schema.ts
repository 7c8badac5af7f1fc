import { jsonSchemaOf } from '../core/json-schema-of';
import { AnalyzeImpactOptions } from './analyze-impact';
import { CiClass } from './ci-class.schema';
import { DefineCiClassesOptions } from './ci-class-catalogue';
import { CiOutage } from './ci-outage.schema';
import { CiRelationshipType } from './ci-relationship-type.schema';
import { CiRelationship } from './ci-relationship.schema';
import { ConfigurationItem } from './configuration-item.schema';

const SHAPES = {
  configurationItem: [ConfigurationItem, 'output'],
  relationship: [CiRelationship, 'output'],
  ciClass: [CiClass, 'input'],
  relationshipType: [CiRelationshipType, 'input'],
  catalogueOptions: [DefineCiClassesOptions, 'input'],
  outage: [CiOutage, 'input'],
  impactOptions: [AnalyzeImpactOptions, 'input'],
} as const;

/**
 * The JSON Schema (draft 2020-12) of a CMDB shape, for API documentation, form builders and a
 * vendor's class editor. Checks across fields (a class's attributes against its parent's, an
 * item's attributes against its class) are applied by the library's functions, not expressible
 * in JSON Schema.
 *
 * @param of - `configurationItem` (the stored item), `relationship`, `ciClass`,
 *   `relationshipType`, `catalogueOptions`, `outage` or `impactOptions`
 * @returns a fresh JSON Schema object
 * @throws {@link ValidationError} for an unknown `of`
 *
 * @example
 * ```ts
 * const schema = cmdbJsonSchema('ciClass');
 * ```
 */
export function cmdbJsonSchema(of: keyof typeof SHAPES = 'configurationItem'): Record<string, unknown> {
  return jsonSchemaOf(SHAPES, of);
}

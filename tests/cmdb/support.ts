// Builders for CMDB tests: records with the fields a store fills in, so tests state only what matters.
import { defineCiClasses, type CiRelationship, type ConfigurationItem } from '../../src/cmdb/index';

export const catalogue = defineCiClasses([]);

const AT = '2026-11-23T08:00:00.000Z';

/** A configuration item of tenant `acme` with the record base filled in. */
export function ci(id: string, className: string, extra: Partial<ConfigurationItem> = {}): ConfigurationItem {
  return {
    id,
    tenantId: 'acme',
    number: `CI${id.length}`,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    openedBy: { kind: 'user', id: 'cmdb-admin' },
    className,
    name: id,
    attributes: {},
    operationalStatus: 'operational',
    ...extra,
  };
}

/** A relationship of tenant `acme`, its id made of its ends and type. */
export function rel(sourceId: string, type: string, targetId: string): CiRelationship {
  return { tenantId: 'acme', id: `${sourceId}-${type}-${targetId}`, type, sourceId, targetId };
}

// Licence fixtures shared by the compliance tests.
import type { LicenceEntitlement, LicenceMetric, SoftwareLicence, VersionRange } from '../../src/asset/index';

/** A licence record of tenant `t-1` with the given product, metric and entitlements. */
export const licence = (
  id: string,
  product: { publisher: string; product: string; versions?: VersionRange },
  metric: LicenceMetric,
  entitlements: readonly Partial<LicenceEntitlement>[],
): SoftwareLicence => ({
  id,
  tenantId: 't-1',
  number: `LIC${id}`,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  openedBy: { kind: 'user', id: 'sam-1' },
  name: `${product.product} (${id})`,
  ...product,
  metric,
  entitlements: entitlements.map((entitlement, index) => ({ id: `${id}-e${index}`, quantity: 1, validFrom: '2026-01-01T00:00:00.000Z', ...entitlement })),
});

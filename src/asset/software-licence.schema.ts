import { z } from 'zod';
import { RecordBase } from '../core/record-base.schema';
import { Instant, RecordId } from '../core/record-fields.schema';
import { Money } from './asset-fields.schema';
import { VersionRange } from './version-range';

/**
 * What one unit of a licence entitles, which is what compliance counts: an installation
 * (`per_installation`), a distinct user (`per_user`), a distinct device (`per_device`), or a
 * processor core of the devices it runs on (`per_core`).
 */
export const LicenceMetric = z.enum(['per_installation', 'per_user', 'per_device', 'per_core']);
/** What one unit of a licence entitles. */
export type LicenceMetric = z.infer<typeof LicenceMetric>;

/**
 * A quantity of licence units bought for a period: a purchase, a renewal, a true-up. Valid from
 * `validFrom` (included) to `validTo` (excluded); without `validTo` it is perpetual.
 */
export const LicenceEntitlement = z
  .strictObject({
    id: RecordId,
    /** How many units of the licence's metric. */
    quantity: z.int({ error: 'must be a whole number of units' }).min(1, { error: 'must be at least 1' }).max(1_000_000),
    validFrom: Instant,
    validTo: Instant.optional(),
    /** The order, contract or agreement number it was bought under. */
    reference: z.string().min(1, { error: 'must not be empty' }).max(128).optional(),
  })
  .refine((entitlement) => entitlement.validTo === undefined || entitlement.validTo > entitlement.validFrom, {
    error: 'must be after validFrom',
    path: ['validTo'],
  });
/** A quantity of licence units bought for a period. */
export type LicenceEntitlement = z.infer<typeof LicenceEntitlement>;

const Label = z.string().min(1, { error: 'must not be empty' }).max(200);

/**
 * A software licence: the right to run a product, counted by a metric, bought in entitlements.
 * The product is named as installations name it (publisher and product, compared without
 * regard to case), optionally limited to a range of versions. All licences of one product
 * must count by the same metric, so their entitlements can be pooled (see
 * `checkLicenceCompliance`).
 */
export const SoftwareLicence = RecordBase.extend({
  /** What people call it: `Microsoft 365 E3 (EA 2026)`. */
  name: Label,
  publisher: Label,
  product: Label,
  /** The versions it covers; every version when absent. */
  versions: VersionRange.optional(),
  metric: LicenceMetric,
  /** Purchases, renewals and true-ups; each id once. */
  entitlements: z
    .array(LicenceEntitlement)
    .max(10_000)
    .refine((entitlements) => new Set(entitlements.map((entitlement) => entitlement.id)).size === entitlements.length, {
      error: 'must not repeat an entitlement id',
    }),
  /** What it cost, in minor units. */
  cost: Money.optional(),
  /** The software asset or contract it belongs to. */
  contractId: RecordId.optional(),
});
/** A software licence: the right to run a product, counted by a metric, bought in entitlements. */
export type SoftwareLicence = z.infer<typeof SoftwareLicence>;

import { dateTimeValue, instantTextOf } from '../core/date-time-value';
import { z } from 'zod';
import { orThrow } from '../core/apply-lifecycle-event';
import { deepFreeze } from '../core/deep-freeze';
import { parseWith } from '../core/from-zod';
import { Instant } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { issue, ValidationError, type ValidationIssue } from '../core/validation-error';
import { SoftwareInstallation } from './software-installation.schema';
import { SoftwareLicence, type LicenceMetric } from './software-licence.schema';
import { versionInRange } from './version-range';

/** What {@link checkLicenceCompliance} needs besides the licences and installations. */
export interface LicenceComplianceOptions {
  /** The instant the position is taken at: only entitlements valid then count. */
  readonly at: Date | string;
}

/**
 * Why an installation is not covered: the licences of its product do not cover its version
 * (`version_not_licensed`), its product has no licence at all (`no_licence`), it lacks what the
 * metric counts (`missing_user` for per-user, `missing_cores` for per-core), or the
 * entitlements valid at the instant are used up by installations listed before it
 * (`over_entitlement`).
 */
export type UncoveredReason = 'version_not_licensed' | 'no_licence' | 'missing_user' | 'missing_cores' | 'over_entitlement';

/** An installation the licences do not cover, and why. */
export interface UncoveredInstallation {
  /** Its position in the installations given. */
  readonly index: number;
  readonly installation: SoftwareInstallation;
  readonly reason: UncoveredReason;
}

/** The licence position of one product at an instant. */
export interface ProductCompliance {
  /** As the first licence spells it, or the first installation when there is no licence. */
  readonly publisher: string;
  readonly product: string;
  /** The metric its licences count by; undefined when it has none (then `used` counts installations). */
  readonly metric: LicenceMetric | undefined;
  /** The ids of its licences, in the order given. */
  readonly licenceIds: readonly string[];
  /** Units of the entitlements valid at the instant. */
  readonly entitled: number;
  /** Units the countable installations use, per the metric. */
  readonly used: number;
  /** `entitled - used`: negative is a shortfall. */
  readonly balance: number;
  /** Units to buy: `max(0, used - entitled)`. */
  readonly shortfall: number;
  /** Units to spare: `max(0, entitled - used)`. */
  readonly surplus: number;
  /** True when every installation of the product is covered. */
  readonly compliant: boolean;
  /** The installations not covered, in the order given. */
  readonly uncovered: readonly UncoveredInstallation[];
}

/** The licence position of every product licensed or installed, at an instant. */
export interface LicenceCompliance {
  readonly at: Instant;
  /** True when every product is compliant. */
  readonly compliant: boolean;
  /** One entry per product, ordered by publisher and product. */
  readonly products: readonly ProductCompliance[];
}

const Arguments = z.strictObject({
  licences: z.array(SoftwareLicence).max(100_000),
  installations: z.array(SoftwareInstallation).max(1_000_000),
  options: z.strictObject({
    at: z.union([z.custom<Date>((value) => dateTimeValue(value) !== undefined), Instant], { error: 'must be a Date or an instant in UTC with milliseconds, such as 2026-11-23T08:00:00.000Z' }),
  }),
});

/** Publisher and product as compared: discovery tools and contracts differ in case only too often. */
const productKey = (item: { publisher: string; product: string }): string => JSON.stringify([item.publisher.toLowerCase(), item.product.toLowerCase()]);

interface Position {
  publisher: string;
  product: string;
  licences: SoftwareLicence[];
  installations: { index: number; installation: SoftwareInstallation }[];
}

/**
 * Takes the licence position of every product at an instant: for each product licensed or
 * installed, the units entitled (only entitlements valid at `at`), the units used per the
 * metric, the shortfall or surplus, whether it is compliant, and which installations are not
 * covered and why. Pure: the same data gives the same answer.
 *
 * Installations are counted per the product's metric: per installation, per distinct user,
 * per distinct device, or per core (the cores of each distinct device, once, however many
 * installations it holds). The entitlements of a product's licences are pooled; an installation
 * counts only when one of them covers its version. Units are covered in the order the
 * installations are given, while the entitlements last; list the ones that matter most first.
 *
 * @param licences - the tenant's licences ({@link SoftwareLicence} records)
 * @param installations - what discovery found ({@link SoftwareInstallation} data)
 * @param options - `at`, the instant of the position
 * @returns the position per product and overall
 * @throws {@link ValidationError} naming the path of every problem, such as
 *   `licences[2].entitlements[0].quantity`, licences of several tenants, a licence given twice,
 *   or two licences of one product with different metrics
 *
 * @example
 * ```ts
 * const position = checkLicenceCompliance(licences, installations, { at: new Date() });
 * for (const product of position.products.filter((entry) => !entry.compliant)) {
 *   console.log(`${product.product}: buy ${product.shortfall}`);
 * }
 * ```
 */
export function checkLicenceCompliance(
  licences: readonly SoftwareLicence[],
  installations: readonly SoftwareInstallation[],
  options: LicenceComplianceOptions,
): LicenceCompliance {
  return orThrow(safeCheckLicenceCompliance(licences, installations, options));
}

/**
 * Like {@link checkLicenceCompliance}, but returns the error instead of throwing it, and takes
 * `unknown`: the function for data read from an inventory feed.
 *
 * @param licences - anything; typically licence records from the store
 * @param installations - anything; typically a discovery tool's export
 * @param options - as for {@link checkLicenceCompliance}
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws never; every problem is in the returned error
 *
 * @example
 * ```ts
 * const result = safeCheckLicenceCompliance(licences, JSON.parse(feed), { at: '2026-11-23T08:00:00.000Z' });
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export function safeCheckLicenceCompliance(licences: unknown, installations: unknown, options: unknown): SafeResult<LicenceCompliance, ValidationError> {
  const parsed = parseWith(Arguments, { licences, installations, options }, 'licence compliance');
  if (!parsed.success) return parsed;
  const { at: given } = parsed.data.options;
  // A Date of any realm, read through Date itself: never its own getTime or toISOString.
  const at = typeof given === 'string' ? given : instantTextOf(dateTimeValue(given) ?? Number.NaN);
  if (at === undefined) {
    return { success: false, error: new ValidationError([issue(['options', 'at'], 'must be a valid date from year 0 to 9999')], 'licence compliance') };
  }

  const positions = new Map<string, Position>();
  const positionOf = (item: { publisher: string; product: string }): Position => {
    const key = productKey(item);
    let position = positions.get(key);
    if (position === undefined) {
      position = { publisher: item.publisher, product: item.product, licences: [], installations: [] };
      positions.set(key, position);
    }
    return position;
  };
  const issues: ValidationIssue[] = [];
  const [first] = parsed.data.licences;
  const seen = new Set<string>();
  for (const [index, licence] of parsed.data.licences.entries()) {
    // The same licence twice would count its entitlements twice.
    if (seen.has(licence.id)) issues.push(issue(['licences', index, 'id'], 'must not repeat a licence given before', licence.id));
    seen.add(licence.id);
    // Tenants never meet: a position across tenants would pool one tenant's entitlements for another's installations.
    if (first !== undefined && licence.tenantId !== first.tenantId) issues.push(issue(['licences', index, 'tenantId'], `must be the tenant of licences[0] (${first.tenantId})`));
    const position = positionOf(licence);
    const other = position.licences.find((known) => known.metric !== licence.metric);
    if (other !== undefined) issues.push(issue(['licences', index, 'metric'], `must be ${other.metric}, the metric of licence ${other.id} for the same product`));
    position.licences.push(licence);
  }
  if (issues.length > 0) return { success: false, error: new ValidationError(issues, 'licence compliance') };
  for (const [index, installation] of parsed.data.installations.entries()) positionOf(installation).installations.push({ index, installation });

  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const products = [...positions.values()]
    .sort((a, b) => compare(a.publisher.toLowerCase(), b.publisher.toLowerCase()) || compare(a.product.toLowerCase(), b.product.toLowerCase()))
    .map((position) => productPosition(position, at));
  return { success: true, data: deepFreeze({ at, compliant: products.every((product) => product.compliant), products }) };
}

/**
 * What an installation weighs under a metric: its unit (what is counted once) and its size.
 * `coresOf` gives each device's cores as its in-range installations report them: an installation
 * that does not report them is counted with its device when another one does.
 */
function unitOf(metric: LicenceMetric, index: number, installation: SoftwareInstallation, coresOf: ReadonlyMap<string, number>): { unit: string; size: number } | UncoveredReason {
  switch (metric) {
    case 'per_installation':
      return { unit: `#${index}`, size: 1 };
    case 'per_device':
      return { unit: installation.deviceId, size: 1 };
    case 'per_user':
      return installation.userId === undefined ? 'missing_user' : { unit: installation.userId, size: 1 };
    case 'per_core': {
      const cores = installation.cores ?? coresOf.get(installation.deviceId);
      return cores === undefined ? 'missing_cores' : { unit: installation.deviceId, size: cores };
    }
  }
}

function productPosition(position: Position, at: Instant): ProductCompliance {
  const uncovered: UncoveredInstallation[] = [];
  const metric = position.licences[0]?.metric;
  const entitled = position.licences
    .flatMap((licence) => licence.entitlements)
    .filter((entitlement) => entitlement.validFrom <= at && (entitlement.validTo === undefined || at < entitlement.validTo))
    .reduce((sum, entitlement) => sum + entitlement.quantity, 0);
  // Licences are placed before installations, so the spelling is the first licence's when there is one.
  const names = { publisher: position.publisher, product: position.product };
  if (metric === undefined) {
    for (const found of position.installations) uncovered.push({ ...found, reason: 'no_licence' });
    const used = position.installations.length;
    return { ...names, metric, licenceIds: [], entitled, used, balance: -used, shortfall: used, surplus: 0, compliant: used === 0, uncovered };
  }

  // Units in order of first appearance; a device's size is the most cores reported for it.
  const units = new Map<string, { size: number; members: { index: number; installation: SoftwareInstallation }[] }>();
  const inRange = position.installations.filter((found) => position.licences.some((licence) => versionInRange(found.installation.version, licence.versions)));
  // A device's cores count once, whichever of its installations reports them.
  const coresOf = new Map<string, number>();
  for (const { installation } of inRange) {
    if (installation.cores !== undefined) coresOf.set(installation.deviceId, Math.max(coresOf.get(installation.deviceId) ?? 0, installation.cores));
  }
  const licensed = new Set(inRange);
  for (const found of position.installations) {
    if (!licensed.has(found)) {
      uncovered.push({ ...found, reason: 'version_not_licensed' });
      continue;
    }
    const weighed = unitOf(metric, found.index, found.installation, coresOf);
    if (typeof weighed === 'string') {
      uncovered.push({ ...found, reason: weighed });
      continue;
    }
    const unit = units.get(weighed.unit);
    if (unit === undefined) units.set(weighed.unit, { size: weighed.size, members: [found] });
    else {
      unit.size = Math.max(unit.size, weighed.size);
      unit.members.push(found);
    }
  }
  let used = 0;
  let covering = true;
  for (const unit of units.values()) {
    used += unit.size;
    // Once a unit does not fit, later ones are not covered either: coverage follows the order given.
    if (covering && used > entitled) covering = false;
    if (!covering) for (const found of unit.members) uncovered.push({ ...found, reason: 'over_entitlement' });
  }
  uncovered.sort((a, b) => a.index - b.index);
  return {
    ...names,
    metric,
    licenceIds: position.licences.map((licence) => licence.id),
    entitled,
    used,
    balance: entitled - used,
    shortfall: Math.max(0, used - entitled),
    surplus: Math.max(0, entitled - used),
    compliant: uncovered.length === 0,
    uncovered,
  };
}

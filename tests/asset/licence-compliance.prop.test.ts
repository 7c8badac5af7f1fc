import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  checkLicenceCompliance,
  safeCheckLicenceCompliance,
  type LicenceMetric,
  type ProductCompliance,
  type SoftwareInstallation,
  type SoftwareLicence,
  type VersionRange,
} from '../../src/asset/index';
import { anyValue } from '../support';
import { licence } from './licence-support';

const at = '2026-11-23T08:00:00.000Z';
const metrics: readonly LicenceMetric[] = ['per_installation', 'per_user', 'per_device', 'per_core'];
const products = [
  { publisher: 'Adobe', product: 'Acrobat' },
  { publisher: 'Microsoft', product: 'Visio' },
  { publisher: 'MICROSOFT', product: 'visio' },
  { publisher: 'Oracle', product: 'Database' },
];
const key = (item: { publisher: string; product: string }): string => `${item.publisher.toLowerCase()}/${item.product.toLowerCase()}`;

// The oracle for version ranges, written out by hand rather than computed.
const ranges: readonly (VersionRange | undefined)[] = [undefined, { from: '2020' }, { to: '2021' }, { from: '2019', to: '2021.5' }];
const versions = ['2019.2', '2021.3', '2021.7', '2024.1.0', 'beta', undefined] as const;
const COVERS: readonly (readonly boolean[])[] = [
  [true, true, true, true, true, true],
  [false, true, true, true, false, false],
  [true, true, true, false, false, false],
  [true, true, false, false, false, false],
];
const covers = (range: VersionRange | undefined, version: string | undefined): boolean => COVERS[ranges.indexOf(range)]?.[versions.indexOf(version as never)] ?? false;

const instants = ['2025-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', at, '2027-01-01T00:00:00.000Z'];
const entitlement = fc
  .record({ quantity: fc.integer({ min: 1, max: 6 }), from: fc.nat({ max: 3 }), length: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) })
  .map(({ quantity, from, length }) => {
    const validTo = length === undefined ? undefined : instants[from + length];
    return { quantity, validFrom: instants[from] as string, ...(validTo === undefined ? {} : { validTo }) };
  });

/** Licences whose products each have one metric, as the function requires. */
const licences: fc.Arbitrary<SoftwareLicence[]> = fc
  .record({
    metricOf: fc.array(fc.constantFrom(...metrics), { minLength: 3, maxLength: 3 }),
    specs: fc.array(fc.record({ product: fc.nat({ max: products.length - 1 }), range: fc.nat({ max: ranges.length - 1 }), entitlements: fc.array(entitlement, { maxLength: 3 }) }), { maxLength: 5 }),
  })
  .map(({ metricOf, specs }) =>
    specs.map((spec, index) => {
      const product = products[spec.product] ?? products[0];
      const range = ranges[spec.range];
      const metric = metricOf[['adobe/acrobat', 'microsoft/visio', 'oracle/database'].indexOf(key(product ?? products[0]!))] ?? 'per_installation';
      return licence(`l${index}`, { ...product!, ...(range === undefined ? {} : { versions: range }) }, metric, spec.entitlements);
    }),
  );

const installation: fc.Arbitrary<SoftwareInstallation> = fc
  .record({
    product: fc.nat({ max: products.length - 1 }),
    version: fc.constantFrom(...versions),
    deviceId: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
    userId: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }),
    cores: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  })
  .map(({ product, version, userId, cores, deviceId }) => ({
    ...products[product]!,
    deviceId,
    ...(version === undefined ? {} : { version }),
    ...(userId === undefined ? {} : { userId }),
    ...(cores === undefined ? {} : { cores }),
  }));
const installations = fc.array(installation, { maxLength: 25 });

/** The position of one product, counted the slow, obvious way. */
function bruteForce(all: readonly SoftwareLicence[], found: readonly SoftwareInstallation[], product: string) {
  const mine = all.filter((candidate) => key(candidate) === product);
  const entitled = mine
    .flatMap((candidate) => candidate.entitlements)
    .filter((candidate) => candidate.validFrom <= at && (candidate.validTo === undefined || candidate.validTo > at))
    .reduce((sum, candidate) => sum + candidate.quantity, 0);
  const installed = found.filter((candidate) => key(candidate) === product);
  const metric = mine[0]?.metric;
  if (metric === undefined) return { entitled, used: installed.length, compliant: installed.length === 0, uncountable: 0 };
  const inRange = installed.filter((candidate) => mine.some((owned) => covers(owned.versions, candidate.version)));
  // A device's cores count once: any in-range installation on it that reports them gives them.
  const coredDevices = new Set(inRange.filter((candidate) => candidate.cores !== undefined).map((candidate) => candidate.deviceId));
  const measurable = inRange.filter((candidate) => (metric === 'per_user' ? candidate.userId !== undefined : metric === 'per_core' ? coredDevices.has(candidate.deviceId) : true));
  let used: number;
  if (metric === 'per_installation') used = measurable.length;
  else if (metric === 'per_device') used = new Set(measurable.map((candidate) => candidate.deviceId)).size;
  else if (metric === 'per_user') used = new Set(measurable.map((candidate) => candidate.userId)).size;
  else {
    const cores = new Map<string, number>();
    for (const candidate of measurable) cores.set(candidate.deviceId, Math.max(cores.get(candidate.deviceId) ?? 0, candidate.cores ?? 0));
    used = [...cores.values()].reduce((sum, count) => sum + count, 0);
  }
  return { entitled, used, compliant: measurable.length === installed.length && used <= entitled, uncountable: inRange.length - measurable.length };
}

const byKey = (position: { products: readonly ProductCompliance[] }): Map<string, ProductCompliance> => new Map(position.products.map((product) => [key(product), product]));

describe('licence compliance laws', () => {
  test.prop([licences, installations])('compliance, and the installations the metric cannot count, equal a brute-force count per metric', (owned, found) => {
    const position = checkLicenceCompliance(owned, found, { at });
    const expected = new Set([...owned, ...found].map(key));
    expect(position.products.map(key).sort()).toEqual([...expected].sort());
    for (const product of position.products) {
      const { entitled, used, compliant, uncountable } = bruteForce(owned, found, key(product));
      expect({ entitled: product.entitled, used: product.used, compliant: product.compliant }).toEqual({ entitled, used, compliant });
      // The installations the metric cannot count are exactly those reported as such.
      expect(product.uncovered.filter((found) => found.reason === 'missing_user' || found.reason === 'missing_cores').length).toBe(uncountable);
      expect(product.shortfall - product.surplus).toBe(used - entitled);
      expect(product.uncovered.length === 0).toBe(compliant);
    }
    expect(position.compliant).toBe(position.products.every((product) => product.compliant));
  });

  test.prop([licences, installations, fc.nat(), entitlement])('adding an entitlement never makes a compliant product non-compliant', (owned, found, pick, added) => {
    fc.pre(owned.length > 0);
    const index = pick % owned.length;
    const target = owned[index]!;
    const more = owned.map((candidate, position) =>
      position === index ? { ...candidate, entitlements: [...candidate.entitlements, { id: 'added', ...added }] } : candidate,
    );
    const before = byKey(checkLicenceCompliance(owned, found, { at }));
    const after = byKey(checkLicenceCompliance(more, found, { at }));
    const product = key(target);
    if (before.get(product)?.compliant === true) expect(after.get(product)?.compliant).toBe(true);
    expect(after.get(product)!.entitled).toBeGreaterThanOrEqual(before.get(product)!.entitled);
    expect(after.get(product)!.uncovered.length).toBeLessThanOrEqual(before.get(product)!.uncovered.length);
  });

  // Not "never makes a non-compliant product compliant": a product is also non-compliant while a
  // per-core installation's device has no known core count, and a second installation on that
  // device that reports its cores settles that (a device's cores count once).
  test.prop([licences, installations, installation])('adding an installation never lowers the use counted, nor makes an over-used product compliant', (owned, found, added) => {
    const before = byKey(checkLicenceCompliance(owned, found, { at }));
    const after = byKey(checkLicenceCompliance(owned, [...found, added], { at }));
    for (const [product, position] of before) {
      if (position.used > position.entitled) expect(after.get(product)?.compliant).toBe(false);
      expect(after.get(product)!.used).toBeGreaterThanOrEqual(position.used);
    }
  });

  it('lets an installation that reports a device\'s cores settle another on that device that did not', () => {
    const owned = [licence('l0', { publisher: 'Microsoft', product: 'Visio' }, 'per_core', [{ quantity: 1, validFrom: '2025-01-01T00:00:00.000Z' }])];
    const unknown = { publisher: 'Microsoft', product: 'Visio', deviceId: 'd4', version: '2019.2' };
    const before = checkLicenceCompliance(owned, [unknown], { at }).products[0]!;
    expect(before).toMatchObject({ compliant: false, used: 0 });
    expect(before.uncovered.map((entry) => entry.reason)).toEqual(['missing_cores']);
    const after = checkLicenceCompliance(owned, [unknown, { ...unknown, cores: 1 }], { at }).products[0]!;
    expect(after).toMatchObject({ compliant: true, used: 1, entitled: 1, uncovered: [] });
  });

  test.prop([licences, installations])('the covered installations never use more than is entitled', (owned, found) => {
    for (const product of checkLicenceCompliance(owned, found, { at }).products) {
      if (product.metric === undefined) continue;
      const uncovered = new Set(product.uncovered.map((entry) => entry.index));
      const covered = found.filter((candidate, index) => key(candidate) === key(product) && !uncovered.has(index));
      const only = (owned.filter((candidate) => key(candidate) === key(product)));
      expect(bruteForce(only, covered, key(product)).used).toBeLessThanOrEqual(product.entitled);
    }
  });

  test.prop([licences, installations])('the order of the licences does not change the position', (owned, found) => {
    const forwards = checkLicenceCompliance(owned, found, { at });
    const backwards = checkLicenceCompliance([...owned].reverse(), found, { at });
    const strip = (position: typeof forwards) =>
      position.products.map(({ licenceIds, publisher: _publisher, product: _product, ...rest }) => ({ ...rest, licenceIds: [...licenceIds].sort() }));
    expect(strip(backwards)).toEqual(strip(forwards));
  });
});

describe('licence compliance given anything', () => {
  const owned = [licence('1', products[1]!, 'per_user', [{ quantity: 2 }])];
  test.prop([anyValue])('any value as the licences is a validation error unless it is a list of licences', (value) => {
    const result = safeCheckLicenceCompliance(value, [], { at });
    if (result.success) expect(value).toEqual([]);
    else expect(result.error.code).toBe('validation');
  });

  test.prop([anyValue])('any value as the installations is a validation error unless it is a list of installations', (value) => {
    const result = safeCheckLicenceCompliance(owned, value, { at });
    if (result.success) expect(value).toEqual([]);
    else expect(result.error.code).toBe('validation');
  });

  test.prop([anyValue])('any value as the options is a validation error', (value) => {
    const result = safeCheckLicenceCompliance(owned, [], value);
    expect(result.success ? 'accepted' : result.error.code).toBe('validation');
  });

  test.prop([fc.array(fc.jsonValue(), { maxLength: 3 })])('any JSON list as the installations is a validation error unless every entry is an installation', (value) => {
    const result = safeCheckLicenceCompliance(owned, value, { at });
    expect(result.success ? 'accepted' : result.error.code).toBe(value.length === 0 ? 'accepted' : 'validation');
  });
});

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index';
import { checkLicenceCompliance, safeCheckLicenceCompliance, type SoftwareInstallation, type SoftwareLicence } from '../../src/asset/index';
import { thrown } from '../support';
import { licence } from './licence-support';

const at = '2026-11-23T08:00:00.000Z';
const visio = { publisher: 'Microsoft', product: 'Visio' };
const sql = { publisher: 'Microsoft', product: 'SQL Server' };
const install = (fields: Partial<SoftwareInstallation> & { deviceId: string }): SoftwareInstallation => ({ ...visio, ...fields });
const pathsOf = (result: { success: boolean; error?: unknown }): string[] =>
  result.error instanceof ValidationError ? result.error.issues.map((found) => found.path.join('.')) : [];

describe('checkLicenceCompliance', () => {
  it('takes a Date of another realm as the instant, read through Date itself', () => {
    const licences = [licence('l1', visio, 'per_installation', [{ quantity: 1 }])];
    const installations = [install({ deviceId: 'pc-1' })];
    const foreign = runInNewContext('new Date("2026-11-23T08:00:00.000Z")') as Date;
    expect(checkLicenceCompliance(licences, installations, { at: foreign }).at).toBe('2026-11-23T08:00:00.000Z');
    // Its own toISOString is not what is read.
    const liar = Object.assign(new Date('2026-11-23T08:00:00.000Z'), { toISOString: () => '2099-01-01T00:00:00.000Z' });
    expect(checkLicenceCompliance(licences, installations, { at: liar }).at).toBe('2026-11-23T08:00:00.000Z');
  });

  it('counts only the entitlements valid at the instant, the end excluded', () => {
    const licences = [
      licence('1', visio, 'per_installation', [
        { quantity: 5 },
        { quantity: 7, validFrom: '2025-01-01T00:00:00.000Z', validTo: at },
        { quantity: 11, validFrom: '2026-12-01T00:00:00.000Z' },
        { quantity: 2, validFrom: at, validTo: '2027-01-01T00:00:00.000Z' },
      ]),
    ];
    expect(checkLicenceCompliance(licences, [], { at }).products[0]).toMatchObject({ entitled: 7, used: 0, surplus: 7, shortfall: 0, balance: 7, compliant: true });
    expect(checkLicenceCompliance(licences, [], { at: new Date('2026-12-01T00:00:00.000Z') }).products[0]?.entitled).toBe(18);
  });

  it('counts per metric: installations, distinct devices, distinct users, the cores of distinct devices', () => {
    const installations = [
      install({ deviceId: 'pc-1', userId: 'ana', cores: 4 }),
      install({ deviceId: 'pc-1', userId: 'ben', cores: 4 }),
      install({ deviceId: 'pc-2', userId: 'ana', cores: 8 }),
      install({ deviceId: 'pc-2', userId: 'ana', cores: 16 }),
    ];
    const used = (metric: 'per_installation' | 'per_device' | 'per_user' | 'per_core') =>
      checkLicenceCompliance([licence('1', visio, metric, [{ quantity: 100 }])], installations, { at }).products[0]?.used;
    expect([used('per_installation'), used('per_device'), used('per_user'), used('per_core')]).toEqual([4, 2, 2, 4 + 16]);
  });

  it('keeps apart products whose publisher and product run into each other', () => {
    const first = { publisher: 'A\u0000B', product: 'C' };
    const second = { publisher: 'A', product: 'B\u0000C' };
    const position = checkLicenceCompliance([licence('1', first, 'per_installation', [{ quantity: 1 }]), licence('2', second, 'per_device', [{ quantity: 1 }])], [], { at });
    expect(position.products.map((product) => [product.publisher, product.product, product.metric])).toEqual([
      ['A', 'B\u0000C', 'per_device'],
      ['A\u0000B', 'C', 'per_installation'],
    ]);
  });

  it("counts a device's cores once when only some of its installations report them", () => {
    const oracle = { publisher: 'Oracle', product: 'Database' };
    const installations = [
      { ...oracle, deviceId: 'db-1', cores: 8 },
      { ...oracle, deviceId: 'db-1' },
    ];
    const product = checkLicenceCompliance([licence('1', oracle, 'per_core', [{ quantity: 8 }])], installations, { at }).products[0];
    expect(product).toMatchObject({ used: 8, compliant: true, uncovered: [] });
    // A device no in-range installation gives cores for cannot be counted.
    const unknown = checkLicenceCompliance([licence('1', oracle, 'per_core', [{ quantity: 8 }])], [{ ...oracle, deviceId: 'db-2' }], { at }).products[0];
    expect(unknown?.uncovered.map((found) => found.reason)).toEqual(['missing_cores']);
  });

  it('names the installations beyond the entitlement, in the order given, with the shortfall', () => {
    const installations = ['pc-1', 'pc-2', 'pc-1', 'pc-3', 'pc-4'].map((deviceId, index) => install({ deviceId, id: `i-${index}` }));
    const position = checkLicenceCompliance([licence('1', visio, 'per_device', [{ quantity: 2 }])], installations, { at });
    expect(position.compliant).toBe(false);
    expect(position.products[0]).toMatchObject({ metric: 'per_device', entitled: 2, used: 4, shortfall: 2, surplus: 0, balance: -2, compliant: false });
    expect(position.products[0]?.uncovered.map(({ index, installation, reason }) => [index, installation.id, reason])).toEqual([
      [3, 'i-3', 'over_entitlement'],
      [4, 'i-4', 'over_entitlement'],
    ]);
  });

  it('covers a per-core device whole or not at all', () => {
    const installations = [install({ deviceId: 'db-1', cores: 8 }), install({ deviceId: 'db-2', cores: 16 }), install({ deviceId: 'db-3', cores: 4 })];
    const product = checkLicenceCompliance([licence('1', visio, 'per_core', [{ quantity: 20 }])], installations, { at }).products[0];
    expect(product).toMatchObject({ used: 28, shortfall: 8 });
    expect(product?.uncovered.map((found) => found.installation.deviceId)).toEqual(['db-2', 'db-3']);
  });

  it('does not count what the metric cannot measure, and says why', () => {
    const users = checkLicenceCompliance([licence('1', visio, 'per_user', [{ quantity: 5 }])], [install({ deviceId: 'pc-1' })], { at }).products[0];
    expect(users).toMatchObject({ used: 0, compliant: false, uncovered: [{ index: 0, reason: 'missing_user' }] });
    const cores = checkLicenceCompliance([licence('1', visio, 'per_core', [{ quantity: 5 }])], [install({ deviceId: 'pc-1' })], { at }).products[0];
    expect(cores?.uncovered[0]?.reason).toBe('missing_cores');
  });

  it('covers only the versions in a licence range, a bound standing for every version that starts with it', () => {
    const licences = [licence('1', { ...visio, versions: { from: '2019', to: '2021' } }, 'per_installation', [{ quantity: 10 }])];
    const versions = ['2019', '2021.9.1', '16.0 SP2', '2022.0', '2018.12', 'Preview'];
    const product = checkLicenceCompliance(licences, [...versions.map((version) => install({ deviceId: 'pc', version })), install({ deviceId: 'pc' })], { at }).products[0];
    expect(product?.used).toBe(2);
    expect(product?.uncovered.map((found) => [found.installation.version, found.reason])).toEqual([
      ['16.0 SP2', 'version_not_licensed'],
      ['2022.0', 'version_not_licensed'],
      ['2018.12', 'version_not_licensed'],
      ['Preview', 'version_not_licensed'],
      [undefined, 'version_not_licensed'],
    ]);
  });

  it('pools the licences of a product and matches names without regard to case', () => {
    const licences = [licence('1', visio, 'per_user', [{ quantity: 1 }]), licence('2', { publisher: 'MICROSOFT', product: 'visio' }, 'per_user', [{ quantity: 1 }])];
    const position = checkLicenceCompliance(licences, [install({ deviceId: 'a', userId: 'ana' }), install({ deviceId: 'b', userId: 'ben', publisher: 'microsoft' })], { at });
    expect(position.products).toHaveLength(1);
    expect(position.products[0]).toMatchObject({ publisher: 'Microsoft', product: 'Visio', licenceIds: ['1', '2'], entitled: 2, used: 2, compliant: true });
  });

  it('reports installed products without a licence, and licences without installations, ordered by name', () => {
    const position = checkLicenceCompliance([licence('1', visio, 'per_user', [{ quantity: 3 }])], [install({ ...sql, deviceId: 'db-1' })], { at });
    expect(position.products.map((product) => [product.product, product.metric, product.entitled, product.used, product.compliant])).toEqual([
      ['SQL Server', undefined, 0, 1, false],
      ['Visio', 'per_user', 3, 0, true],
    ]);
    expect(position.products[0]?.uncovered[0]?.reason).toBe('no_licence');
    expect(position).toMatchObject({ at, compliant: false });
  });

  it('is compliant with nothing to check', () => {
    expect(checkLicenceCompliance([], [], { at })).toEqual({ at, compliant: true, products: [] });
  });
});

describe('checkLicenceCompliance given bad input', () => {
  it('refuses two metrics for one product, licences of two tenants and a licence given twice, naming the licence', () => {
    const licences: SoftwareLicence[] = [
      licence('1', visio, 'per_user', []),
      licence('2', visio, 'per_device', []),
      { ...licence('3', sql, 'per_core', []), tenantId: 't-2' },
      licence('4', { publisher: 'Adobe', product: 'Acrobat' }, 'per_user', []),
      licence('4', { publisher: 'Adobe', product: 'Acrobat' }, 'per_user', []),
    ];
    const result = safeCheckLicenceCompliance(licences, [], { at });
    expect(pathsOf(result)).toEqual(['licences.1.metric', 'licences.2.tenantId', 'licences.4.id']);
    expect(thrown(() => checkLicenceCompliance(licences, [], { at }))).toBeInstanceOf(ValidationError);
  });

  it('names the paths of bad licences, entitlements, installations and options', () => {
    const broken = licence('1', { ...visio, versions: { from: '2021', to: '2019.4' } }, 'per_seat' as never, [
      { quantity: 0 },
      { id: '1-e0', validFrom: at, validTo: at },
    ]);
    const result = safeCheckLicenceCompliance([broken], [{ ...visio, deviceId: '', cores: 2.5 }], { at: '23/11/2026' });
    expect(pathsOf(result)).toEqual([
      'licences.0.versions.to',
      'licences.0.metric',
      'licences.0.entitlements.0.quantity',
      'licences.0.entitlements.1.validTo',
      'licences.0.entitlements',
      'installations.0.deviceId',
      'installations.0.cores',
      'options.at',
    ]);
  });

  it('refuses an invalid Date and one past the year 9999', () => {
    expect(pathsOf(safeCheckLicenceCompliance([], [], { at: new Date(Number.NaN) }))).toEqual(['options.at']);
    expect(pathsOf(safeCheckLicenceCompliance([], [], { at: new Date('+010000-01-01T00:00:00.000Z') }))).toEqual(['options.at']);
  });
});

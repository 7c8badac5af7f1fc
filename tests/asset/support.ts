// Shared fixtures of the asset tests.
import { openAsset, type Asset, type AssetLifecycle, type OpenAssetInput } from '../../src/asset/index';

export const manager = { kind: 'user', id: 'am-1' } as const;
export const user = { kind: 'user', id: 'u-7' } as const;
export const start = Date.parse('2026-11-23T08:00:00.000Z');

let ids = 0;
/** Fresh ids for journal entries. */
export const newId = (): string => `id-${++ids}`;

/** A minute after the record's last change. */
export const contextFor = (record: { updatedAt: string }, lifecycle?: AssetLifecycle) => ({
  now: new Date(Date.parse(record.updatedAt) + 60_000),
  actor: manager,
  newId,
  ...(lifecycle === undefined ? {} : { lifecycle }),
});

export const laptop: OpenAssetInput = {
  kind: 'hardware',
  assetTag: 'LAP-0042',
  name: 'ThinkPad T14 Gen 5',
  manufacturer: 'Lenovo',
  cost: { amountMinor: 129_900, currency: 'EUR' },
  purchaseDate: '2026-11-20',
  warranty: { start: '2026-11-20', end: '2029-11-19' },
};

export const acrobat: OpenAssetInput = { kind: 'software', assetTag: 'SW-0007', name: 'Acrobat Pro 2024', publisher: 'Adobe', product: 'Acrobat Pro' };

/** An asset ordered at `start`. */
export const ordered = (lifecycle?: AssetLifecycle, input: Partial<OpenAssetInput> = {}): Asset =>
  openAsset({ ...laptop, ...input }, { now: new Date(start), actor: manager, newId: () => 'ast-1', tenantId: 't-1', number: 'AST0000001', ...(lifecycle === undefined ? {} : { lifecycle }) })
    .record;

/** A context whose field cannot be read: a getter that throws, or a value that is a Proxy throwing on every trap. */
export function hostileContext<T extends object>(context: T, field: string, how: 'getter' | 'proxy'): T {
  const copy: Record<string, unknown> = { ...(context as Record<string, unknown>) };
  const fail = (): never => {
    throw new TypeError(`no ${field} today`);
  };
  if (how === 'getter') Object.defineProperty(copy, field, { get: fail, enumerable: true });
  else copy[field] = new Proxy([], { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
  return copy as T;
}

// Shared fixtures of the service tests: the stores (memory, PGlite, and the PostgreSQL server
// named by ITSM_TEST_PG_URL when it is set), a service with a hand-driven clock, and a snapshot
// of everything a tenant has in a store, to prove a command wrote nothing.
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ConflictError, createMemoryStore, defineCalendar, DEFAULT_INCIDENT_SLA_POLICY, type ItsmStore, type StoreTransaction } from '../../src/index';
import { createPostgresStore, migratePostgres, pgliteDriver, pgPoolDriver, type PostgresDriver } from '../../src/postgres/index';
import { createItsm, type Itsm, type ItsmOptions } from '../../src/service/index';

export const agent = { kind: 'user', id: 'agent-1', name: 'Ada Agent' } as const;
export const caller = { kind: 'user', id: 'caller-1' } as const;
export const OPENED = '2026-11-23T08:00:00.000Z';
export const HOUR = 3_600_000;

/** Open every hour of every day, so SLA figures are plain wall-clock arithmetic. */
const allWeek = [{ start: '00:00', end: '24:00' }];
export const alwaysOpen = defineCalendar({
  timeZone: 'UTC',
  week: { monday: allWeek, tuesday: allWeek, wednesday: allWeek, thursday: allWeek, friday: allWeek, saturday: allWeek, sunday: allWeek },
});

export const vpnDown = { shortDescription: 'VPN drops every ten minutes', caller, impact: 2, urgency: 2 } as const;

let pglite: Promise<PostgresDriver> | undefined;
/** One PGlite database per test file; tests keep apart by tenant. */
export const sharedPglite = (): Promise<PostgresDriver> =>
  (pglite ??= (async () => {
    const driver = pgliteDriver(await PGlite.create());
    await migratePostgres(driver);
    return driver;
  })());

const serverUrl = process.env.ITSM_TEST_PG_URL;
let server: { readonly pool: pg.Pool; readonly driver: Promise<PostgresDriver> } | undefined;
/** One pool to the PostgreSQL server per test file, migrated once. */
const sharedServer = (url: string): Promise<PostgresDriver> =>
  (server ??= (() => {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const driver = pgPoolDriver(pool);
    return { pool, driver: migratePostgres(driver).then(() => driver) };
  })()).driver;

/** Closes the file's databases: its PGlite database and its pool to the server, if opened. */
export async function closeDatabases(): Promise<void> {
  const opened = pglite;
  const connected = server;
  pglite = undefined;
  server = undefined;
  if (opened !== undefined) await (await opened).close();
  if (connected !== undefined) await connected.pool.end();
}

export interface StoreKind {
  readonly name: string;
  readonly make: (this: void) => Promise<ItsmStore>;
}

export const STORES: readonly StoreKind[] = [
  { name: 'memory', make: () => Promise.resolve(createMemoryStore()) },
  { name: 'PGlite', make: async () => createPostgresStore(await sharedPglite()) },
  ...(serverUrl === undefined || serverUrl === '' ? [] : [{ name: 'PostgreSQL', make: async () => createPostgresStore(await sharedServer(serverUrl)) }]),
];

let tenants = 0;
// The server outlives a test run, so tenants of this run must differ from those of earlier ones.
const run = randomUUID().slice(0, 8);
/** A tenant no other test uses, in this run or an earlier one, so tests can share a database. */
/**
 * An object whose `field` answers `value` when first read and throws when read again: a caller's
 * object a command must read once. `reads()` says how often it was read.
 */
export function readableOnce(field: string, value: unknown): { readonly object: object; readonly reads: () => number } {
  let reads = 0;
  const object = Object.defineProperty({}, field, {
    enumerable: true,
    get: () => {
      reads += 1;
      if (reads > 1) throw new Error(`${field} read a second time`);
      return value;
    },
  });
  return { object, reads: () => reads };
}

export const freshTenant = (): string => `tenant-${run}-${++tenants}`;

/** A service over `store` with a clock the test moves and ids `…-id-1`, `…-id-2`, … */
export interface Fixture {
  readonly itsm: Itsm;
  readonly store: ItsmStore;
  readonly tenant: string;
  /** Moves the clock on by `ms`. */
  readonly advance: (ms: number) => void;
  /** The clock, as an instant. */
  readonly now: () => string;
}

let services = 0;
/**
 * A service over `store` for a fresh tenant, its clock at {@link OPENED}; or, with `resume`, a
 * second service over the same tenant and store from a later instant — a host restarted with
 * other options.
 */
export function fixture(store: ItsmStore, options: Partial<ItsmOptions> = {}, resume: { tenant: string; at: string } | undefined = undefined): Fixture {
  let current = Date.parse(resume?.at ?? OPENED);
  let ids = 0;
  const tenant = resume?.tenant ?? freshTenant();
  const service = ++services;
  const itsm = createItsm({
    store,
    calendars: { service_desk: alwaysOpen },
    slaPolicies: { incident: DEFAULT_INCIDENT_SLA_POLICY },
    clock: () => new Date(current),
    ids: () => `${tenant}-${service}-id-${++ids}`,
    ...options,
  });
  return {
    itsm,
    store,
    tenant,
    advance: (ms) => {
      current += ms;
    },
    now: () => new Date(current).toISOString(),
  };
}

const PRACTICES = ['incident', 'problem', 'known_error', 'change', 'asset', 'service_request', 'request_item', 'fulfilment_task', 'configuration_item', 'ci_relationship'];
const KINDS = [...PRACTICES.flatMap((kind) => [kind, `${kind}_sla`, `${kind}_idempotency`]), 'ci_relationship_revision'];

/**
 * Everything a tenant has in a store: every record of the service's kinds, every audit entry
 * of them, the pending outbox and the next record number. Equal snapshots before and after a
 * command mean it wrote nothing.
 */
export async function snapshot(store: ItsmStore, tenant: string): Promise<unknown> {
  const rows: Record<string, unknown> = {};
  const audit: Record<string, unknown> = {};
  await store.transaction(async (tx) => {
    for (const kind of KINDS) {
      const page = await tx.records(kind).query(tenant, { limit: 500 });
      rows[kind] = page.items;
      if (PRACTICES.includes(kind)) for (const { record } of page.items) audit[record.id] = await tx.audit.list(tenant, kind, record.id);
    }
    rows.outbox = await tx.outbox.pending(tenant, { limit: 500 });
  });
  const numbers: Record<string, number> = {};
  for (const kind of PRACTICES) numbers[kind] = await peekNumber(store, tenant, kind);
  return { rows, audit, numbers };
}

const PEEK = new Error('peek');
/** The next number of a kind, drawn in a transaction that is rolled back so nothing is used up. */
async function peekNumber(store: ItsmStore, tenant: string, kind: string): Promise<number> {
  let next = 0;
  await store
    .transaction(async (tx) => {
      next = await tx.numbering.next(tenant, kind);
      throw PEEK;
    })
    .catch((error: unknown) => {
      if (error !== PEEK) throw error;
    });
  return next;
}

/**
 * A store whose record updates of `kind` lose a race `times` times (a conflict, as when another
 * writer got there first), then behave.
 */
export function racingStore(store: ItsmStore, kind: string, times: number): ItsmStore & { readonly lost: () => number } {
  let lost = 0;
  const wrap = (tx: StoreTransaction): StoreTransaction => ({
    audit: tx.audit,
    outbox: tx.outbox,
    numbering: tx.numbering,
    records: ((asked: string) => {
      const repository = tx.records(asked);
      if (asked !== kind) return repository;
      return {
        ...repository,
        get: repository.get.bind(repository),
        getByNumber: repository.getByNumber.bind(repository),
        insert: repository.insert.bind(repository),
        query: repository.query.bind(repository),
        update: async (tenantId, record, options) => {
          if (lost < times) {
            lost++;
            throw new ConflictError('another writer won', { kind });
          }
          return repository.update(tenantId, record, options);
        },
      } as typeof repository;
    }) as StoreTransaction['records'],
  });
  return {
    transaction: (work) => store.transaction((tx) => work(wrap(tx))),
    close: () => store.close(),
    lost: () => lost,
  };
}

import { readArgument } from '../core/unreadable-argument';
import { issue, ValidationError } from '../core/validation-error';
import { isPostgresDriver, type PostgresDriver } from './postgres-driver';

/** One schema version: the statements that take the schema from the version before to it. */
interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

// Every key starts with tenant_id, so the tables can be distributed by tenant_id on Citus (see
// docs/storage.md). Text columns use the "C" collation: byte order of UTF-8, which is code
// point order, the order the memory adapter sorts in, and the order in which the fixed-format
// UTC instants sort as times.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'records, audit log, outbox, counters',
    statements: [
      `CREATE TABLE itsm_records (
        tenant_id text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        number text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        state text COLLATE "C",
        assignee text COLLATE "C",
        assignment_group text COLLATE "C",
        priority integer,
        sla_due_at text COLLATE "C",
        created_at text COLLATE "C" NOT NULL,
        updated_at text COLLATE "C" NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, kind, id),
        UNIQUE (tenant_id, kind, number)
      )`,
      'CREATE INDEX itsm_records_state ON itsm_records (tenant_id, kind, state, id)',
      'CREATE INDEX itsm_records_assignee ON itsm_records (tenant_id, kind, assignee, id)',
      'CREATE INDEX itsm_records_assignment_group ON itsm_records (tenant_id, kind, assignment_group, id)',
      'CREATE INDEX itsm_records_priority ON itsm_records (tenant_id, kind, priority, id)',
      'CREATE INDEX itsm_records_updated_at ON itsm_records (tenant_id, kind, updated_at, id)',
      'CREATE INDEX itsm_records_sla_due_at ON itsm_records (tenant_id, kind, sla_due_at, id) WHERE sla_due_at IS NOT NULL',
      `CREATE TABLE itsm_audit (
        tenant_id text COLLATE "C" NOT NULL,
        sequence bigint GENERATED ALWAYS AS IDENTITY,
        record_kind text COLLATE "C" NOT NULL,
        record_id text COLLATE "C" NOT NULL,
        entry jsonb NOT NULL,
        PRIMARY KEY (tenant_id, sequence)
      )`,
      'CREATE INDEX itsm_audit_record ON itsm_audit (tenant_id, record_kind, record_id, sequence)',
      `CREATE TABLE itsm_outbox (
        tenant_id text COLLATE "C" NOT NULL,
        sequence bigint GENERATED ALWAYS AS IDENTITY,
        event jsonb NOT NULL,
        published boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, sequence)
      )`,
      'CREATE INDEX itsm_outbox_pending ON itsm_outbox (tenant_id, sequence) WHERE NOT published',
      `CREATE TABLE itsm_counters (
        tenant_id text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (tenant_id, kind)
      )`,
    ],
  },
];

/** The schema version this release of the library needs. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** What {@link migratePostgres} did. */
export interface MigrationResult {
  /** The schema version before. 0 for an empty database. */
  readonly from: number;
  /** The schema version now. */
  readonly to: number;
  /** The versions applied, in order; empty when the schema was up to date. */
  readonly applied: readonly number[];
}

/**
 * Brings the database's itsm-kit tables to the version this release needs. Idempotent: run it
 * at every start. Each version is applied in its own transaction, holding a transaction-level
 * advisory lock so that several processes starting at once apply it exactly once.
 *
 * @param driver - from `pgPoolDriver` or `pgliteDriver`
 * @returns the versions before and after, and those applied
 * @throws the driver's error when a statement fails; the failing version is rolled back whole.
 *   {@link ValidationError} naming `driver` when the driver answers otherwise than
 *   `{ rows: [{ version }] }` with a whole number (a table `itsm_migrations` of another program),
 *   before anything is applied
 *
 * @example
 * ```ts
 * const { applied } = await migratePostgres(driver);
 * ```
 */
export async function migratePostgres(driver: PostgresDriver): Promise<MigrationResult> {
  if (!isPostgresDriver(driver)) throw new ValidationError([issue(['driver'], 'must be made by pgPoolDriver() or pgliteDriver(), or have query() and transaction()')], 'argument');
  const current = async (client: { query: PostgresDriver['query'] }): Promise<number> => {
    const answer: unknown = await client.query('SELECT max(version) AS version FROM itsm_migrations');
    // What the driver answers is read as data: a driver that answers otherwise, or a table of
    // that name from another program, stops the run before it applies anything.
    return readArgument(['driver'], () => migrationVersion(answer));
  };
  // Every step holds a transaction-level advisory lock on a fixed key ('itsm' in hex), so
  // processes starting together take turns; whoever waited re-reads the version.
  const lock = (client: { query: PostgresDriver['query'] }) => usable(client).query('SELECT pg_advisory_xact_lock(1769173869)');
  const from: unknown = await driver.transaction(async (client) => {
    await lock(client);
    await client.query('CREATE TABLE IF NOT EXISTS itsm_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    return current(client);
  });
  if (typeof from !== 'number') throw new ValidationError([issue(['driver'], 'must answer transaction() with what its work returned')], 'argument');
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    await driver.transaction(async (client) => {
      await lock(client);
      if ((await current(client)) >= migration.version) return;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO itsm_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
      applied.push(migration.version);
    });
  }
  return { from, to: await current(driver), applied };
}

/** The version in the answer to `SELECT max(version)`, or a validation error naming the driver. */
function migrationVersion(answer: unknown): number {
  const rows = typeof answer === 'object' && answer !== null ? (answer as { rows?: unknown }).rows : undefined;
  const value: unknown = Array.isArray(rows) ? (rows.length === 0 ? null : (rows[0] as { version?: unknown } | null)?.version) : undefined;
  // Our column is an integer, which the drivers answer as a number (a bigint from some). A text,
  // even of digits, is another program's column, whose max() would not even order numerically.
  const version = value === null ? 0 : typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new ValidationError([issue(['driver'], 'must answer the migration version as { rows: [{ version }] } with a whole number; is itsm_migrations a table of another program?')], 'argument');
  }
  return version;
}

/** A client handed to the work of a transaction, checked to have `query`. */
function usable(client: unknown): { query: PostgresDriver['query'] } {
  const query = readArgument(['driver'], () => (typeof client === 'object' && client !== null ? (client as { query?: unknown }).query : undefined));
  if (typeof query !== 'function') throw new ValidationError([issue(['driver'], 'must hand the work of a transaction a client with query()')], 'argument');
  return client as { query: PostgresDriver['query'] };
}

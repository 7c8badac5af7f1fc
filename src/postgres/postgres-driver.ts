import { readArgument } from '../core/unreadable-argument';
import { issue, ValidationError } from '../core/validation-error';

/** The result shape both node-postgres and PGlite return: the rows. */
export interface PostgresResult<T> {
  readonly rows: T[];
}

/**
 * Anything that runs a parameterised statement: a `pg.Pool`, a `pg.PoolClient`, a PGlite
 * database or transaction. Typed structurally, so neither `pg` nor PGlite is a dependency.
 */
export interface PostgresQueryable {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PostgresResult<T>>;
}

/** A queryable that can also run a transaction on one connection, and be closed. */
export interface PostgresDriver extends PostgresQueryable {
  /** Runs `work` between BEGIN and COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(work: (client: PostgresQueryable) => Promise<T>): Promise<T>;
  /** Closes the pool or database. */
  close(): Promise<void>;
}

/**
 * Whether `value` has the driver's shape, `query()` and `transaction()`; one that throws when
 * read (a revoked proxy, a getter) is bad input too. @internal
 */
export function isPostgresDriver(value: unknown): value is PostgresDriver {
  if (typeof value !== 'object' || value === null) return false;
  const { query, transaction } = readArgument(['driver'], () => ({ query: (value as Partial<PostgresDriver>).query, transaction: (value as Partial<PostgresDriver>).transaction }));
  return typeof query === 'function' && typeof transaction === 'function';
}

/** The parts of a node-postgres `Pool` the driver uses. */
export interface PgPoolLike extends PostgresQueryable {
  connect(): Promise<PostgresQueryable & { release(error?: Error | boolean): void }>;
  end(): Promise<void>;
}

/** The parts of a PGlite database the driver uses. */
export interface PGliteLike extends PostgresQueryable {
  transaction<T>(work: (tx: PostgresQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A driver over a node-postgres pool: each transaction takes a client from the pool, so
 * transactions run concurrently, as many as the pool has connections.
 *
 * @param pool - a `new pg.Pool({ connectionString })`
 * @returns the driver, for `createPostgresStore` and `migratePostgres`
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const driver = pgPoolDriver(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * ```
 */
export function pgPoolDriver(pool: PgPoolLike): PostgresDriver {
  const { query, connect, end } = methodsOf(pool, 'pool', ['query', 'connect', 'end'], 'a node-postgres Pool');
  return {
    query: (text, values) => query(text, values),
    async transaction<T>(work: (client: PostgresQueryable) => Promise<T>): Promise<T> {
      const client = await connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot even roll back is not given back to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken ?? false);
      }
    },
    close: () => end(),
  };
}

/**
 * A driver over PGlite, PostgreSQL compiled to WebAssembly: a database in a directory or in
 * memory, no server. PGlite has one connection, so its transactions run one at a time.
 *
 * @param db - a `new PGlite(dataDir)` or `await PGlite.create()`
 * @returns the driver, for `createPostgresStore` and `migratePostgres`
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const driver = pgliteDriver(new PGlite('./itsm-data'));
 * ```
 */
export function pgliteDriver(db: PGliteLike): PostgresDriver {
  const { query, transaction, close } = methodsOf(db, 'db', ['query', 'transaction', 'close'], 'a PGlite database');
  return {
    query: (text, values) => query(text, values),
    transaction: (work) => transaction((tx) => work(tx)),
    close: () => close(),
  };
}

/**
 * The methods a driver calls, read once and bound: a pool or database without them, or one
 * that throws when they are read, is refused here, where it is given, not at its first query.
 */
function methodsOf<T extends object, K extends keyof T & string>(value: T, name: string, names: readonly K[], what: string): Pick<T, K> {
  const methods = readArgument([name], () => {
    if (typeof value !== 'object' || value === null) return undefined;
    const found: Partial<Pick<T, K>> = {};
    for (const method of names) {
      const member: unknown = value[method];
      if (typeof member !== 'function') return undefined;
      found[method] = (member as (...args: unknown[]) => unknown).bind(value) as T[K];
    }
    return found as Pick<T, K>;
  });
  if (methods === undefined) throw new ValidationError([issue([name], `must be ${what}, with ${names.join(', ')}`)], 'argument');
  return methods;
}

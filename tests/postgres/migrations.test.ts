import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migratePostgres, pgliteDriver, pgPoolDriver, POSTGRES_SCHEMA_VERSION, type PostgresDriver } from '../../src/postgres/index';

async function tables(driver: PostgresDriver): Promise<string[]> {
  const { rows } = await driver.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'itsm%' ORDER BY 1",
  );
  return rows.map((row) => row.name);
}

const backends: [string, () => Promise<{ driver: () => PostgresDriver; done: () => Promise<void> }>][] = [
  [
    'PGlite',
    async () => {
      const db = await PGlite.create();
      const driver = pgliteDriver(db);
      return { driver: () => driver, done: () => db.close() };
    },
  ],
];
const url = process.env.ITSM_TEST_PG_URL;
if (url !== undefined && url !== '') {
  backends.push([
    'PostgreSQL',
    async () => {
      // A schema of its own, so the test starts from an empty database without touching others.
      const schema = `itsm_migrations_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Pool({ connectionString: url, max: 1 });
      await admin.query(`CREATE SCHEMA ${schema}`);
      const pools: pg.Pool[] = [];
      return {
        driver: () => {
          const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
          pools.push(pool);
          return pgPoolDriver(pool);
        },
        done: async () => {
          await Promise.all(pools.map((pool) => pool.end()));
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  ]);
}

// Starting PGlite takes seconds on a busy machine; a migration run is never timed here.
const TIMEOUT_MS = 60_000;

describe.each(backends)('migratePostgres on %s', (_name, backend) => {
  it('creates the schema on an empty database, then does nothing on every later run', async () => {
    const { driver, done } = await backend();
    try {
      const db = driver();
      expect(await migratePostgres(db)).toEqual({ from: 0, to: POSTGRES_SCHEMA_VERSION, applied: [1] });
      expect(await tables(db)).toEqual(['itsm_audit', 'itsm_counters', 'itsm_migrations', 'itsm_outbox', 'itsm_records']);
      expect(await migratePostgres(db)).toEqual({ from: POSTGRES_SCHEMA_VERSION, to: POSTGRES_SCHEMA_VERSION, applied: [] });
    } finally {
      await done();
    }
  }, TIMEOUT_MS);

  it('applies each version exactly once when several processes migrate at the same time', async () => {
    const { driver, done } = await backend();
    try {
      const drivers = Array.from({ length: 4 }, () => driver());
      const results = await Promise.all(drivers.map((db) => migratePostgres(db)));
      expect(results.flatMap((result) => result.applied)).toEqual([1]);
      expect(results.every((result) => result.to === POSTGRES_SCHEMA_VERSION)).toBe(true);
    } finally {
      await done();
    }
  }, TIMEOUT_MS);

  it('keys every table by tenant first, so it can be distributed by tenant_id', async () => {
    const { driver, done } = await backend();
    try {
      const db = driver();
      await migratePostgres(db);
      const { rows } = await db.query<{ table: string; first: string }>(
        `SELECT c.conrelid::regclass::text AS table, a.attname AS first
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text LIKE 'itsm%' AND c.conrelid::regclass::text <> 'itsm_migrations'`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (const row of rows) expect(row, row.table).toMatchObject({ first: 'tenant_id' });
    } finally {
      await done();
    }
  }, TIMEOUT_MS);
});

describe('migratePostgres reads what the driver answers as data', () => {
  /** The code and first issue's path of what the run threw, or what it returned. */
  const run = async (driver: unknown): Promise<unknown> => {
    try {
      return await migratePostgres(driver as PostgresDriver);
    } catch (error) {
      const { code, issues } = error as { code?: unknown; issues?: { path: unknown }[] };
      return code === undefined ? `raw ${String(error)}` : [code, issues?.[0]?.path];
    }
  };
  const answering = (answer: () => unknown): PostgresDriver => {
    const query = (() => Promise.resolve(answer())) as unknown as PostgresDriver['query'];
    return { query, transaction: (work) => work({ query }), close: () => Promise.resolve() };
  };

  it.each<[string, () => unknown]>([
    ['no result', () => undefined],
    ['a result without rows', () => ({})],
    ['a version that is no number', () => ({ rows: [{ version: 'abc' }] })],
    ['a negative version', () => ({ rows: [{ version: -1 }] })],
  ])('refuses a driver answering %s, naming the driver', async (_name, answer) => {
    expect(await run(answering(answer))).toEqual(['validation', ['driver']]);
  });

  it('refuses a driver whose transaction answers otherwise than its work, or hands it no client', async () => {
    const query = (() => Promise.resolve({ rows: [] })) as unknown as PostgresDriver['query'];
    const close = (): Promise<void> => Promise.resolve();
    expect(await run({ query, transaction: () => Promise.resolve('garbage'), close })).toEqual(['validation', ['driver']]);
    expect(await run({ query, transaction: (work: (client: unknown) => Promise<unknown>) => work(null), close })).toEqual(['validation', ['driver']]);
  });

  it('takes a bigint as the version, as some drivers answer an integer, but not a text of digits', async () => {
    expect(await run(answering(() => ({ rows: [{ version: BigInt(POSTGRES_SCHEMA_VERSION) }] })))).toMatchObject({ from: POSTGRES_SCHEMA_VERSION, applied: [] });
    // A text column is another program's, and its max() orders '9' after '10'.
    expect(await run(answering(() => ({ rows: [{ version: '9' }] })))).toEqual(['validation', ['driver']]);
  });

  it('stops before applying anything when another program owns a table of that name', async () => {
    const db = await PGlite.create();
    try {
      const driver = pgliteDriver(db);
      await driver.query('CREATE TABLE itsm_migrations (version text)');
      await driver.query("INSERT INTO itsm_migrations VALUES ('abc')");
      expect(await run(driver)).toEqual(['validation', ['driver']]);
      expect(await tables(driver)).toEqual(['itsm_migrations']);
    } finally {
      await db.close();
    }
  }, TIMEOUT_MS);
});

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { createMemoryStore } from '../../src/index';
import { createPostgresStore, migratePostgres, pgliteDriver, pgPoolDriver, type PostgresDriver } from '../../src/postgres/index';
import { storeConformanceSuite } from '../../src/testing/index';

storeConformanceSuite({ describe, it }, () => createMemoryStore(), { name: 'memory' });

// One PGlite database for the file: PGlite takes a moment to start, and the suite keeps tests
// apart by tenant. Its stores therefore must not close it.
let pglite: Promise<PostgresDriver> | undefined;
const sharedPglite = (): Promise<PostgresDriver> =>
  (pglite ??= (async () => {
    const driver = pgliteDriver(await PGlite.create());
    await migratePostgres(driver);
    return driver;
  })());
storeConformanceSuite({ describe, it }, async () => createPostgresStore(await sharedPglite()), { name: 'PGlite', closeStores: false });

const url = process.env.ITSM_TEST_PG_URL;
let pool: pg.Pool | undefined;
if (url !== undefined && url !== '') {
  pool = new pg.Pool({ connectionString: url, max: 20 });
  const driver = pgPoolDriver(pool);
  const migrated = migratePostgres(driver);
  storeConformanceSuite({ describe, it }, async () => {
    await migrated;
    return createPostgresStore(driver);
  }, { name: 'PostgreSQL', closeStores: false });
}

afterAll(async () => {
  await pool?.end();
  await (await pglite)?.close();
});

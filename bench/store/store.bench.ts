/**
 * The store benchmark: commands per second — read a record, write its next version with a
 * version check, append an audit entry, enqueue an outbox event, in one transaction — through
 * the adapters, against the same writes done by hand in the same run, with 1 and 16 concurrent
 * clients, on memory, PGlite and (when ITSM_TEST_PG_URL or ITSM_BENCH_PG_URL is set) PostgreSQL.
 *
 *   npm run bench:store              full run, about three minutes
 *   npm run bench:store -- --quick   smoke run; figures are not meaningful
 */
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createMemoryStore, type ItsmStore } from '../../src/index';
import { createPostgresStore, migratePostgres, pgliteDriver, pgPoolDriver, type PostgresDriver } from '../../src/postgres/index';
import { auditEntry, event, rawMemoryCommand, rawSqlCommand, type BenchRecord, type Command } from './raw-baseline';

const QUICK = process.argv.includes('--quick');
const DURATION_MS = QUICK ? 300 : 2000;
const ROUNDS = QUICK ? 1 : 5;
const RECORDS_PER_CLIENT = 8;
const CLIENTS = [1, 16] as const;

function adapterCommand(store: ItsmStore): Command {
  return (tenant, id, now) =>
    store.transaction(async (tx) => {
      const repository = tx.records<BenchRecord>('incident');
      const { record } = (await repository.get(tenant, id))!;
      const next = { ...record, version: record.version + 1, updatedAt: now, counter: record.counter + 1 };
      await repository.update(tenant, next, { expectedVersion: record.version });
      await tx.audit.append(tenant, [auditEntry(tenant, id, next.version, now)]);
      await tx.outbox.enqueue(tenant, [event(tenant, next, now)]);
    });
}

const record = (tenantId: string, id: string): BenchRecord => ({
  id,
  tenantId,
  number: `B-${id}`,
  version: 1,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  state: 'in_progress',
  counter: 0,
});

/** Commands per second with `clients` clients, each on records of its own, for a fixed time. */
async function throughput(command: Command, tenant: string, clients: number): Promise<number> {
  const deadline = performance.now() + DURATION_MS;
  let done = 0;
  let tick = Date.parse('2026-11-23T09:00:00.000Z');
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await command(tenant, `c${client}-r${i % RECORDS_PER_CLIENT}`, new Date(tick++).toISOString());
        done++;
      }
    }),
  );
  return done / (DURATION_MS / 1000);
}

interface Backend {
  readonly name: string;
  readonly adapter: Command;
  readonly baseline: Command;
  readonly seed: (tenant: string) => Promise<void>;
  readonly close: () => Promise<void>;
}

async function seedThroughStore(store: ItsmStore, tenant: string): Promise<void> {
  await store.transaction(async (tx) => {
    for (let client = 0; client < Math.max(...CLIENTS); client++) {
      for (let i = 0; i < RECORDS_PER_CLIENT; i++) await tx.records('incident').insert(tenant, record(tenant, `c${client}-r${i}`));
    }
  });
}

async function postgresBackend(name: string, driver: PostgresDriver): Promise<Backend> {
  await migratePostgres(driver);
  const store = createPostgresStore(driver);
  return { name, adapter: adapterCommand(store), baseline: rawSqlCommand(driver), seed: (tenant) => seedThroughStore(store, tenant), close: () => store.close() };
}

async function backends(): Promise<Backend[]> {
  const memory = createMemoryStore();
  const raw = rawMemoryCommand();
  const list: Backend[] = [
    {
      name: 'memory',
      adapter: adapterCommand(memory),
      baseline: raw.command,
      seed: async (tenant) => {
        await seedThroughStore(memory, tenant);
        for (let client = 0; client < Math.max(...CLIENTS); client++) for (let i = 0; i < RECORDS_PER_CLIENT; i++) raw.seed(record(tenant, `c${client}-r${i}`));
      },
      close: () => memory.close(),
    },
    await postgresBackend('PGlite', pgliteDriver(await PGlite.create())),
  ];
  const url = process.env.ITSM_BENCH_PG_URL ?? process.env.ITSM_TEST_PG_URL;
  if (url !== undefined && url !== '') list.push(await postgresBackend('PostgreSQL', pgPoolDriver(new pg.Pool({ connectionString: url, max: 16 }))));
  else console.log('(PostgreSQL skipped: set ITSM_BENCH_PG_URL or ITSM_TEST_PG_URL)');
  return list;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (value: number): string => value.toFixed(0).padStart(8);

console.log(`store bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${DURATION_MS} ms per measure, median of ${ROUNDS} rounds${QUICK ? ' (quick: not meaningful)' : ''}`);
console.log('backend      clients  adapter/s  baseline/s  overhead (baseline/adapter)');
for (const backend of await backends()) {
  for (const clients of CLIENTS) {
    const adapter: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh records for every measurement, so neither side runs on rows the other has
      // already updated (PGlite has no autovacuum); the side that goes first alternates.
      const measure = async (command: Command, side: string): Promise<number> => {
        const tenant = `bench-${backend.name}-${clients}-${round}-${side}-${Date.now()}`;
        await backend.seed(tenant);
        return throughput(command, tenant, clients);
      };
      if (round % 2 === 0) {
        adapter.push(await measure(backend.adapter, 'adapter'));
        baseline.push(await measure(backend.baseline, 'baseline'));
      } else {
        baseline.push(await measure(backend.baseline, 'baseline'));
        adapter.push(await measure(backend.adapter, 'adapter'));
      }
    }
    const [a, b] = [median(adapter), median(baseline)];
    console.log(`${backend.name.padEnd(12)} ${String(clients).padStart(7)} ${fmt(a)}   ${fmt(b)}     ${(b / a).toFixed(2)}×`);
  }
  await backend.close();
}

// Keeping records: an incident opened and worked through its lifecycle, each change written in
// one transaction — the new version with its expected version, the audit entries from the
// patches, the events into the outbox — on PGlite, PostgreSQL in-process with no server. Then a
// lost race shown as a conflict, the audit trail, and the outbox drained.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import {
  applyIncidentEvent,
  formatRecordNumber,
  isItsmError,
  openIncident,
  DEFAULT_RECORD_NUMBER_FORMATS,
  type Incident,
  type IncidentEvent,
  type ItsmStore,
  type RecordChange,
} from 'itsm-kit';
import { createPostgresStore, migratePostgres, pgliteDriver } from 'itsm-kit/postgres';

const tenant = 'acme';
const agent = { kind: 'user', id: 'agent-7', name: 'Ada Agent' } as const;
let clock = Date.parse('2026-11-23T08:00:00.000Z');
const context = () => ({ now: new Date((clock += 5 * 60_000)), actor: agent, newId: randomUUID });

const driver = pgliteDriver(await PGlite.create()); // new PGlite('./itsm-data') keeps it on disk
console.log('migrations applied:', (await migratePostgres(driver)).applied);
const store: ItsmStore = createPostgresStore(driver);

/** Writes a change: the record (with its expected version), its audit entries and its events. */
async function save(change: RecordChange<Incident>): Promise<void> {
  await store.transaction(async (tx) => {
    const incidents = tx.records<Incident>('incident');
    if (change.previous === undefined) await incidents.insert(tenant, change.record);
    else await incidents.update(tenant, change.record, { expectedVersion: change.previous.version });
    const [event] = change.events;
    await tx.audit.append(tenant, [
      { tenantId: tenant, recordKind: 'incident', recordId: change.record.id, version: change.record.version, at: change.record.updatedAt, actor: agent, action: event!.type, patches: change.patches },
    ]);
    await tx.outbox.enqueue(tenant, change.events);
  });
}

// Opening: the number comes from the store's numbering, in the same kind of transaction.
const sequence = await store.transaction((tx) => tx.numbering.next(tenant, 'incident'));
const opened = openIncident(
  { shortDescription: 'Mail delivery delayed by 30 minutes', caller: { kind: 'user', id: 'u-42' }, impact: 2, urgency: 2 },
  { ...context(), tenantId: tenant, number: formatRecordNumber(DEFAULT_RECORD_NUMBER_FORMATS.incident, sequence) },
);
await save(opened);

let incident = opened.record;
for (const event of [
  { type: 'start' },
  { type: 'put_on_hold', reason: 'awaiting_vendor', note: 'Case 8812 opened with the mail provider' },
  { type: 'resume' },
  { type: 'resolve', resolutionCode: 'solved_remotely', resolutionNotes: 'Provider cleared its queue' },
] satisfies IncidentEvent[]) {
  const change = applyIncidentEvent(incident, event, context());
  await save(change);
  incident = change.record;
}

// A second writer that read version 1 loses: the store refuses its stale expected version.
const stale = applyIncidentEvent(opened.record, { type: 'cancel', reason: 'duplicate' }, context());
try {
  await save(stale);
  assert.fail('the stale write should have been refused');
} catch (error) {
  assert.ok(isItsmError(error) && error.code === 'conflict');
  console.log(`stale write refused: ${error.message}`);
}

const stored = await store.transaction((tx) => tx.records<Incident>('incident').getByNumber(tenant, incident.number));
console.log(`${stored?.record.number} is ${stored?.record.state} at version ${stored?.record.version}`);

console.log('\naudit trail:');
for (const entry of await store.transaction((tx) => tx.audit.list(tenant, 'incident', incident.id))) {
  console.log(`  v${entry.version} ${entry.action.padEnd(22)} ${entry.patches.map((patch) => patch.path.join('.')).join(', ')}`);
}

const pending = await store.transaction((tx) => tx.outbox.pending(tenant));
console.log(`\n${pending.length} events to publish: ${pending.map((message) => message.event.type).join(', ')}`);
await store.transaction((tx) => tx.outbox.markPublished(tenant, pending.map((message) => message.sequence)));
assert.equal((await store.transaction((tx) => tx.outbox.pending(tenant))).length, 0);
await store.close();

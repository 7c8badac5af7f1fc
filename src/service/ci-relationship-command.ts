import { z } from 'zod';
import { CI_RELATIONSHIP_KIND, safeAddCiRelationship } from '../cmdb/add-ci-relationship';
import { AddCiRelationshipInput, ciRelationshipOf, type CiRelationshipRecord } from '../cmdb/ci-relationship-record.schema';
import type { CiRelationship } from '../cmdb/ci-relationship.schema';
import type { ConfigurationItem } from '../cmdb/configuration-item.schema';
import { parseWith } from '../core/from-zod';
import type { ItsmError } from '../core/itsm-error';
import { NotFoundError } from '../core/not-found-error';
import { ActorRef, RecordId, TenantId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import type { AuditEntry } from '../store/audit-log';
import { MAX_PAGE_SIZE } from '../store/record-query.schema';
import type { StorableRecord } from '../store/record-repository';
import type { StoreTransaction } from '../store/store';
import { inTransaction, unwrap, type CommandSteps } from './command-runner';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { idempotent, recordApi } from './record-commands';
import { checkArguments, OpenCommandOptions, optionsArgument, safely, type ApplyCommandOptions } from './service-arguments';

/** Which relationships `itsm.ciRelationships.list` returns. */
export const ListCiRelationshipsOptions = z.strictObject({
  /** Only those with this item at either end: what it depends on and what depends on it. */
  ciId: RecordId.optional(),
});
/** Which relationships `itsm.ciRelationships.list` returns. */
export type ListCiRelationshipsOptions = z.infer<typeof ListCiRelationshipsOptions>;

/**
 * The relationship commands of {@link Itsm}: add, remove and list the typed links between
 * configuration items. A relationship is kept as a record of kind `ci_relationship` with an
 * audit trail; removing one keeps it, marked removed, and every read leaves it out.
 */
export interface CiRelationshipApi {
  /**
   * Adds a relationship in one transaction: loads both items, checks the relationship with
   * `validateCiRelationship` against the tenant's relationships (type, class pair, both ends
   * items of this tenant and not retired, no self-loop, no duplicate), asks `authorize` for
   * `ci_relationship.add`, and writes it with its audit entry and a `ci_relationship.added`
   * event. It reads every relationship of the tenant for the duplicate check.
   *
   * @param tenantId - the tenant
   * @param actor - who adds it
   * @param input - type, source, target; optionally a description
   * @param options - an idempotency key
   * @returns the relationship
   * @throws `validation` naming the rule broken; `forbidden`; `conflict` for a reused idempotency key
   *
   * @example
   * ```ts
   * await itsm.ciRelationships.add('acme', admin, { type: 'runs_on', sourceId: app.id, targetId: server.id });
   * ```
   */
  add(tenantId: string, actor: ActorRef, input: AddCiRelationshipInput, options?: OpenCommandOptions): Promise<CiRelationship>;
  safeAdd(tenantId: unknown, actor: unknown, input: unknown, options?: unknown): Promise<SafeResult<CiRelationship, ItsmError>>;
  /**
   * Removes a relationship: it is kept, marked removed, with an audit entry and a
   * `ci_relationship.removed` event; `authorize` is asked for `ci_relationship.remove`.
   *
   * @param tenantId - the tenant
   * @param actor - who removes it
   * @param id - the relationship's id
   * @param options - the expected version, a reason for the audit trail, an idempotency key
   * @returns the relationship as it was
   * @throws `not_found`; `forbidden`; `invalid_transition` when it was removed already; `conflict`
   *
   * @example
   * ```ts
   * await itsm.ciRelationships.remove('acme', admin, relationship.id, { reason: 'Migrated to the new cluster' });
   * ```
   */
  remove(tenantId: string, actor: ActorRef, id: string, options?: ApplyCommandOptions): Promise<CiRelationship>;
  safeRemove(tenantId: unknown, actor: unknown, id: unknown, options?: unknown): Promise<SafeResult<CiRelationship, ItsmError>>;
  /**
   * The tenant's relationships that are not removed, in id order; with `ciId`, only those with
   * that item at either end. It reads every relationship of the tenant.
   *
   * @param tenantId - the tenant
   * @param options - an item to list the relationships of
   * @returns the relationships
   * @throws `not_found` when `ciId` is not an item of the tenant
   *
   * @example
   * ```ts
   * const links = await itsm.ciRelationships.list('acme', { ciId: server.id });
   * ```
   */
  list(tenantId: string, options?: ListCiRelationshipsOptions): Promise<CiRelationship[]>;
  safeList(tenantId: unknown, options?: unknown): Promise<SafeResult<CiRelationship[], ItsmError>>;
  /**
   * A relationship's audit trail, oldest first, removed ones included: its patches, applied in
   * order to `{}`, give every version of the stored `CiRelationshipRecord`.
   *
   * @param tenantId - the tenant
   * @param id - the relationship's id
   * @returns the audit entries
   * @throws `not_found`
   *
   * @example
   * ```ts
   * const trail = await itsm.ciRelationships.history('acme', relationship.id);
   * trail.map((entry) => entry.action); // => ['ci_relationship.added', 'ci_relationship.removed']
   * ```
   */
  history(tenantId: string, id: string): Promise<AuditEntry[]>;
  safeHistory(tenantId: unknown, id: unknown): Promise<SafeResult<AuditEntry[], ItsmError>>;
}

/** Every record of a kind in a tenant, page by page. @internal */
export async function allRecords<R extends StorableRecord>(tx: StoreTransaction, kind: string, tenantId: string): Promise<R[]> {
  const records: R[] = [];
  let after: string | undefined;
  do {
    const page = await tx.records<R>(kind).query(tenantId, after === undefined ? { limit: MAX_PAGE_SIZE } : { limit: MAX_PAGE_SIZE, after });
    for (const { record } of page.items) records.push(record);
    after = page.next;
  } while (after !== undefined);
  return records;
}

/** The row every added relationship moves on by one version, so that adds of a tenant take turns. */
interface RelationshipsRevision extends StorableRecord {
  readonly kind: 'ci_relationships';
}
const REVISION_KIND = 'ci_relationship_revision';

/**
 * Takes the tenant's relationship revision in the command's transaction: concurrent adds then
 * write the same row at the same expected version (or insert it twice), so all but one lose the
 * race, run again on fresh data, and see the relationship the winner added. Without it, two adds
 * of one link under read committed would each find no duplicate and both commit.
 */
async function takeRelationshipsTurn(tx: StoreTransaction, tenantId: string, now: string): Promise<void> {
  const revisions = tx.records<RelationshipsRevision>(REVISION_KIND);
  const current = await revisions.get(tenantId, 'relationships');
  if (current === undefined) {
    await revisions.insert(tenantId, { id: 'relationships', tenantId, number: 'relationships', version: 1, createdAt: now, updatedAt: now, kind: 'ci_relationships' });
  } else {
    await revisions.update(tenantId, { ...current.record, version: current.record.version + 1, updatedAt: now }, { expectedVersion: current.record.version });
  }
}

/** The tenant's relationships that are not removed. @internal */
export async function liveRelationships(tx: StoreTransaction, tenantId: string): Promise<CiRelationshipRecord[]> {
  return (await allRecords<CiRelationshipRecord>(tx, CI_RELATIONSHIP_KIND, tenantId)).filter((record) => record.removedAt === undefined);
}

/**
 * The relationship commands over the store, through the shared command steps.
 * @internal
 */
export function ciRelationshipCommands(items: Practice<ConfigurationItem>, relationships: Practice<CiRelationshipRecord>, options: ResolvedItsmOptions, steps: CommandSteps): CiRelationshipApi {
  const records = recordApi<CiRelationshipRecord, { type: 'remove' }>(relationships, options, steps);
  const catalogue = options.ciCatalogue;

  async function add(tenantId: string, actor: ActorRef, input: AddCiRelationshipInput, options_?: OpenCommandOptions): Promise<CiRelationship> {
    // Read once: what is checked is what the command uses.
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['actor', ActorRef, actor],
      ['options', OpenCommandOptions.optional(), given],
    ]);
    const parsed = unwrap(parseWith(AddCiRelationshipInput, input, 'CI relationship'));
    return idempotent(options, { kind: relationships.kind, tenantId, key: given?.idempotencyKey, parsed }, async (tx, now) => {
      await takeRelationshipsTurn(tx, tenantId, now);
      const ends: ConfigurationItem[] = [];
      for (const id of new Set([parsed.sourceId, parsed.targetId])) {
        const stored = await tx.records<ConfigurationItem>(items.kind).get(tenantId, id);
        if (stored !== undefined) ends.push(stored.record);
      }
      const existing = await liveRelationships(tx, tenantId);
      const number = await steps.drawNumber(tx, relationships, tenantId);
      const change = unwrap(safeAddCiRelationship(parsed, { now, actor, newId: steps.newId, tenantId, number, catalogue, items: ends, relationships: existing }));
      const action = `${relationships.kind}.add`;
      await steps.authorize(actor, action, change.record, { tenantId, kind: relationships.kind, next: change.record });
      await steps.write(tx, relationships, tenantId, change, undefined, { actor, now, action: change.events[0]?.type ?? action });
      return { result: ciRelationshipOf(change.record), recordId: change.record.id, number: change.record.number };
    });
  }

  async function remove(tenantId: string, actor: ActorRef, id: string, given?: ApplyCommandOptions): Promise<CiRelationship> {
    return ciRelationshipOf(await records.apply(tenantId, actor, id, { type: 'remove' }, given));
  }

  async function list(tenantId: string, options_?: ListCiRelationshipsOptions): Promise<CiRelationship[]> {
    const given = optionsArgument(options_);
    checkArguments([
      ['tenantId', TenantId, tenantId],
      ['options', ListCiRelationshipsOptions.optional(), given],
    ]);
    const ciId = given?.ciId;
    return inTransaction(options, false, async (tx) => {
      if (ciId !== undefined && (await tx.records(items.kind).get(tenantId, ciId)) === undefined) {
        throw new NotFoundError(`No ${items.kind} with id ${ciId}`, { kind: items.kind, id: ciId });
      }
      const live = await liveRelationships(tx, tenantId);
      return live.filter((record) => ciId === undefined || record.sourceId === ciId || record.targetId === ciId).map(ciRelationshipOf);
    });
  }

  return {
    add,
    safeAdd: (tenantId, actor, input, given) => safely(() => add(tenantId as string, actor as ActorRef, input as AddCiRelationshipInput, given as OpenCommandOptions)),
    remove,
    safeRemove: (tenantId, actor, id, given) => safely(() => remove(tenantId as string, actor as ActorRef, id as string, given as ApplyCommandOptions)),
    list,
    safeList: (tenantId, given) => safely(() => list(tenantId as string, given as ListCiRelationshipsOptions)),
    history: (tenantId, id) => records.history(tenantId, id),
    safeHistory: (tenantId, id) => records.safeHistory(tenantId, id),
  };
}

import { produceWithPatches, type Draft } from 'immer';
import { patchesOn, toPatches } from '../core/apply-lifecycle-event';
import { deepFreeze } from '../core/deep-freeze';
import type { ResolvedContext } from '../core/lifecycle';
import type { DomainEvent, RecordChange, RecordPatch } from '../core/record-change';

/** What every CMDB record has that a change reads. */
interface CmdbRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly number: string;
  readonly version: number;
  readonly updatedAt: string;
}

/**
 * The change that creates `record`: one `add` patch per field, as immer gives for filling an
 * empty object, so the audit trail of every kind starts the same way.
 * @internal
 */
export function creation<R extends CmdbRecord>(kind: string, record: R, what: string, context: ResolvedContext<unknown>, data: Record<string, unknown>): RecordChange<R> {
  const patches: RecordPatch[] = Object.entries(record).map(([key, value]) => ({ op: 'add', path: [key], value: value as unknown }));
  return deepFreeze({ record, previous: undefined, patches, events: [eventOf(kind, record, what, context, data)] });
}

/**
 * The change `recipe` makes to `record` at the next version, with immer's patches.
 * @internal
 */
export function modification<R extends CmdbRecord>(
  kind: string,
  record: R,
  recipe: (draft: Draft<R>) => void,
  context: ResolvedContext<unknown>,
  what: string,
  data: Record<string, unknown>,
): { next: R; patches: RecordPatch[]; events: DomainEvent[] } {
  patchesOn();
  const [next, patches] = produceWithPatches(record, (draft: Draft<R>) => {
    recipe(draft);
    const stamped = draft as unknown as { version: number; updatedAt: string };
    stamped.version = record.version + 1;
    stamped.updatedAt = context.now;
  });
  const recordPatches = toPatches(patches);
  return { next, patches: recordPatches, events: [eventOf(kind, next, what, context, data)] };
}

function eventOf(kind: string, record: CmdbRecord, what: string, context: ResolvedContext<unknown>, data: Record<string, unknown>): DomainEvent {
  return { type: `${kind}.${what}`, tenantId: record.tenantId, recordKind: kind, recordId: record.id, number: record.number, version: record.version, at: context.now, actor: context.actor, data };
}

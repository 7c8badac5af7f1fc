import type { ActorRef, Instant } from './record-fields.schema';

/**
 * One field-level change, in the JSON Patch-like shape immer produces: the audit trail of a
 * record is the list of its patches. `path` is a list of keys and array indexes.
 */
export interface RecordPatch {
  readonly op: 'replace' | 'add' | 'remove';
  readonly path: readonly (string | number)[];
  /** The new value; absent for `remove`. */
  readonly value?: unknown;
}

/**
 * Something that happened to a record, for the host's outbox: notifications, integrations,
 * read models. Raised by the domain functions; never sent by them.
 */
export interface DomainEvent {
  /** `<kind>.<what happened>`, e.g. `incident.resolved`, `incident.put_on_hold`. */
  readonly type: string;
  readonly tenantId: string;
  readonly recordKind: string;
  readonly recordId: string;
  /** The record's human number, e.g. `INC0001001`. */
  readonly number: string;
  /** The version the change produced. */
  readonly version: number;
  readonly at: Instant;
  readonly actor: ActorRef;
  /** Facts of the event: the states before and after, the fields the command gave. */
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * What a domain function returns: the record at its new version, the patches that turn the
 * previous version into it, and the domain events raised. The previous version is unchanged.
 * Everything is deeply frozen.
 */
export interface RecordChange<R> {
  /** The record after the change. */
  readonly record: R;
  /** The record before the change; undefined when the change created it. */
  readonly previous: R | undefined;
  /** Applied to `previous` (or, for a creation, to `{}`), these give `record`. */
  readonly patches: readonly RecordPatch[];
  /** What happened, in order. */
  readonly events: readonly DomainEvent[];
}

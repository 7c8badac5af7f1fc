import type { DomainEvent } from '../core/record-change';

/** A domain event waiting in the outbox, with the sequence that orders and names it. */
export interface OutboxMessage {
  /** Increases with every event enqueued in the store; the id to mark it published with. */
  readonly sequence: number;
  readonly event: DomainEvent;
}

/** Options of {@link Outbox.pending}. */
export interface PendingOptions {
  /** How many messages at most, 1 to 500; 100 by default. */
  readonly limit?: number;
}

/**
 * The outbox of domain events: written in the same transaction as the records they describe,
 * drained by the host (to a queue, webhooks, e-mail) after commit. A message stays pending
 * until marked published, so a crash between sending and marking sends it again: consumers
 * should be idempotent on the message's tenant and `sequence` (one record version can carry several
 * events: a breach scan announces thresholds without writing a version).
 */
export interface Outbox {
  /** Enqueues events in order. Each event's `tenantId` must be `tenantId`. */
  enqueue(tenantId: string, events: readonly DomainEvent[]): Promise<void>;
  /** The oldest pending messages of the tenant, in sequence order. */
  pending(tenantId: string, options?: PendingOptions): Promise<OutboxMessage[]>;
  /** Marks messages published; sequences that are not pending in the tenant are ignored. */
  markPublished(tenantId: string, sequences: readonly number[]): Promise<void>;
}

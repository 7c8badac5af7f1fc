import { z } from 'zod';
import { ActorRef } from '../core/record-fields.schema';
import { CatalogItem } from './catalog-item.schema';
import { Approvers } from './request-event-fields';

/** One catalog item a requester asks for: the item, how many, and the answers to its questions. */
export const RequestedCatalogItem = z.strictObject({
  /** The catalog item, as made by `defineCatalogItem`. */
  catalogItem: CatalogItem,
  quantity: z.int().min(1).max(10_000).default(1),
  /** The answers by variable name; checked against the item's questions. */
  variables: z.record(z.string(), z.unknown()).default({}),
});
/** One catalog item a requester asks for, as given (`quantity` defaults to 1). */
export type RequestedCatalogItem = z.input<typeof RequestedCatalogItem>;

/**
 * What submitting a service request takes from the requester's form; the lifecycles fill in the
 * rest (states, approvals from the catalog items, milestones, numbers and ids from the context).
 */
export const SubmitServiceRequestInput = z
  .strictObject({
    /** Who the request is for; the context's actor is who submits it. */
    requestedFor: ActorRef,
    /** Defaults to the names of the items requested. */
    shortDescription: z.string().min(1, { error: 'must not be empty' }).max(160).optional(),
    description: z.string().min(1, { error: 'must not be empty; leave it out instead' }).max(32_000).optional(),
    /** Who must approve the request as a whole (a manager, a budget holder); leave out when no one. */
    approvers: Approvers.optional(),
    items: z.array(RequestedCatalogItem).min(1, { error: 'must request at least one catalog item' }).max(100),
  })
  .superRefine((input, context) => {
    if (input.requestedFor.kind !== 'user') context.addIssue({ code: 'custom', path: ['requestedFor', 'kind'], message: 'must be user: a request is for a person' });
  });
/** What submitting a service request takes, as given (defaults not yet filled in). */
export type SubmitServiceRequestInput = z.input<typeof SubmitServiceRequestInput>;

import { z } from 'zod';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { byAttributeName, CmdbName } from './ci-class.schema';

/**
 * How a configuration item is doing, as operations last recorded it:
 * - `planned`: ordered or being built, not yet in service;
 * - `operational`: in service and working;
 * - `degraded`: in service, working with reduced capacity or performance;
 * - `down`: in service and not working;
 * - `maintenance`: taken out of service on purpose, for a planned change;
 * - `retired`: out of service for good; it takes no new relationships.
 *
 * The status is a fact about the record; impact analysis works on the set of items the caller
 * says are down, so a what-if ("what if db-1 fails?") needs no change to any record.
 */
export const CiOperationalStatus = z.enum(['planned', 'operational', 'degraded', 'down', 'maintenance', 'retired']);
/** How a configuration item is doing. */
export type CiOperationalStatus = z.infer<typeof CiOperationalStatus>;

/**
 * How many members of a redundancy group (a cluster, a pool, a pair) must be up for the group to
 * be up: a count (`minimumUp`) or a share of its members, rounded up (`minimumUpPercent`).
 * Without a setting every member is needed, as with any other dependency.
 */
export const CiRedundancy = z.union([
  z.strictObject({ minimumUp: z.int().min(1, { error: 'must be at least 1' }).max(1_000_000) }),
  z.strictObject({ minimumUpPercent: z.number().gt(0, { error: 'must be more than 0' }).max(100) }),
]);
/** How many members of a redundancy group must be up. */
export type CiRedundancy = z.infer<typeof CiRedundancy>;

/** The value of a configuration item attribute: text (also instants and references), a number or a yes/no. */
export const CiAttributeValue = z.union([z.string().max(100_000), z.number(), z.boolean()]);
/** The value of a configuration item attribute. */
export type CiAttributeValue = z.infer<typeof CiAttributeValue>;

/**
 * A configuration item (CI): a component that must be managed to deliver a service — a
 * business service, an application, a server, a database, a network device, a cluster. Its
 * `className` names a class of the catalogue, whose attributes (inherited ones included)
 * `attributes` must follow; `validateConfigurationItem` checks that, the schema alone cannot.
 */
export const ConfigurationItem = RecordBase.extend({
  className: CmdbName,
  name: z.string().min(1, { error: 'must not be empty' }).max(200),
  description: z.string().max(32_000).optional(),
  attributes: byAttributeName(CiAttributeValue),
  operationalStatus: CiOperationalStatus,
  /** The group that supports the item; incidents on it are routed there. Must be of kind `group`. */
  supportGroup: ActorRef.optional(),
  /** Present on a redundancy group: how many of its members must be up. */
  redundancy: CiRedundancy.optional(),
  /** A business calendar whose open time is the item's maintenance window, for change scheduling. */
  maintenanceCalendarId: RecordId.optional(),
  /** A business calendar of the hours the item is meant to be available, for availability. */
  serviceCalendarId: RecordId.optional(),
  /** When the item was retired; present exactly when the status is `retired`. */
  retiredAt: Instant.optional(),
}).superRefine((item, context) => {
  if (item.supportGroup !== undefined && item.supportGroup.kind !== 'group') {
    context.addIssue({ code: 'custom', path: ['supportGroup', 'kind'], message: 'must be a group' });
  }
  if (item.operationalStatus === 'retired' && item.retiredAt === undefined) {
    context.addIssue({ code: 'custom', path: ['retiredAt'], message: 'is required once the item is retired' });
  }
  if (item.operationalStatus !== 'retired' && item.retiredAt !== undefined) {
    context.addIssue({ code: 'custom', path: ['retiredAt'], message: `must be absent while the item is ${item.operationalStatus}` });
  }
});
/** A configuration item. */
export type ConfigurationItem = z.infer<typeof ConfigurationItem>;

import { z } from 'zod';
import { ActorRef, RecordId } from '../core/record-fields.schema';
import { byAttributeName, CmdbName } from './ci-class.schema';
import { CiAttributeValue, CiOperationalStatus, CiRedundancy } from './configuration-item.schema';

const Name = z.string().min(1, { error: 'must not be empty' }).max(200);
const Description = z.string().max(32_000);

/** The statuses an item may be put in by hand; `retired` is reached only by the `retire` event, which also stamps `retiredAt`. */
export const CiLiveStatus = CiOperationalStatus.exclude(['retired']);
/** A status an item may be put in by hand. */
export type CiLiveStatus = z.infer<typeof CiLiveStatus>;

/**
 * What registering a configuration item takes from the caller; the record's identity (id,
 * tenant, number, version, times, `openedBy`) comes from the context. The status is
 * `operational` unless given. Whether the attributes fit the class is checked against the
 * catalogue, not by this schema.
 */
export const RegisterConfigurationItemInput = z.strictObject({
  className: CmdbName,
  name: Name,
  description: Description.optional(),
  attributes: byAttributeName(CiAttributeValue).default({}),
  operationalStatus: CiLiveStatus.default('operational'),
  supportGroup: ActorRef.optional(),
  redundancy: CiRedundancy.optional(),
  maintenanceCalendarId: RecordId.optional(),
  serviceCalendarId: RecordId.optional(),
});
/** What registering a configuration item takes, as given (defaults not yet filled in). */
export type RegisterConfigurationItemInput = z.input<typeof RegisterConfigurationItemInput>;

/** The payload of each configuration item event, by type. @internal */
export const CONFIGURATION_ITEM_EVENT_SCHEMAS = {
  update: z.strictObject({
    type: z.literal('update'),
    name: Name.optional(),
    /** `null` removes the description. */
    description: Description.nullable().optional(),
    /** Merged into the item's attributes: each one given is set, `null` removes it, the others stay. */
    attributes: byAttributeName(CiAttributeValue.nullable()).optional(),
    /** `null` removes the support group, the redundancy setting or a calendar. */
    supportGroup: ActorRef.nullable().optional(),
    redundancy: CiRedundancy.nullable().optional(),
    maintenanceCalendarId: RecordId.nullable().optional(),
    serviceCalendarId: RecordId.nullable().optional(),
  }),
  set_status: z.strictObject({ type: z.literal('set_status'), status: CiLiveStatus }),
  retire: z.strictObject({ type: z.literal('retire') }),
} as const;

/**
 * An event for a configuration item:
 * - `update` — change descriptive fields; only the fields given change, `null` removes an
 *   optional one, and `attributes` is merged attribute by attribute;
 * - `set_status` — record how the item is doing (`planned`, `operational`, `degraded`, `down`,
 *   `maintenance`);
 * - `retire` — take the item out of service for good: `retiredAt` is stamped, and the item
 *   accepts no event afterwards (it can still be read, and stays in the history of everything
 *   that referred to it).
 */
export const ConfigurationItemEvent = z.discriminatedUnion('type', [
  CONFIGURATION_ITEM_EVENT_SCHEMAS.update,
  CONFIGURATION_ITEM_EVENT_SCHEMAS.set_status,
  CONFIGURATION_ITEM_EVENT_SCHEMAS.retire,
]);
/** An event for a configuration item. */
export type ConfigurationItemEvent = z.infer<typeof ConfigurationItemEvent>;

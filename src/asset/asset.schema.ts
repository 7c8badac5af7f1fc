import { z } from 'zod';
import { AttachmentRef } from '../core/attachment.schema';
import { JournalEntry } from '../core/journal-entry.schema';
import { RecordBase } from '../core/record-base.schema';
import { ActorRef, Instant, RecordId } from '../core/record-fields.schema';
import { CalendarDate } from '../calendar/calendar.schema';
import { Money, Warranty } from './asset-fields.schema';

/**
 * Where an asset stands in its lifecycle: on order (`ordered`), delivered and being checked in
 * (`received`), on the shelf (`in_stock`), with its user (`in_use`), being repaired
 * (`in_maintenance`), out of service (`retired`) and finally gone (`disposed`); or an order
 * that never became an asset (`canceled`). Listed in lifecycle order.
 */
export const AssetState = z.enum(['ordered', 'received', 'in_stock', 'in_use', 'in_maintenance', 'retired', 'disposed', 'canceled']);
/** Where an asset stands in its lifecycle. */
export type AssetState = z.infer<typeof AssetState>;

/**
 * What an asset is: a physical device (`hardware`: a laptop, a server, a phone) or a piece of
 * software held as an asset (`software`: a boxed product, a perpetual copy, an appliance image).
 * The entitlement to run software is a `SoftwareLicence`, not an asset.
 */
export const AssetKind = z.enum(['hardware', 'software']);
/** What an asset is. */
export type AssetKind = z.infer<typeof AssetKind>;

/**
 * Why an asset was disposed of, for the disposal register: worn out (`end_of_life`), broken
 * beyond repair (`damaged`), `lost`, `stolen`, `sold`, `donated`, sent back under a lease or
 * a return (`returned_to_vendor`), or `other` (say which in the note).
 */
export const DisposalReason = z.enum(['end_of_life', 'damaged', 'lost', 'stolen', 'sold', 'donated', 'returned_to_vendor', 'other']);
/** Why an asset was disposed of. */
export type DisposalReason = z.infer<typeof DisposalReason>;

/** How and when an asset left the organisation. */
export const AssetDisposal = z.strictObject({
  reason: DisposalReason,
  /** The day it left, as the disposal certificate or sale states it. */
  date: CalendarDate,
  note: z.string().min(1, { error: 'must not be empty' }).max(32_000).optional(),
});
/** How and when an asset left the organisation. */
export type AssetDisposal = z.infer<typeof AssetDisposal>;

const Label = z.string().min(1, { error: 'must not be empty' }).max(200);
const Text = z.string().min(1, { error: 'must not be empty' }).max(32_000);

/** The states in which an asset has been received, and must say when. */
const RECEIVED_STATES: readonly AssetState[] = ['received', 'in_stock', 'in_use', 'in_maintenance', 'retired', 'disposed'];
/** The states in which an asset is out of service, and must say when and why. */
const RETIRED_STATES: readonly AssetState[] = ['retired', 'disposed'];
/** Fields only a hardware asset has, and fields only a software asset has. */
const HARDWARE_FIELDS = ['manufacturer', 'model', 'serialNumber'] as const;
const SOFTWARE_FIELDS = ['publisher', 'product', 'productVersion', 'licenceId'] as const;

/** The fields alone, before the checks across them. */
const AssetFields = RecordBase.extend({
  kind: AssetKind,
  /** The label stuck on the asset, unique in the tenant (the store's unique key, not checked here). */
  assetTag: z.string().min(1, { error: 'must not be empty' }).max(64),
  /** What people call it: `ThinkPad T14 Gen 5`, `Adobe Acrobat Pro 2024`. */
  name: Label,
  state: AssetState,
  /** Hardware: who made it. */
  manufacturer: Label.optional(),
  /** Hardware: the model designation. */
  model: Label.optional(),
  /** Hardware: the manufacturer's serial number; known once the asset is received. */
  serialNumber: z.string().min(1, { error: 'must not be empty' }).max(128).optional(),
  /** Software: who publishes it; required for a software asset. */
  publisher: Label.optional(),
  /** Software: the product, as licences name it; required for a software asset. */
  product: Label.optional(),
  /** Software: the version held (`version` is the record's own). */
  productVersion: z.string().min(1, { error: 'must not be empty' }).max(64).optional(),
  /** Software: the licence that entitles its use. */
  licenceId: RecordId.optional(),
  /** The configuration item that represents it in the CMDB. */
  configurationItemId: RecordId.optional(),
  /** Who is accountable for it: a person or a group (a department, a cost centre). */
  owner: ActorRef.optional(),
  /** Who uses it: a user or a group; present exactly while it is `in_use`, kept during maintenance. */
  assignedTo: ActorRef.optional(),
  /** Where it is: a site, a room, a rack. */
  location: Label.optional(),
  /** What it cost, in minor units. */
  cost: Money.optional(),
  /** The purchase order or invoice it was bought under. */
  purchaseOrder: z.string().min(1, { error: 'must not be empty' }).max(64).optional(),
  purchaseDate: CalendarDate.optional(),
  warranty: Warranty.optional(),
  /** Milestones, in order: ordered, received, retired, then canceled (an order dropped). */
  orderedAt: Instant,
  receivedAt: Instant.optional(),
  retiredAt: Instant.optional(),
  /** Why it was taken out of service; present exactly when `retiredAt` is. */
  retirementReason: Text.optional(),
  /** How and when it left; present exactly when it is `disposed`. */
  disposal: AssetDisposal.optional(),
  canceledAt: Instant.optional(),
  journal: z.array(JournalEntry),
  attachments: z.array(AttachmentRef),
});
type AssetField = keyof z.infer<typeof AssetFields>;

/**
 * The asset schema of a lifecycle with added states: `behavesAs` maps each added state to the
 * built-in state whose field rules it follows.
 * @internal
 */
export function assetSchemaFor(behavesAs: ReadonlyMap<string, string>): z.ZodType<Asset> {
  if (behavesAs.size === 0) return Asset;
  const states = z.enum([...AssetState.options, ...behavesAs.keys()] as [string, ...string[]]);
  return AssetFields.extend({ state: states }).superRefine((asset, context) =>
    checkAsset(asset, (behavesAs.get(asset.state) ?? asset.state) as AssetState, context),
  ) as unknown as z.ZodType<Asset>;
}

/**
 * The checks across fields. `rulesOf` is the built-in state whose rules apply; messages name the
 * record's own state, so a vendor's state reads as itself.
 */
function checkAsset(asset: Omit<z.infer<typeof AssetFields>, 'state'> & { state: string }, rulesOf: AssetState, context: z.RefinementCtx): void {
  const issue = (at: AssetField | readonly [AssetField, string], message: string) =>
    context.addIssue({ code: 'custom', path: typeof at === 'string' ? [at] : [...at], message });
  const required = (field: AssetField, present: boolean, why: string) => {
    if (present && asset[field] === undefined) issue(field, `is required ${why}`);
    if (!present && asset[field] !== undefined) issue(field, `must be absent ${why}`);
  };

  // A field of the other kind would be silently ignored by reports and the CMDB, so it is refused.
  const foreign = asset.kind === 'hardware' ? SOFTWARE_FIELDS : HARDWARE_FIELDS;
  for (const field of foreign) if (asset[field] !== undefined) issue(field, `must be absent for a ${asset.kind} asset`);
  if (asset.kind === 'software') {
    if (asset.publisher === undefined) issue('publisher', 'is required for a software asset');
    if (asset.product === undefined) issue('product', 'is required for a software asset');
  }
  if (asset.assignedTo?.kind === 'system') issue(['assignedTo', 'kind'], 'must be a user or a group');

  const state = `while the asset is ${asset.state}`;
  if (rulesOf === 'in_use' && asset.assignedTo === undefined) issue('assignedTo', `is required ${state}`);
  if (rulesOf !== 'in_use' && rulesOf !== 'in_maintenance' && asset.assignedTo !== undefined) issue('assignedTo', `must be absent ${state}`);
  if (RECEIVED_STATES.includes(rulesOf)) required('receivedAt', true, state);
  // A delivery refused at the door was received; an order canceled before it was not.
  else if (rulesOf !== 'canceled') required('receivedAt', false, state);
  const retired = RETIRED_STATES.includes(rulesOf);
  required('retiredAt', retired, state);
  required('retirementReason', retired, state);
  required('disposal', rulesOf === 'disposed', state);
  required('canceledAt', rulesOf === 'canceled', state);

  // Each milestone present must not precede the latest one before it that is present.
  let previous: { field: AssetField; at: Instant } = { field: 'orderedAt', at: asset.orderedAt };
  for (const field of ['receivedAt', 'retiredAt', 'canceledAt'] as const) {
    const at = asset[field];
    if (at === undefined) continue;
    if (at < previous.at) issue(field, `must not be before ${previous.field}`);
    else previous = { field, at };
  }
  if (asset.purchaseDate !== undefined && asset.disposal !== undefined && asset.disposal.date < asset.purchaseDate) {
    issue(['disposal', 'date'], 'must not be before the purchaseDate');
  }
}

/**
 * An IT asset: a device or a piece of software the organisation owns, tracked for its cost,
 * its owner and user, its location and its warranty from order to disposal. Its configuration
 * item (when it has one) is how the CMDB sees it; the asset is how finance and the service desk
 * see it.
 *
 * One record with a `kind` rather than two records: both kinds share the lifecycle, the number
 * series, the repository and almost every field, and differ only in a few fields whose presence
 * the schema checks.
 *
 * The schema checks that the record is consistent with its kind and its state: a software asset
 * names its publisher and product and has no serial number, a hardware asset has no publisher; an
 * asset in use says who uses it; a received one says when; a retired one when and why; a disposed
 * one how and on which day; a canceled order when; and the milestones are in order. Which state
 * may follow which is the lifecycle's business. A lifecycle with states of a vendor's own has its
 * own schema, `lifecycle.schema`.
 */
export const Asset = AssetFields.superRefine((asset, context) => checkAsset(asset, asset.state, context));
/** An IT asset: a device or a piece of software the organisation owns. */
export type Asset = z.infer<typeof Asset>;

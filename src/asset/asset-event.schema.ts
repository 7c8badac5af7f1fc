import { z } from 'zod';
import { AttachmentRef } from '../core/attachment.schema';
import { ActorRef, RecordId } from '../core/record-fields.schema';
import { CalendarDate } from '../calendar/calendar.schema';
import { Money, Warranty } from './asset-fields.schema';
import { AssetKind, DisposalReason } from './asset.schema';

const Label = z.string().min(1, { error: 'must not be empty' }).max(200);
const Note = z.string().min(1, { error: 'must not be empty' }).max(100_000);
const Serial = z.string().min(1, { error: 'must not be empty' }).max(128);

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

/** The descriptive fields a person may set when ordering an asset and change later. */
const descriptive = {
  name: Label.optional(),
  manufacturer: Label.optional(),
  model: Label.optional(),
  serialNumber: Serial.optional(),
  publisher: Label.optional(),
  product: Label.optional(),
  productVersion: z.string().min(1, { error: 'must not be empty' }).max(64).optional(),
  licenceId: RecordId.optional(),
  configurationItemId: RecordId.optional(),
  owner: ActorRef.optional(),
  location: Label.optional(),
  cost: Money.optional(),
  purchaseOrder: z.string().min(1, { error: 'must not be empty' }).max(64).optional(),
  purchaseDate: CalendarDate.optional(),
  warranty: Warranty.optional(),
};

/** The payload of each asset event, by type. @internal */
export const ASSET_EVENT_SCHEMAS = {
  update: event('update', descriptive),
  comment: event('comment', { visibility: z.enum(['work_note', 'comment']), body: Note }),
  attach: event('attach', { attachment: AttachmentRef }),
  receive: event('receive', { serialNumber: Serial.optional(), location: Label.optional(), note: Note.optional() }),
  stock: event('stock', { location: Label.optional(), note: Note.optional() }),
  deploy: event('deploy', { assignedTo: ActorRef, location: Label.optional(), note: Note.optional() }),
  reassign: event('reassign', { assignedTo: ActorRef, location: Label.optional(), note: Note.optional() }),
  return: event('return', { location: Label.optional(), note: Note.optional() }),
  send_to_maintenance: event('send_to_maintenance', { reason: Note, location: Label.optional() }),
  complete_maintenance: event('complete_maintenance', { assignedTo: ActorRef.optional(), note: Note.optional() }),
  retire: event('retire', { reason: Note }),
  reinstate: event('reinstate', { reason: Note }),
  dispose: event('dispose', { reason: DisposalReason, date: CalendarDate, note: Note.optional() }),
  cancel: event('cancel', { reason: Note }),
} as const;

/**
 * An event for an asset's lifecycle: a command a person or the system gives. Which events a
 * state accepts is the lifecycle's business (see `docs/assets.md`); this is their payload.
 * Reasons and notes become work notes in the asset's journal.
 *
 * - `update` — change descriptive fields (location, cost, warranty, owner, CI link, …).
 * - `comment` — a work note or a comment; `attach` — add an attachment (an invoice, a photo).
 * - `receive` (`ordered` → `received`), with the serial number and location found on delivery.
 * - `stock` (`received` → `in_stock`).
 * - `deploy` (`in_stock` → `in_use`) to a user or group; `reassign` (while in use) to another.
 * - `return` (`in_use` or `in_maintenance` → `in_stock`): back on the shelf, no user.
 * - `send_to_maintenance` (`in_stock` or `in_use` → `in_maintenance`) with the reason;
 *   `complete_maintenance` (→ `in_use`, back to the user it had, or to the one given).
 * - `retire` (`in_stock`, `in_use` or `in_maintenance` → `retired`) with the reason;
 *   `reinstate` (`retired` → `in_stock`) when the lifecycle allows it.
 * - `dispose` (`retired` → `disposed`) with the reason and the day it left.
 * - `cancel` (`ordered` or `received` → `canceled`): the order is dropped or the delivery refused.
 */
export const AssetEvent = z.discriminatedUnion('type', [
  ASSET_EVENT_SCHEMAS.update,
  ASSET_EVENT_SCHEMAS.comment,
  ASSET_EVENT_SCHEMAS.attach,
  ASSET_EVENT_SCHEMAS.receive,
  ASSET_EVENT_SCHEMAS.stock,
  ASSET_EVENT_SCHEMAS.deploy,
  ASSET_EVENT_SCHEMAS.reassign,
  ASSET_EVENT_SCHEMAS.return,
  ASSET_EVENT_SCHEMAS.send_to_maintenance,
  ASSET_EVENT_SCHEMAS.complete_maintenance,
  ASSET_EVENT_SCHEMAS.retire,
  ASSET_EVENT_SCHEMAS.reinstate,
  ASSET_EVENT_SCHEMAS.dispose,
  ASSET_EVENT_SCHEMAS.cancel,
]);
/** An event for an asset's lifecycle. */
export type AssetEvent = z.infer<typeof AssetEvent>;

/**
 * What ordering an asset takes from the caller; the lifecycle fills in the rest (state, the
 * `orderedAt` milestone, number and id from the context). Which fields a kind may carry is
 * checked as on the record: a software asset names its publisher and product, a hardware asset
 * has no publisher.
 */
export const OpenAssetInput = z.strictObject({
  kind: AssetKind,
  assetTag: z.string().min(1, { error: 'must not be empty' }).max(64),
  ...descriptive,
  name: Label,
});
/** What ordering an asset takes from the caller. */
export type OpenAssetInput = z.infer<typeof OpenAssetInput>;

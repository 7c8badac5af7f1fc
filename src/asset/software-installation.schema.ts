import { z } from 'zod';
import { RecordId } from '../core/record-fields.schema';

const Label = z.string().min(1, { error: 'must not be empty' }).max(200);

/**
 * One installation of a product on a device, as a discovery tool or an inventory reports it:
 * plain data, not a record. `userId` is needed to count it against a per-user licence and
 * `cores` (the device's processor cores) against a per-core one.
 */
export const SoftwareInstallation = z.strictObject({
  /** The host's id of the installation, echoed back when it is not covered. */
  id: RecordId.optional(),
  publisher: Label,
  product: Label,
  /** The installed version; its leading dotted numbers are compared with licences' ranges. */
  version: z.string().min(1, { error: 'must not be empty' }).max(64).optional(),
  /** The device it is installed on: an asset or CI id, a host name. */
  deviceId: RecordId,
  /** The user it is installed for or used by. */
  userId: RecordId.optional(),
  /** The processor cores of the device. */
  cores: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100_000).optional(),
});
/** One installation of a product on a device. */
export type SoftwareInstallation = z.infer<typeof SoftwareInstallation>;
